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
  /** The line's index in the file, from 0. */
  readonly line: number;
  /** Where the line starts in the text, and where it ends (before its newline). */
  readonly at: number;
  readonly end: number;
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
  /** Where the text after the header begins, in the text. */
  readonly restAt: number;
}

/** The date and time of a header as written, without brackets, marks or the dash. */
export function headerRaw(text: string, h: Header): string {
  return headerRawAt(text, h.at, h.restAt);
}

/** `headerRaw` of the header from `at` whose text begins at `restAt`. */
export function headerRawAt(text: string, at: number, restAt: number): string {
  const c = text.charCodeAt(at);
  if (c >= 48 && c <= 57) {
    // Plain ASCII (the usual Android header): the date and time, less " - ".
    let plain = true;
    for (let i = at; i < restAt; i++) {
      const d = text.charCodeAt(i);
      if (d === 0x202f || d === 0xa0) {
        plain = false;
        break;
      }
    }
    if (plain) return text.slice(at, restAt - 3);
  }
  return text
    .slice(at, restAt)
    .replace(/[\u200e\u200f\ufeff[\]]/g, '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/ [-–] $/, '')
    .trim();
}

function isCandidate(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    code === 91 ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0xfeff
  );
}

/**
 * The header at the start of `line`, or undefined, read with the two regular expressions.
 * `scanHeader` reads the same without them; this is kept as its reference (a property test
 * holds them to the same answers).
 */
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
  const half = ampm === undefined ? 0 : ampm === 'a' || ampm === 'A' ? 1 : 2;
  const fields: HeaderFields = {
    line: index,
    at: 0,
    end: line.length,
    ios,
    a: Number(a),
    b: Number(b),
    c: Number(c),
    aLen: (a ?? '').length,
    cLen: (c ?? '').length,
    sep: (sep ?? '.').charCodeAt(0),
    comma: comma !== '',
    hour: Number(h),
    minute: Number(mi),
    second: s === undefined ? -1 : Number(s),
    half,
    restAt: whole.length,
  };
  return header(fields);
}

/** What a header's text gives, before the checks on its year's digits. */
export interface HeaderFields {
  line: number;
  at: number;
  end: number;
  ios: boolean;
  a: number;
  b: number;
  c: number;
  aLen: number;
  cLen: number;
  /** The date separator's character code. */
  sep: number;
  comma: boolean;
  hour: number;
  minute: number;
  /** -1 when the header writes no seconds. */
  second: number;
  half: 0 | 1 | 2;
  restAt: number;
}

/** Whether the year's digits fit the date: 2 or 4 last, or 4 first with 1 or 2 last. */
export function yearFits(f: HeaderFields): boolean {
  return f.aLen === 4 ? f.cLen <= 2 : f.cLen === 2 || f.cLen === 4;
}

/** The layout number of a header (see `Header.layout`). */
export function layoutOf(f: HeaderFields): number {
  const yearFirst = f.aLen === 4;
  return (
    (f.ios ? 1 : 0) +
    (f.sep === 46 ? 0 : f.sep === 47 ? 2 : 4) +
    (f.comma ? 8 : 0) +
    (f.second < 0 ? 0 : 16) +
    (f.half === 0 ? 0 : 32) +
    (yearFirst ? 128 : f.cLen * 256)
  );
}

function header(f: HeaderFields): Header | undefined {
  if (!yearFits(f)) return undefined;
  const yearFirst = f.aLen === 4;
  return {
    line: f.line,
    at: f.at,
    end: f.end,
    ios: f.ios,
    a: f.a,
    b: f.b,
    c: f.c,
    yearFirst,
    twoDigitYear: !yearFirst && f.cLen === 2,
    hour: f.hour,
    minute: f.minute,
    second: f.second < 0 ? 0 : f.second,
    half: f.half,
    layout: layoutOf(f),
    restAt: f.restAt,
  };
}

const scratch: HeaderFields = {
  line: 0,
  at: 0,
  end: 0,
  ios: false,
  a: 0,
  b: 0,
  c: 0,
  aLen: 0,
  cLen: 0,
  sep: 0,
  comma: false,
  hour: 0,
  minute: 0,
  second: 0,
  half: 0,
  restAt: 0,
};

const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || c === 0xa0 || c === 0x202f;

/**
 * The header at `at` (a line start) in `text`, or undefined: what `readHeader` finds on that
 * line, read a character at a time, with no regular expression, no substring and no match
 * array (this runs once per line of an export of perhaps millions). `end` is the line's end.
 */
export function scanHeader(
  text: string,
  at: number,
  end: number,
  index: number,
): Header | undefined {
  const f = scanHeaderFields(text, at, end, index);
  return f === undefined ? undefined : header(f);
}

/**
 * What `scanHeader` reads, before the year check, in one object reused by every call (valid
 * until the next): for a caller that keeps the fields without an object per header.
 */
export function scanHeaderFields(
  text: string,
  at: number,
  end: number,
  index: number,
): HeaderFields | undefined {
  let p = at;
  let c = text.charCodeAt(p);
  while (c === 0x200e || c === 0x200f || c === 0xfeff) c = text.charCodeAt(++p);
  const ios = c === 91;
  if (ios) c = text.charCodeAt(++p);
  if (!isDigit(c)) return undefined;
  // The date: (\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(,?) then a space.
  let a = 0;
  let aLen = 0;
  while (isDigit(c) && aLen < 4) {
    a = a * 10 + c - 48;
    aLen++;
    c = text.charCodeAt(++p);
  }
  if (c !== 46 && c !== 47 && c !== 45) return undefined;
  const sep = c;
  c = text.charCodeAt(++p);
  let b = 0;
  let n = 0;
  while (isDigit(c) && n < 2) {
    b = b * 10 + c - 48;
    n++;
    c = text.charCodeAt(++p);
  }
  if (n === 0 || c !== sep) return undefined;
  c = text.charCodeAt(++p);
  let year = 0;
  let cLen = 0;
  while (isDigit(c) && cLen < 4) {
    year = year * 10 + c - 48;
    cLen++;
    c = text.charCodeAt(++p);
  }
  if (cLen === 0) return undefined;
  const comma = c === 44;
  if (comma) c = text.charCodeAt(++p);
  if (!isSpace(c)) return undefined;
  c = text.charCodeAt(++p);
  // Finnish writes "klo" before the time.
  if (
    !ios &&
    c === 107 &&
    text.charCodeAt(p + 1) === 108 &&
    text.charCodeAt(p + 2) === 111 &&
    isSpace(text.charCodeAt(p + 3))
  ) {
    p += 4;
    c = text.charCodeAt(p);
  }
  // The time: (\d{1,2})[:.](\d{2})(?:[:.](\d{2}))? then an optional am/pm.
  let hour = 0;
  n = 0;
  while (isDigit(c) && n < 2) {
    hour = hour * 10 + c - 48;
    n++;
    c = text.charCodeAt(++p);
  }
  if (n === 0 || (c !== 58 && c !== 46)) return undefined;
  const m1 = text.charCodeAt(p + 1);
  const m2 = text.charCodeAt(p + 2);
  if (!isDigit(m1) || !isDigit(m2)) return undefined;
  const minute = (m1 - 48) * 10 + m2 - 48;
  p += 3;
  c = text.charCodeAt(p);
  let second = -1;
  if (c === 58 || c === 46) {
    const s1 = text.charCodeAt(p + 1);
    const s2 = text.charCodeAt(p + 2);
    // Not seconds: then nothing after the minutes can match, as the regex finds too.
    if (!isDigit(s1) || !isDigit(s2)) return undefined;
    second = (s1 - 48) * 10 + s2 - 48;
    p += 3;
    c = text.charCodeAt(p);
  }
  // (?:SP?([aApP])\.?SP?[mM]\.?)? taken whole or not at all.
  let half: 0 | 1 | 2 = 0;
  let q = p;
  if (isSpace(text.charCodeAt(q))) q++;
  const ap = text.charCodeAt(q);
  if (ap === 97 || ap === 65 || ap === 112 || ap === 80) {
    q++;
    if (text.charCodeAt(q) === 46) q++;
    if (isSpace(text.charCodeAt(q))) q++;
    const m = text.charCodeAt(q);
    if (m === 109 || m === 77) {
      q++;
      if (text.charCodeAt(q) === 46) q++;
      half = ap === 97 || ap === 65 ? 1 : 2;
      p = q;
      c = text.charCodeAt(p);
    }
  }
  if (ios) {
    if (c !== 93 || !isSpace(text.charCodeAt(p + 1))) return undefined;
    p += 2;
  } else {
    const dash = text.charCodeAt(p + 1);
    if (!isSpace(c) || (dash !== 45 && dash !== 0x2013) || !isSpace(text.charCodeAt(p + 2)))
      return undefined;
    p += 3;
  }
  if (p > end) return undefined;
  // One scratch object, reused: a header is made only when the line has one.
  const f = scratch;
  f.line = index;
  f.at = at;
  f.end = end;
  f.ios = ios;
  f.a = a;
  f.b = b;
  f.c = year;
  f.aLen = aLen;
  f.cLen = cLen;
  f.sep = sep;
  f.comma = comma;
  f.hour = hour;
  f.minute = minute;
  f.second = second;
  f.half = half;
  f.restAt = p;
  return f;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Days in a month (1–12) of a Gregorian year, without making a Date per header. */
const daysIn = (year: number, month: number) =>
  month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
    ? 29
    : (MONTH_DAYS[month - 1] ?? 31);

/**
 * The header's wall clock as milliseconds read as if UTC, under a date order; undefined when
 * that day or time does not exist.
 */
export function headerClock(h: Header, order: DateOrder): number | undefined {
  return wallClockOf(order, h.a, h.b, h.c, h.twoDigitYear, h.half, h.hour, h.minute, h.second);
}

// The last day read and its start: a chat has many messages a day, and Date.UTC is not free.
let lastYear = -1;
let lastMonth = -1;
let lastDay = -1;
let lastDayStart = 0;

/** `headerClock` of a header's numbers as written (a, b, c in the file's order). */
export function wallClockOf(
  order: DateOrder,
  a: number,
  b: number,
  c: number,
  twoDigitYear: boolean,
  half: number,
  hour: number,
  minute: number,
  second: number,
): number | undefined {
  let year: number;
  let month: number;
  let day: number;
  if (order === 'year-first') {
    year = a;
    month = b;
    day = c;
  } else if (order === 'day-first') {
    year = c;
    month = b;
    day = a;
  } else {
    year = c;
    month = a;
    day = b;
  }
  if (twoDigitYear) year += 2000;
  if (year < 1990 || year > 2099 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysIn(year, month)) return undefined;
  let h = hour;
  if (half !== 0) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (half === 2 ? 12 : 0);
  }
  if (h > 23 || minute > 59 || second > 59) return undefined;
  if (year !== lastYear || month !== lastMonth || day !== lastDay) {
    lastDayStart = Date.UTC(year, month - 1, day);
    lastYear = year;
    lastMonth = month;
    lastDay = day;
  }
  return lastDayStart + h * 3_600_000 + minute * 60_000 + second * 1000;
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
