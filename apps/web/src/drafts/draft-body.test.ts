import { describe, expect, it } from 'vitest';
import {
  draftOfferWords,
  draftSlot,
  draftTimeWords,
  MAX_DRAFT_JSON,
  parseDraftBody,
  restoreValues,
} from './draft-body';
import { peopleAddedIn, routeOfDraft } from './draft-route';

describe('drafts', () => {
  it('names one slot per form and record', () => {
    expect(draftSlot('incident')).toBe('incident:new');
    expect(draftSlot('person', 'p1')).toBe('person:p1');
  });

  it('lays saved values over the empty form only where the shape matches', () => {
    const empty = {
      what: '',
      more: false,
      people: [] as string[],
      id: undefined as string | undefined,
    };
    expect(
      restoreValues(empty, {
        what: 'He was there',
        more: 'yes',
        people: ['a'],
        id: 'i1',
        extra: 1,
      }),
    ).toEqual({ what: 'He was there', more: false, people: ['a'], id: 'i1' });
    expect(restoreValues(empty, { what: 3, people: 'a' })).toEqual(empty);
  });

  it('accepts a form body, refuses anything else and anything too big', () => {
    expect(parseDraftBody({ v: 1, form: 'call', values: { said: 'x' } }).ok).toBe(true);
    expect(parseDraftBody({ v: 1, form: 'diary', values: {} }).ok).toBe(false);
    expect(parseDraftBody({ v: 1, form: 'call', values: {}, extra: true }).ok).toBe(false);
    const huge = { v: 1, form: 'incident', values: { what: 'x'.repeat(MAX_DRAFT_JSON) } };
    expect(parseDraftBody(huge)).toEqual({ ok: false, message: 'This draft is too long to keep.' });
  });

  it('says when in words a frightened person reads at a glance', () => {
    const now = new Date(2026, 2, 5, 18, 30);
    expect(draftTimeWords(new Date(2026, 2, 5, 14, 2).toISOString(), now)).toBe('14:02');
    expect(draftTimeWords(new Date(2026, 2, 4, 9, 5).toISOString(), now)).toBe(
      'yesterday at 09:05',
    );
    expect(draftTimeWords(new Date(2026, 2, 3, 9, 5).toISOString(), now)).toBe(
      'Tuesday 3 March at 09:05',
    );
    expect(draftTimeWords('not a time', now)).toBe('earlier');
  });

  it('offers it back in the words of the issue', () => {
    const now = new Date(2026, 2, 5, 18, 30);
    const at = new Date(2026, 2, 5, 14, 2).toISOString();
    expect(draftOfferWords({ at, body: { v: 1, form: 'incident', values: {} } }, now)).toBe(
      'You have an unsaved incident from 14:02: carry on or discard.',
    );
    expect(
      draftOfferWords({ at, body: { v: 1, form: 'item', target: 'i1', values: {} } }, now),
    ).toBe('You have unsaved changes to an item from 14:02: carry on or discard.');
  });

  it('carries on in the form it came from, and knows the people added for it', () => {
    expect(routeOfDraft({ body: { v: 1, form: 'incident', values: {} } })).toEqual({
      name: 'incident-new',
    });
    expect(routeOfDraft({ body: { v: 1, form: 'person', target: 'p1', values: {} } })).toEqual({
      name: 'person-edit',
      id: 'p1',
    });
    expect(routeOfDraft({ body: { v: 1, form: 'call', target: 'c1', values: {} } })).toEqual({
      name: 'calls',
    });
    expect(peopleAddedIn({ addedPeople: ['p1', 3, 'p2'] })).toEqual(['p1', 'p2']);
    expect(peopleAddedIn({})).toEqual([]);
  });
});
