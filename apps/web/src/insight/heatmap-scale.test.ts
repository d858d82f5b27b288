import { weekdayHourHeatmap } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import { busiestTimes, heatLevel, levelRanges, weekdayTotals } from './heatmap-scale';
import { incident } from './test-kit';

describe('heat levels', () => {
  it('keeps 0 for none and spreads counts over four shades', () => {
    expect(heatLevel(0, 8)).toBe(0);
    expect(heatLevel(1, 8)).toBe(1);
    expect(heatLevel(2, 8)).toBe(1);
    expect(heatLevel(3, 8)).toBe(2);
    expect(heatLevel(8, 8)).toBe(4);
    expect(heatLevel(1, 1)).toBe(4);
  });

  it('describes what each shade covers, leaving out shades no count can reach', () => {
    expect(levelRanges(8)).toEqual(['None', '1–2', '3–4', '5–6', '7–8']);
    expect(levelRanges(2)).toEqual(['None', '', '1', '', '2']);
  });
});

describe('busiest times and weekday totals', () => {
  // 2026-03-02 is a Monday; 2026-03-06 a Friday.
  const heatmap = weekdayHourHeatmap([
    incident('a', '2026-03-06T20:15'),
    incident('b', '2026-03-13T20:45'),
    incident('c', '2026-03-02T08:00'),
    incident('d', '2026-03-08T23:59'),
  ]);

  it('names the busiest hours, most first, then earlier in the week', () => {
    expect(busiestTimes(heatmap, 2)).toEqual([
      { weekday: 'Friday', hours: '20:00–21:00', count: 2 },
      { weekday: 'Monday', hours: '08:00–09:00', count: 1 },
    ]);
    expect(busiestTimes(heatmap)[2]).toEqual({
      weekday: 'Sunday',
      hours: '23:00–00:00',
      count: 1,
    });
  });

  it('adds up each weekday', () => {
    expect(weekdayTotals(heatmap)).toEqual([1, 0, 0, 0, 2, 0, 1]);
  });
});
