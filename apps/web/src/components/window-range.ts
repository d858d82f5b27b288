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
