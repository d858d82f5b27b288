import type { StackGroup, WeeklyStacks } from './weekly-stacks';

/**
 * A "nice" axis for counts: a step of 1, 2 or 5 × 10^k giving at most five steps, the top the
 * first multiple of the step at or above `max`, and the ticks from 0 to the top.
 */
export function niceAxis(max: number): { top: number; ticks: number[] } {
  if (max <= 0) return { top: 1, ticks: [0, 1] };
  let step = 1;
  for (let magnitude = 1; ; magnitude *= 10) {
    const found = [1, 2, 5].map((m) => m * magnitude).find((s) => Math.ceil(max / s) <= 5);
    if (found !== undefined) {
      step = found;
      break;
    }
  }
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return { top, ticks };
}

export interface Segment {
  readonly group: StackGroup;
  readonly count: number;
  readonly y: number;
  readonly height: number;
}

export interface Bar {
  readonly week: string;
  readonly weekStarting: string;
  readonly total: number;
  readonly x: number;
  readonly width: number;
  readonly segments: readonly Segment[];
}

export interface BarChartLayout {
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly left: number; readonly top: number; readonly bottom: number };
  readonly bars: readonly Bar[];
  readonly ticks: readonly { readonly value: number; readonly y: number }[];
  /** Week labels, thinned so they never overlap. */
  readonly labels: readonly { readonly x: number; readonly weekStarting: string }[];
}

export interface BarChartOptions {
  /** Minimum width of the whole chart; bars widen to fill it. */
  readonly minWidth: number;
  readonly height: number;
  /** Narrowest a bar may be; the chart grows wider (and scrolls) rather than go below it. */
  readonly minBar: number;
  readonly gap: number;
  /** Room for one week label, so labels are thinned to every n-th week. */
  readonly labelWidth: number;
}

export const DEFAULT_BAR_OPTIONS: BarChartOptions = {
  minWidth: 340,
  height: 220,
  minBar: 8,
  gap: 3,
  labelWidth: 48,
};

const LEFT = 32;
const TOP = 8;
const BOTTOM = 28;
// Room for the last week's label to overhang its bar.
const RIGHT = 20;

/** Where every bar, segment, tick and label goes, in SVG user units (pixels). */
export function barChartLayout(
  stacks: WeeklyStacks,
  order: readonly StackGroup[],
  options: BarChartOptions = DEFAULT_BAR_OPTIONS,
): BarChartLayout {
  const n = stacks.weeks.length;
  const plotWidthMin = options.minWidth - LEFT - RIGHT;
  const slot = Math.max(options.minBar + options.gap, n === 0 ? 0 : plotWidthMin / n);
  const barWidth = Math.min(40, slot - options.gap);
  const width = Math.max(options.minWidth, Math.ceil(LEFT + slot * n + RIGHT));
  const bottom = options.height - BOTTOM;
  const plotHeight = bottom - TOP;
  const { top, ticks } = niceAxis(stacks.max);
  const scale = plotHeight / top;
  const bars = stacks.weeks.map((w, i) => {
    let y = bottom;
    const segments: Segment[] = [];
    for (const group of order) {
      const count = w.counts[group] ?? 0;
      if (count === 0) continue;
      const height = count * scale;
      y -= height;
      segments.push({ group, count, y, height });
    }
    return {
      week: w.week,
      weekStarting: w.weekStarting,
      total: w.total,
      x: LEFT + i * slot + (slot - barWidth) / 2,
      width: barWidth,
      segments,
    };
  });
  const every = Math.max(1, Math.ceil(options.labelWidth / slot));
  const labels = bars
    .filter((_, i) => i % every === 0)
    .map((b) => ({ x: b.x + b.width / 2, weekStarting: b.weekStarting }));
  return {
    width,
    height: options.height,
    plot: { left: LEFT, top: TOP, bottom },
    bars,
    ticks: ticks.map((value) => ({ value, y: bottom - value * scale })),
    labels,
  };
}
