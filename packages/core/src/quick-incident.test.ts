import { describe, expect, it } from 'vitest';
import { quickIncident } from './quick-incident';
import { IncidentSchema } from './records/incident';
import { countingRandom, fixedClock } from './testing/fixtures';

describe('quickIncident', () => {
  it('saves just the text, timed now in the given zone', () => {
    const r = quickIncident(
      'He is outside again.',
      fixedClock('2025-06-03T13:05:09.900Z'),
      'Europe/London',
      countingRandom(),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.when).toEqual({
      start: { local: '2025-06-03T14:05:09', zone: 'Europe/London', offset: '+01:00' },
      approximate: false,
    });
    expect(r.value.whatHappened).toBe('He is outside again.');
    expect(IncidentSchema.parse(r.value)).toEqual(r.value);
  });

  it('uses winter time in winter', () => {
    const r = quickIncident(
      'x',
      fixedClock('2025-01-03T13:05:00Z'),
      'Europe/London',
      countingRandom(),
    );
    expect(r.ok && r.value.when.start).toEqual({
      local: '2025-01-03T13:05:00',
      zone: 'Europe/London',
      offset: '+00:00',
    });
  });

  it('fails as a value on blank text', () => {
    expect(
      quickIncident('  ', fixedClock('2025-01-03T13:05:00Z'), 'Europe/London', countingRandom()),
    ).toEqual({
      ok: false,
      reason: 'What happened: Write a few words about what happened.',
    });
  });

  it('treats an unknown zone as a bug', () => {
    expect(() =>
      quickIncident('x', fixedClock('2025-01-03T13:05:00Z'), 'Mars/Olympus', countingRandom()),
    ).toThrow(RangeError);
  });
});
