import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layout, nextRange, RowLayout, rangeFor, rowAt } from './window-range';

describe('window range', () => {
  const offsets = layout(5, (i) => [100, 50, 200, 10, 40][i] ?? 0);

  it('lays rows end to end', () => {
    expect([...offsets]).toEqual([0, 100, 150, 350, 360, 400]);
  });

  it('finds the row under a point, edges included', () => {
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 99)).toBe(0);
    expect(rowAt(offsets, 100)).toBe(1);
    expect(rowAt(offsets, 355)).toBe(3);
    expect(rowAt(offsets, 10_000)).toBe(4);
    expect(rowAt(offsets, -50)).toBe(0);
  });

  it('draws the rows a view covers, plus the overscan', () => {
    expect(rangeFor(offsets, 120, 160, 0)).toEqual({ start: 1, end: 3 });
    expect(rangeFor(offsets, 120, 160, 30)).toEqual({ start: 0, end: 3 });
    expect(rangeFor(offsets, 0, 10_000, 0)).toEqual({ start: 0, end: 5 });
  });

  it('keeps an edge row drawn when the list is out of view', () => {
    expect(rangeFor(offsets, -2000, -1000, 0)).toEqual({ start: 0, end: 1 });
    expect(rangeFor(offsets, 5000, 6000, 0)).toEqual({ start: 4, end: 5 });
    expect(
      rangeFor(
        layout(0, () => 1),
        0,
        100,
        0,
      ),
    ).toEqual({ start: 0, end: 0 });
  });

  it('never leaves out a row that meets the view (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 200 }),
        fc.integer({ min: -500, max: 40_000 }),
        fc.integer({ min: 1, max: 900 }),
        (heights, top, view) => {
          const o = layout(heights.length, (i) => heights[i] ?? 0);
          const { start, end } = rangeFor(o, top, top + view, 0);
          expect(start).toBeLessThan(end);
          for (let i = 0; i < heights.length; i++) {
            const meets = (o[i] ?? 0) < top + view && (o[i + 1] ?? 0) > top;
            if (meets) expect(i >= start && i < end).toBe(true);
          }
        },
      ),
    );
  });
});

describe('row layout', () => {
  it('sums heights into offsets, and again from the changed row only when read', () => {
    const rows = new RowLayout(4, (i) => [10, 20, 30, 40][i] ?? 0);
    expect([...rows.offsets]).toEqual([0, 10, 30, 60, 100]);
    expect(rows.setHeight(1, 25)).toBe(true);
    expect(rows.setHeight(1, 25)).toBe(false);
    expect(rows.setHeight(9, 5)).toBe(false);
    expect([...rows.offsets]).toEqual([0, 10, 35, 65, 105]);
  });

  it('matches a fresh layout after any sequence of measurements (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 100 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 400 })), { maxLength: 60 }),
        (first, changes) => {
          const rows = new RowLayout(first.length, (i) => first[i] ?? 0);
          const heights = [...first];
          for (const [at, h] of changes) {
            const i = at % heights.length;
            heights[i] = h;
            rows.setHeight(i, h);
            if (h % 3 === 0) void rows.offsets; // reads between changes, now and then
          }
          expect([...rows.offsets]).toEqual([...layout(heights.length, (i) => heights[i] ?? 0)]);
        },
      ),
    );
  });
});

describe('next range', () => {
  const offsets = layout(100, () => 100); // 10,000 px of 100 px rows

  it('keeps the rows drawn while they cover the view with the margin to spare', () => {
    const first = nextRange(offsets, { start: 0, end: 0 }, 2000, 2800, 300, 1000);
    expect(first).toEqual({ start: 10, end: 39 });
    // Scrolled 800 px: still 300 px drawn below the view, so nothing is drawn anew.
    expect(nextRange(offsets, first, 2800, 3600, 300, 1000)).toBe(first);
    // Scrolled on until the margin is used up: a fresh batch around the view.
    expect(nextRange(offsets, first, 2900, 3700, 300, 1000)).toEqual({ start: 19, end: 48 });
  });

  it('gives back the same range while nothing changes, an empty list too (no render loop)', () => {
    const empty = layout(0, () => 1);
    const none = nextRange(empty, { start: 0, end: 12 }, 0, 800, 300, 1000);
    expect(none).toEqual({ start: 0, end: 0 });
    expect(nextRange(empty, none, 0, 800, 300, 1000)).toBe(none);
    const some = nextRange(offsets, { start: 0, end: 0 }, 0, 800, 300, 1000);
    expect(nextRange(offsets, some, 0, 800, 300, 1000)).toBe(some);
  });

  it('draws afresh a range that holds far more than the view needs', () => {
    expect(nextRange(offsets, { start: 0, end: 100 }, 2000, 2800, 300, 1000)).toEqual({
      start: 10,
      end: 39,
    });
  });

  it('always covers the view and its margin (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 200 }),
        fc.array(fc.integer({ min: -500, max: 40_000 }), { minLength: 1, maxLength: 20 }),
        (heights, tops) => {
          const o = layout(heights.length, (i) => heights[i] ?? 0);
          const total = o[heights.length] ?? 0;
          let range = { start: 0, end: 0 };
          for (const top of tops) {
            range = nextRange(o, range, top, top + 800, 300, 1000);
            const needTop = Math.min(Math.max(top - 300, 0), total);
            const needBottom = Math.max(Math.min(top + 800 + 300, total), 0);
            expect(range.start).toBeLessThan(range.end);
            expect(o[range.start]).toBeLessThanOrEqual(needTop);
            expect(o[range.end]).toBeGreaterThanOrEqual(needBottom);
          }
        },
      ),
    );
  });
});
