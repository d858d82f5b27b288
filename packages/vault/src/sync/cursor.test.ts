import { describe, expect, it } from 'vitest';
import { anchorHolds, cursorAfterPull, cursorAfterPush, headsHold, headsOf } from './cursor';

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
});
