import { KDF_FLOOR, type RecordState, Vault } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { describe, expect, it } from 'vitest';
import { incident } from '../insight/test-kit';
import { patternView } from './pattern-ops';
import { view } from './record-view';

let checks = 0;
/** A revision whose body counts how often it is read: each schema check reads it once. */
const state = (label: string, rev = 1, made: unknown = undefined): RecordState => {
  const body = made ?? incident(label, '2026-03-01T10:00:00');
  const id = incident(label, '2026-03-01T10:00:00').id;
  const s = { kind: 'incident', id, rev, at: '2026-03-01T10:05:00.000Z', deleted: false } as const;
  return Object.defineProperty({ ...s }, 'body', {
    enumerable: true,
    get: () => {
      checks++;
      return body;
    },
  }) as unknown as RecordState;
};

describe('a record as the UI sees it', () => {
  it('checks each revision against the schema once, however often it is listed', () => {
    checks = 0;
    const first = state('once');
    const a = view(first);
    const b = view(first);
    expect(b).toBe(a);
    expect(a.state).toBe('live');
    expect(checks).toBe(1);
  });

  it('checks a new revision afresh, and keeps an unreadable one unreadable', () => {
    checks = 0;
    const rev1 = state('changes');
    expect(view(rev1).state).toBe('live');
    const bad = state('changes', 2, { when: 'yesterday' });
    const seen = view(bad);
    expect(seen.state).toBe('unreadable');
    expect(view(bad)).toBe(seen);
    expect(checks).toBe(2);
  });

  it('through a real vault, Pattern after a save checks only the saved incident', async () => {
    const store = createMemoryStore();
    const { vault } = await Vault.create(store, 'correct horse battery staple', {
      kdf: KDF_FLOOR,
    });
    const many = Array.from({ length: 40 }, (_, i) => incident(`p${i}`, '2026-03-01T10:00:00'));
    await vault.createMany(many.map((body) => ({ kind: 'incident', id: body.id, body })));
    const now = '2026-04-01T12:00:00.000Z';
    const listed = await vault.list('incident');
    expect(patternView(listed, now, 'Europe/London').analysis.total).toBe(40);
    const seen = new Map(listed.map((s) => [s.id, view(s)]));
    await vault.put('incident', 'late', incident('late', '2026-03-30T09:00:00'));
    const again = await vault.list('incident');
    expect(patternView(again, now, 'Europe/London').analysis.total).toBe(41);
    // The vault hands back the same state objects for unchanged records, so their views are
    // the ones already checked; if it ever copied them, every body would be checked again.
    const fresh = again.filter((s) => view(s) !== seen.get(s.id));
    expect(fresh.map((s) => s.id)).toEqual(['late']);
    await vault.lock();
  });
});
