import {
  type DateOrder,
  type DateOrderFinding,
  type DateOrderSample,
  type HeaderFields,
  layoutOf,
  wallClockOf,
  yearFits,
} from './whatsapp-header';

const IOS = 1;
const YEAR_FIRST = 2;
const TWO_DIGIT_YEAR = 4;

/**
 * The headers of one file, a typed array per field, by index in file order: what `Header`
 * holds, without an object per header (an export may have millions, and each one lived to the
 * end of the parse, copied by every garbage collection on the way).
 */
export class HeaderTable {
  count = 0;
  line = new Int32Array(0);
  at = new Int32Array(0);
  end = new Int32Array(0);
  restAt = new Int32Array(0);
  layout = new Int32Array(0);
  a = new Int32Array(0);
  b = new Int32Array(0);
  c = new Int32Array(0);
  hour = new Uint8Array(0);
  minute = new Uint8Array(0);
  second = new Uint8Array(0);
  /** 0 for a 24-hour clock, 1 for am, 2 for pm. */
  half = new Uint8Array(0);
  private bits = new Uint8Array(0);

  constructor(capacity: number) {
    this.grow(Math.max(16, capacity));
  }

  /** Adds the header `f` read (see `scanHeaderFields`), unless its year does not fit. */
  push(f: HeaderFields): boolean {
    if (!yearFits(f)) return false;
    if (this.count === this.line.length) this.grow(this.count * 2);
    const i = this.count++;
    this.line[i] = f.line;
    this.at[i] = f.at;
    this.end[i] = f.end;
    this.restAt[i] = f.restAt;
    this.layout[i] = layoutOf(f);
    this.a[i] = f.a;
    this.b[i] = f.b;
    this.c[i] = f.c;
    this.hour[i] = f.hour;
    this.minute[i] = f.minute;
    this.second[i] = f.second < 0 ? 0 : f.second;
    this.half[i] = f.half;
    const yearFirst = f.aLen === 4;
    this.bits[i] =
      (f.ios ? IOS : 0) |
      (yearFirst ? YEAR_FIRST : 0) |
      (!yearFirst && f.cLen === 2 ? TWO_DIGIT_YEAR : 0);
    return true;
  }

  ios(i: number): boolean {
    return ((this.bits[i] as number) & IOS) !== 0;
  }

  yearFirst(i: number): boolean {
    return ((this.bits[i] as number) & YEAR_FIRST) !== 0;
  }

  /** `headerClock` of header `i`. */
  clock(i: number, order: DateOrder): number | undefined {
    return wallClockOf(
      order,
      this.a[i] as number,
      this.b[i] as number,
      this.c[i] as number,
      ((this.bits[i] as number) & TWO_DIGIT_YEAR) !== 0,
      this.half[i] as number,
      this.hour[i] as number,
      this.minute[i] as number,
      this.second[i] as number,
    );
  }

  private grow(capacity: number): void {
    const n = this.count;
    const int = (old: Int32Array) => {
      const next = new Int32Array(capacity);
      next.set(old.subarray(0, n));
      return next;
    };
    const byte = (old: Uint8Array) => {
      const next = new Uint8Array(capacity);
      next.set(old.subarray(0, n));
      return next;
    };
    this.line = int(this.line);
    this.at = int(this.at);
    this.end = int(this.end);
    this.restAt = int(this.restAt);
    this.layout = int(this.layout);
    this.a = int(this.a);
    this.b = int(this.b);
    this.c = int(this.c);
    this.hour = byte(this.hour);
    this.minute = byte(this.minute);
    this.second = byte(this.second);
    this.half = byte(this.half);
    this.bits = byte(this.bits);
  }
}

/**
 * Whether the file writes the day or the month first, from the headers `of` (indices into
 * `t`): a number above 12 settles it; otherwise the reading under which the dates run forward
 * (fewer steps back) wins; if both read equally well, the file cannot tell and the person is
 * asked. `rawOf(i)` is header i's date and time as written.
 */
export function findDateOrder(
  t: HeaderTable,
  of: ArrayLike<number>,
  rawOf: (i: number) => string,
): DateOrderFinding {
  const n = of.length;
  if (n === 0) return { order: 'day-first' };
  let allYearFirst = true;
  let firstOver12 = false;
  let secondOver12 = false;
  let allSame = true;
  for (let k = 0; k < n; k++) {
    const i = of[k] as number;
    if (!t.yearFirst(i)) allYearFirst = false;
    const a = t.a[i] as number;
    const b = t.b[i] as number;
    if (a > 12) firstOver12 = true;
    if (b > 12) secondOver12 = true;
    if (a !== b) allSame = false;
  }
  if (allYearFirst) return { order: 'year-first' };
  if (firstOver12 && secondOver12) return { order: 'inconsistent' };
  if (firstOver12) return { order: 'day-first' };
  if (secondOver12) return { order: 'month-first' };
  if (allSame) return { order: 'day-first' };
  const backSteps = (order: DateOrder) => {
    let steps = 0;
    let last: number | undefined;
    for (let k = 0; k < n; k++) {
      const ms = t.clock(of[k] as number, order);
      if (ms === undefined) return Number.POSITIVE_INFINITY;
      const day = Math.floor(ms / 86_400_000);
      if (last !== undefined && day < last) steps++;
      last = day;
    }
    return steps;
  };
  const dayFirst = backSteps('day-first');
  const monthFirst = backSteps('month-first');
  if (dayFirst < monthFirst) return { order: 'day-first' };
  if (monthFirst < dayFirst) return { order: 'month-first' };
  const samples: DateOrderSample[] = [];
  const seen = new Set<string>();
  for (let k = 0; k < n; k++) {
    const i = of[k] as number;
    const raw = rawOf(i);
    const text = raw.split(/[, ]/)[0] ?? raw;
    if (t.a[i] === t.b[i] || seen.has(text)) continue;
    seen.add(text);
    const iso = (order: DateOrder) => {
      const ms = t.clock(i, order);
      return ms === undefined ? 'not a date' : new Date(ms).toISOString().slice(0, 10);
    };
    samples.push({ raw: text, dayFirst: iso('day-first'), monthFirst: iso('month-first') });
    if (samples.length === 5) break;
  }
  return { order: undefined, samples };
}
