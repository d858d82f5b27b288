/** The header WhatsApp writes at the start of each message, and reading its date fields. */

const SP = '[ \\u00a0\\u202f]';
const MARKS = '[\\u200e\\u200f\\ufeff]*';
const DATE = '(\\d{1,4})([./-])(\\d{1,2})\\2(\\d{1,4})';
const TIME = `(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?(?:${SP}?([aApP])\\.?${SP}?[mM]\\.?)?`;

/** Android: `12/03/2024, 21:05 - `; also `12.03.24 21:05 - ` and Finnish `12.3.2024 klo 21.05 - `. */
const ANDROID = new RegExp(`^${MARKS}${DATE}(,?)${SP}(?:klo${SP})?${TIME}${SP}[-–]${SP}`);
/** iOS: `[12/03/2024, 21:05:33] `. */
const IOS = new RegExp(`^${MARKS}\\[${DATE}(,?)${SP}${TIME}\\]${SP}`);

export type DateOrder = 'day-first' | 'month-first' | 'year-first';

/** One header as found; numbers are still as written (day and month not yet told apart). */
export interface Header {
  readonly line: number;
  readonly ios: boolean;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly yearFirst: boolean;
  readonly twoDigitYear: boolean;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 for a 24-hour clock, 1 for am, 2 for pm. */
  readonly half: 0 | 1 | 2;
  /** Tells apart layouts inside one file (a header typed into a message may differ). */
  readonly layout: number;
  /** Where the text after the header begins. */
  readonly restAt: number;
  /** Who the author may be (filled in by the parser's first pass). */
  candidates?: readonly string[] | undefined;
}

/** The date and time of a header as written, without brackets, marks or the dash. */
export function headerRaw(line: string, h: Header): string {
  const head = line.slice(0, h.restAt);
  const c = head.charCodeAt(0);
  const plain = c >= 48 && c <= 57 && head.indexOf('\u202f') < 0 && head.indexOf('\u00a0') < 0;
  if (plain) return head.slice(0, head.length - 3);
  return head
    .replace(/[\u200e\u200f\ufeff[\]]/g, '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/ [-–] $/, '')
    .trim();
}

const SEPARATORS = './-';

function isCandidate(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    code === 91 ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0xfeff
  );
}

/** The header at the start of `line`, or undefined. */
export function readHeader(line: string, index: number): Header | undefined {
  if (line.length < 12 || !isCandidate(line.charCodeAt(0))) return undefined;
  let ios = false;
  let m = ANDROID.exec(line);
  if (m === null) {
    m = IOS.exec(line);
    if (m === null) return undefined;
    ios = true;
  }
  const [whole, a, sep, b, c, comma, h, mi, s, ampm] = m;
  const aLen = (a ?? '').length;
  const cLen = (c ?? '').length;
  const yearFirst = aLen === 4;
  if (!yearFirst && cLen !== 2 && cLen !== 4) return undefined;
  if (yearFirst && cLen > 2) return undefined;
  const half = ampm === undefined ? 0 : ampm === 'a' || ampm === 'A' ? 1 : 2;
  return {
    line: index,
    ios,
    a: Number(a),
    b: Number(b),
    c: Number(c),
    yearFirst,
    twoDigitYear: !yearFirst && cLen === 2,
    hour: Number(h),
    minute: Number(mi),
    second: s === undefined ? 0 : Number(s),
    half,
    layout:
      (ios ? 1 : 0) +
      SEPARATORS.indexOf(sep ?? '.') * 2 +
      (comma === '' ? 0 : 8) +
      (s === undefined ? 0 : 16) +
      (half === 0 ? 0 : 32) +
      (yearFirst ? 128 : cLen * 256),
    restAt: whole.length,
    // Present from the start, so every header keeps one shape when the parser fills it in.
    candidates: undefined,
  };
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The header's wall clock as milliseconds read as if UTC, under a date order; undefined when
 * that day or time does not exist.
 */
export function headerClock(h: Header, order: DateOrder): number | undefined {
  let year: number;
  let month: number;
  let day: number;
  if (order === 'year-first') [year, month, day] = [h.a, h.b, h.c];
  else if (order === 'day-first') [year, month, day] = [h.c, h.b, h.a];
  else [year, month, day] = [h.c, h.a, h.b];
  if (h.twoDigitYear) year += 2000;
  if (year < 1990 || year > 2099 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysIn(year, month)) return undefined;
  let hour = h.hour;
  if (h.half !== 0) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (h.half === 2 ? 12 : 0);
  }
  if (hour > 23 || h.minute > 59 || h.second > 59) return undefined;
  return Date.UTC(year, month - 1, day, hour, h.minute, h.second);
}

/** One date as both readings, for asking the person which is right. */
export interface DateOrderSample {
  readonly raw: string;
  readonly dayFirst: string;
  readonly monthFirst: string;
}

export type DateOrderFinding =
  | { readonly order: DateOrder }
  | { readonly order: undefined; readonly samples: readonly DateOrderSample[] }
  | { readonly order: 'inconsistent' };

const dayKey = (h: Header, order: DateOrder) => {
  const ms = headerClock(h, order);
  return ms === undefined ? undefined : Math.floor(ms / 86_400_000);
};

/**
 * Whether the file writes the day or the month first, from every header: a number above 12
 * settles it; otherwise the reading under which the dates run forward (fewer steps back) wins;
 * if both read equally well, the file cannot tell and the person is asked.
 */
export function findDateOrder(
  headers: readonly Header[],
  rawOf: (h: Header) => string,
): DateOrderFinding {
  if (headers.length === 0) return { order: 'day-first' };
  if (headers.every((h) => h.yearFirst)) return { order: 'year-first' };
  const firstOver12 = headers.some((h) => h.a > 12);
  const secondOver12 = headers.some((h) => h.b > 12);
  if (firstOver12 && secondOver12) return { order: 'inconsistent' };
  if (firstOver12) return { order: 'day-first' };
  if (secondOver12) return { order: 'month-first' };
  if (headers.every((h) => h.a === h.b)) return { order: 'day-first' };
  const backSteps = (order: DateOrder) => {
    let steps = 0;
    let last: number | undefined;
    for (const h of headers) {
      const day = dayKey(h, order);
      if (day === undefined) return Number.POSITIVE_INFINITY;
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
  for (const h of headers) {
    const raw = rawOf(h);
    const text = raw.split(/[, ]/)[0] ?? raw;
    if (h.a === h.b || seen.has(text)) continue;
    seen.add(text);
    const iso = (order: DateOrder) => {
      const ms = headerClock(h, order);
      return ms === undefined ? 'not a date' : new Date(ms).toISOString().slice(0, 10);
    };
    samples.push({ raw: text, dayFirst: iso('day-first'), monthFirst: iso('month-first') });
    if (samples.length === 5) break;
  }
  return { order: undefined, samples };
}
