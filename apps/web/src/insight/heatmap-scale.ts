import { type Heatmap, WEEKDAYS } from '@casebook/core';
import { hourRange } from './format-date';

/** Five shades from "none" to "most"; each step is distinguishable by lightness alone. */
export const HEAT_SHADES = ['#f1f3f5', '#c6dbef', '#6baed6', '#2171b5', '#08306b'] as const;

/** Which of the five shades a count gets: 0 only for none, 4 for the busiest cells. */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((count / max) * 4)));
}

/** The counts a level covers, for the legend: "1–2", "3–4" … or "" when empty. */
export function levelRanges(max: number): string[] {
  const out = ['None'];
  for (let level = 1; level <= 4; level++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = 0;
    for (let n = 1; n <= max; n++) {
      if (heatLevel(n, max) !== level) continue;
      lo = Math.min(lo, n);
      hi = Math.max(hi, n);
    }
    out.push(hi === 0 ? '' : lo === hi ? `${lo}` : `${lo}–${hi}`);
  }
  return out;
}

export interface BusyTime {
  readonly weekday: string;
  readonly hours: string;
  readonly count: number;
}

/** The busiest weekday-and-hour cells, most first (ties: earlier in the week, then the day). */
export function busiestTimes(heatmap: Heatmap, limit = 3): BusyTime[] {
  const cells: { day: number; hour: number; count: number }[] = [];
  heatmap.cells.forEach((row, day) => {
    row.forEach((cell, hour) => {
      if (cell.count > 0) cells.push({ day, hour, count: cell.count });
    });
  });
  cells.sort((a, b) => b.count - a.count || a.day - b.day || a.hour - b.hour);
  return cells.slice(0, limit).map((c) => ({
    weekday: WEEKDAYS[c.day] ?? '',
    hours: hourRange(c.hour),
    count: c.count,
  }));
}

/** Incidents per weekday (rows of the heatmap added up). */
export function weekdayTotals(heatmap: Heatmap): number[] {
  return heatmap.cells.map((row) => row.reduce((n, c) => n + c.count, 0));
}
