/**
 * The arithmetic behind `VirtualList`: where each row starts, and which rows a stretch of the
 * page covers. Pure, so the windowing can be tested without a browser.
 */

/** Row i starts at offsets[i]; offsets[count] is the list's whole height. */
export function layout(count: number, heightOf: (index: number) => number): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = (offsets[i] ?? 0) + heightOf(i);
  return offsets;
}

/** The first row whose bottom edge is below `y` (0 above the list, count - 1 below it). */
export function rowAt(offsets: Float64Array, y: number): number {
  const count = offsets.length - 1;
  if (count <= 0) return 0;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid + 1] ?? 0) <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface RowRange {
  /** First row drawn. */
  readonly start: number;
  /** One past the last row drawn. */
  readonly end: number;
}

/**
 * The rows to draw for a view from `top` to `bottom` (pixels from the list's top edge), with
 * `overscan` pixels more on each side so a quick flick or a Tab to the next row finds it drawn.
 */
export function rangeFor(
  offsets: Float64Array,
  top: number,
  bottom: number,
  overscan: number,
): RowRange {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const height = offsets[count] ?? 0;
  // A view wholly above or below the list still draws the rows at that edge, so a list that is
  // scrolled out of sight has its first (or last) rows ready.
  const from = Math.min(Math.max(top - overscan, 0), height);
  const to = Math.max(Math.min(bottom + overscan, height), 0);
  const start = rowAt(offsets, from);
  const end = Math.max(start + 1, rowAt(offsets, to) + 1);
  return { start, end: Math.min(end, count) };
}

/**
 * Row heights by position and the offsets they add up to, kept up to date as rows are measured.
 * A measured row only moves the rows below it, so the offsets are summed again from the first
 * changed row, and only when next read: a screenful measured at once costs one pass, not one
 * per row (a profile of 10,000 rows found the full re-summing, with a key look-up per row, at
 * the top of every scroll).
 */
export class RowLayout {
  private readonly sizes: Float64Array;
  private readonly sums: Float64Array;
  /** The first row whose offset below it is stale; `count` when none is. */
  private staleFrom: number;

  constructor(
    readonly count: number,
    heightOf: (index: number) => number,
  ) {
    this.sizes = new Float64Array(count);
    for (let i = 0; i < count; i++) this.sizes[i] = heightOf(i);
    this.sums = new Float64Array(count + 1);
    this.staleFrom = 0;
  }

  /** Sets row i's height; true if it changed. */
  setHeight(index: number, height: number): boolean {
    if (index < 0 || index >= this.count || this.sizes[index] === height) return false;
    this.sizes[index] = height;
    this.staleFrom = Math.min(this.staleFrom, index);
    return true;
  }

  /** Row i starts at offsets[i]; offsets[count] is the whole height. Do not write to it. */
  get offsets(): Float64Array {
    const { sizes, sums } = this;
    for (let i = this.staleFrom; i < this.count; i++)
      sums[i + 1] = (sums[i] ?? 0) + (sizes[i] ?? 0);
    this.staleFrom = this.count;
    return sums;
  }
}

/**
 * The rows to draw next: the rows drawn now while they still cover the view with `margin` px to
 * spare on each side, else a fresh range with `overscan` px each side. Keeping the range until
 * the margin is used up means a fling draws a batch of rows every few frames rather than one row
 * every frame (each change is a React commit and a layout).
 */
export function nextRange(
  offsets: Float64Array,
  current: RowRange,
  top: number,
  bottom: number,
  margin: number,
  overscan: number,
): RowRange {
  const count = offsets.length - 1;
  // The same object back when nothing changes, always: the list commits when it differs.
  if (count <= 0) return current.start === 0 && current.end === 0 ? current : { start: 0, end: 0 };
  const height = offsets[count] ?? 0;
  const start = Math.min(current.start, count);
  const end = Math.min(current.end, count);
  if (end > start) {
    const drawnTop = offsets[start] ?? 0;
    const drawnBottom = offsets[end] ?? 0;
    const needTop = Math.min(Math.max(top - margin, 0), height);
    const needBottom = Math.max(Math.min(bottom + margin, height), 0);
    // Rows may have measured far shorter than guessed: then a range that still covers the view
    // can hold many more rows than it needs, so it is drawn afresh.
    const tooMuch = drawnBottom - drawnTop > bottom - top + 4 * overscan;
    if (drawnTop <= needTop && drawnBottom >= needBottom && !tooMuch) return current;
  }
  const fresh = rangeFor(offsets, top, bottom, overscan);
  return fresh.start === current.start && fresh.end === current.end ? current : fresh;
}
