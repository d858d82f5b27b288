import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorHolds, cursorAfterPull, cursorAfterPush, headsHold, headsOf } from './sync-cursor';
import { readSyncState } from './sync-state';

const change = (seq: number, id = `id${seq}`) => ({ seq, id, device: 'd', time: '', data: '' });

describe('the sync cursor', () => {
  it('moves past what was pulled, but stops below the first change still waiting', () => {
    const changes = [change(4), change(5), change(6), change(7)];
    expect(cursorAfterPull({ seq: 3, id: 'id3' }, changes, new Set())).toEqual({
      seq: 7,
      id: 'id7',
    });
    expect(cursorAfterPull({ seq: 3, id: 'id3' }, changes, new Set(['id6', 'id7']))).toEqual({
      seq: 5,
      id: 'id5',
    });
    expect(cursorAfterPull(undefined, changes, new Set(['id4']))).toBeUndefined();
  });

  it('moves to a push’s head only when every number up to it was this push’s', () => {
    const at = { seq: 7, id: 'id7' };
    const ours = new Map([
      ['a', 8],
      ['b', 9],
    ]);
    expect(cursorAfterPush(at, 9, ours)).toEqual({ seq: 9, id: 'b' });
    // Another device's change came in at 8, unread: the cursor stays.
    expect(
      cursorAfterPush(
        at,
        10,
        new Map([
          ['a', 9],
          ['b', 10],
        ]),
      ),
    ).toBe(at);
    // A retried push whose envelopes the server held before the cursor: nothing to move past.
    expect(cursorAfterPush(at, 7, new Map([['a', 5]]))).toBe(at);
  });

  it('holds only for the casebook and server it was written for', () => {
    const log = [
      { seq: 0, h: 'h0' },
      { device: 'p', seq: 0, h: 'p0' },
      { device: 'p', seq: 1, h: 'p1' },
    ];
    const heads = headsOf(log);
    expect(heads).toEqual([
      { device: '', seq: 0, h: 'h0' },
      { device: 'p', seq: 1, h: 'p1' },
    ]);
    expect(headsHold(heads, [...log, { device: 'p', seq: 2, h: 'p2' }])).toBe(true);
    expect(headsHold(heads, log.slice(0, 2))).toBe(false);
    expect(headsHold(heads, [...log.slice(0, 2), { device: 'p', seq: 1, h: 'other' }])).toBe(false);
    const cursor = { seq: 5, id: 'id5', pushed: 1, heads };
    expect(anchorHolds(cursor, [change(5), change(6)])).toBe(true);
    expect(anchorHolds(cursor, [change(5, 'another')])).toBe(false);
    expect(anchorHolds(cursor, [])).toBe(false);
  });

  it('reads a v1 state as v2 without a cursor, and refuses a damaged cursor', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-state-'));
    try {
      const v1 = {
        v: 1,
        server: 'http://127.0.0.1:8787',
        serverKey: 'A'.repeat(43),
        space: 'B'.repeat(22),
      };
      await writeFile(join(dir, 'v1.json'), JSON.stringify(v1));
      expect(await readSyncState(join(dir, 'v1.json'))).toEqual({
        ok: true,
        state: { ...v1, v: 2 },
      });
      await writeFile(join(dir, 'bad.json'), JSON.stringify({ ...v1, v: 2, cursor: { seq: -1 } }));
      expect((await readSyncState(join(dir, 'bad.json'))).ok).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
