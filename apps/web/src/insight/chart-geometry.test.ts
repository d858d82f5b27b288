import { describe, expect, it } from 'vitest';
import { barChartLayout, DEFAULT_BAR_OPTIONS, niceAxis } from './chart-geometry';
import type { WeeklyStacks } from './weekly-stacks';

describe('niceAxis', () => {
  it('counts in ones up to five, then in steps of 1, 2 or 5 × 10^k', () => {
    expect(niceAxis(0)).toEqual({ top: 1, ticks: [0, 1] });
    expect(niceAxis(3)).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(niceAxis(6)).toEqual({ top: 6, ticks: [0, 2, 4, 6] });
    expect(niceAxis(7)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceAxis(11)).toEqual({ top: 15, ticks: [0, 5, 10, 15] });
    expect(niceAxis(48)).toEqual({ top: 50, ticks: [0, 10, 20, 30, 40, 50] });
    expect(niceAxis(230)).toEqual({ top: 250, ticks: [0, 50, 100, 150, 200, 250] });
  });

  it('always reaches the maximum with at most six ticks', () => {
    for (let max = 1; max <= 2000; max++) {
      const { top, ticks } = niceAxis(max);
      expect(top).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks.at(-1)).toBe(top);
    }
  });
});

const stacks = (totals: number[][]): WeeklyStacks => ({
  groups: ['presence', 'threats'],
  weeks: totals.map(([presence = 0, threats = 0], i) => ({
    week: `2026-W${String(i + 1).padStart(2, '0')}`,
    weekStarting: `2026-01-${String(5 + i * 7).padStart(2, '0')}`,
    total: presence + threats,
    counts: { presence, threats },
  })),
  max: Math.max(...totals.map(([p = 0, t = 0]) => p + t)),
});

describe('barChartLayout', () => {
  it('stacks each week from the axis up, in group order, to its total', () => {
    const layout = barChartLayout(
      stacks([
        [2, 1],
        [0, 0],
        [3, 3],
      ]),
      ['presence', 'threats'],
    );
    const { bottom, top } = layout.plot;
    const unit = (bottom - top) / 6; // axis top is 6
    const [first, empty, third] = layout.bars;
    expect(first?.segments.map((s) => s.group)).toEqual(['presence', 'threats']);
    expect(first?.segments[0]?.y).toBeCloseTo(bottom - 2 * unit);
    expect(first?.segments[0]?.height).toBeCloseTo(2 * unit);
    expect(first?.segments[1]?.y).toBeCloseTo(bottom - 3 * unit);
    expect(empty?.segments).toEqual([]);
    expect(third?.segments[1]?.y).toBeCloseTo(top);
    expect(layout.ticks.map((t) => t.value)).toEqual([0, 2, 4, 6]);
  });

  it('fills the minimum width with few weeks and grows (to scroll) with many', () => {
    const few = barChartLayout(stacks([[1], [2]]), ['presence']);
    expect(few.width).toBe(DEFAULT_BAR_OPTIONS.minWidth);
    const many = barChartLayout(stacks(Array.from({ length: 104 }, () => [1])), ['presence']);
    expect(many.width).toBeGreaterThan(DEFAULT_BAR_OPTIONS.minWidth);
    for (const bar of many.bars)
      expect(bar.width).toBeGreaterThanOrEqual(DEFAULT_BAR_OPTIONS.minBar);
    const last = many.bars.at(-1);
    expect((last?.x ?? 0) + (last?.width ?? 0)).toBeLessThanOrEqual(many.width);
  });

  it('thins week labels so they never overlap', () => {
    const layout = barChartLayout(stacks(Array.from({ length: 52 }, () => [1])), ['presence']);
    const xs = layout.labels.map((l) => l.x);
    for (let i = 1; i < xs.length; i++) {
      expect((xs[i] ?? 0) - (xs[i - 1] ?? 0)).toBeGreaterThanOrEqual(
        DEFAULT_BAR_OPTIONS.labelWidth,
      );
    }
    expect(layout.labels[0]?.weekStarting).toBe('2026-01-05');
  });
});
