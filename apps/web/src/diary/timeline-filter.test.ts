import type { Incident } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import type { RecordView } from '../data/record-types';
import { applyFilter, NO_FILTER, prepare } from './timeline-filter';

function incident(
  id: string,
  local: string,
  what: string,
  extra: Partial<Incident> = {},
): RecordView<Incident> {
  return {
    kind: 'incident',
    id,
    rev: 1,
    at: '2026-01-01T00:00:00.000Z',
    state: 'live',
    body: {
      schema: 1,
      id: id as Incident['id'],
      when: { start: { local, zone: 'Europe/London', offset: '+00:00' }, approximate: false },
      whatHappened: what,
      behaviours: [],
      people: [],
      evidence: [],
      witnesses: [],
      ...extra,
    },
  };
}

const records: RecordView<Incident>[] = [
  incident('a', '2026-01-05T10:00:00', 'Sat outside the gym', {
    behaviours: ['loitering-at-other-places'],
  }),
  incident('b', '2026-02-01T22:00:00', 'Texts all night', { channel: 'text' }),
  {
    kind: 'incident',
    id: 'c',
    rev: 2,
    at: '2026-03-01T00:00:00.000Z',
    state: 'deleted',
    reason: 'Duplicate',
  },
  incident('d', '2026-01-20T08:00:00', 'Letter through the door', {
    people: ['p1' as Incident['people'][number]],
  }),
];

describe('timeline filter', () => {
  const entries = prepare(records, new Map());

  it('lists newest first, tombstones by deletion time', () => {
    expect(entries.map((e) => e.record.id)).toEqual(['c', 'b', 'd', 'a']);
  });
  it('searches words in any order, case-insensitively', () => {
    expect(
      applyFilter(entries, { ...NO_FILTER, text: 'NIGHT texts' }).map((e) => e.record.id),
    ).toEqual(['b']);
  });
  it('filters by behaviour, person, channel and inclusive dates', () => {
    const ids = (f: Partial<typeof NO_FILTER>) =>
      applyFilter(entries, { ...NO_FILTER, ...f }).map((e) => e.record.id);
    expect(ids({ behaviour: 'loitering-at-other-places' })).toEqual(['a']);
    expect(ids({ person: 'p1' })).toEqual(['d']);
    expect(ids({ channel: 'text' })).toEqual(['b']);
    expect(ids({ from: '2026-01-05', to: '2026-01-20' })).toEqual(['d', 'a']);
  });
  // Its speed is measured in bench/diary-web.mjs (search ≤ 50 ms), not here: a timed unit test
  // fails on a busy machine whatever the code does.
  it('finds the one match among 10,000 incidents', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      incident(
        `x${i}`,
        `2026-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00`,
        `Incident number ${i} near the park`,
      ),
    );
    const prepared = prepare(many, new Map());
    const hits = applyFilter(prepared, { ...NO_FILTER, text: 'number 9999', from: '2026-01-01' });
    expect(hits.map((e) => e.record.id)).toEqual(['x9999']);
  });
});

describe('the place filter', () => {
  const placed = [
    incident('h', '2026-03-01T08:00:00', 'At my door', { location: { placeType: 'home' } }),
    incident('w', '2026-03-02T08:00:00', 'In the car park', { location: { placeType: 'work' } }),
    incident('n', '2026-03-03T08:00:00', 'Somewhere'),
  ];
  it('keeps only incidents at that kind of place', () => {
    const entries = prepare(placed, new Map());
    expect(applyFilter(entries, { ...NO_FILTER, place: 'home' }).map((e) => e.record.id)).toEqual([
      'h',
    ]);
    expect(applyFilter(entries, NO_FILTER)).toHaveLength(3);
  });
});
