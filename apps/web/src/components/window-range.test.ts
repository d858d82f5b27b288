import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layout, rangeFor, rowAt } from './window-range';

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
