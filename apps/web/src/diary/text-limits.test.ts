import { describe, expect, it } from 'vitest';
import { emptyDraft, lengthErrors } from './incident-model';
import { isEmptyPerson } from './person-model';
import { counterText, MAX_SHORT_TEXT, showCounter, tooLongMessage } from './text-limits';

describe('text limits', () => {
  it('names the field, says by how much, and what to do', () => {
    expect(tooLongMessage('Location', 1203, 1000, 'What happened')).toBe(
      'Location is too long: 1,203 of 1,000 characters. Shorten it by 203, or put the rest in "What happened".',
    );
    expect(tooLongMessage('What happened', 100_001, 100_000)).toMatch(/split it into two/);
    expect(tooLongMessage('Location', 1000, 1000)).toBeUndefined();
  });

  it('shows the counter near the limit only', () => {
    expect(showCounter(799, 1000)).toBe(false);
    expect(showCounter(800, 1000)).toBe(true);
    expect(counterText(1234, 1000)).toBe('1,234 of 1,000 characters');
  });

  it('marks each long field of the incident form, and none that fit', () => {
    const draft = {
      ...emptyDraft(),
      whatHappened: 'ok',
      locationText: 'x'.repeat(MAX_SHORT_TEXT + 1),
      witnesses: [{ name: 'y'.repeat(MAX_SHORT_TEXT + 5), contact: '' }],
    };
    const errors = lengthErrors(draft);
    expect(Object.keys(errors).sort()).toEqual(['locationText', 'witness0name']);
    expect(errors.locationText).toMatch(/^Location is too long/);
    expect(lengthErrors({ ...emptyDraft(), whatHappened: 'ok' })).toEqual({});
  });
});

describe('an empty person', () => {
  const blank = {
    schema: 1 as const,
    id: 'p' as never,
    role: 'offender' as const,
    relationship: 'unknown' as const,
    names: [],
    phones: [],
    emails: [],
    handles: [],
    vehicles: [],
  };
  it('is one with nothing written about them', () => {
    expect(isEmptyPerson(blank)).toBe(true);
    expect(isEmptyPerson({ ...blank, description: 'Tall' })).toBe(false);
    expect(isEmptyPerson({ ...blank, phones: ['07700 900123'] })).toBe(false);
  });
});
