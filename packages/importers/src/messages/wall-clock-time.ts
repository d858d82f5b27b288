import {
  formatOffset,
  type ImportedTime,
  offsetMinutesAt,
  type WallClockTime,
} from '@casebook/core';

const DAY = 86_400_000;
const QUARTER_HOUR = 15 * 60_000;

/** The offsets a local quarter hour can have: one, two (clocks went back) or none (forward). */
interface LocalBucket {
  readonly valid: readonly number[];
  readonly before: number;
}

/**
 * Reads wall-clock times of one export in one zone, in the file's order. When a time happened
 * twice (the clocks went back), the first occurrence is taken unless that would put the
 * message before the one above it; a time that never happened (clocks forward) is read with
 * the offset in force before the change. Either way the time is flagged. The machine's own
 * zone is never used.
 */
export class WallClockReader {
  private readonly buckets = new Map<number, LocalBucket>();
  private readonly days = new Map<number, LocalBucket>();
  private last = Number.NEGATIVE_INFINITY;
  // The previous message's wall clock and instant with their texts: a minute often repeats.
  private lastLocal = Number.NaN;
  private lastLocalText = '';
  private lastInstant = Number.NaN;
  private lastInstantText = '';
  // The last local day found with one offset all day, and its bucket.
  private lastDayKey = Number.NaN;
  private lastDay: LocalBucket = { valid: [], before: 0 };

  constructor(readonly zone: string) {}

  /** `localMs` is the wall clock read as if it were UTC (`Date.UTC(y, m - 1, d, h, mi, s)`). */
  read(localMs: number, raw: string): WallClockTime {
    const bucket = this.bucket(localMs);
    let offset: number;
    let flag: 'ambiguous' | 'nonexistent' | undefined;
    if (bucket.valid.length === 1) {
      offset = bucket.valid[0] ?? 0;
    } else if (bucket.valid.length === 0) {
      offset = bucket.before;
      flag = 'nonexistent';
    } else {
      // valid is sorted by instant, earliest first (the larger offset).
      const first = bucket.valid[0] ?? 0;
      const second = bucket.valid[1] ?? 0;
      offset = localMs - first * 60_000 < this.last ? second : first;
      flag = 'ambiguous';
    }
    const instant = localMs - offset * 60_000;
    this.last = instant;
    if (localMs !== this.lastLocal) {
      this.lastLocal = localMs;
      this.lastLocalText = isoSeconds(localMs);
    }
    if (instant !== this.lastInstant) {
      this.lastInstant = instant;
      this.lastInstantText = isoSeconds(instant, true);
    }
    const time: WallClockTime = {
      known: 'wall-clock',
      instant: this.lastInstantText,
      local: this.lastLocalText,
      zone: this.zone,
      offset: offsetText(offset),
      raw,
    };
    if (flag === 'ambiguous') time.ambiguous = true;
    else if (flag === 'nonexistent') time.nonexistent = true;
    return time;
  }

  private bucket(localMs: number): LocalBucket {
    // Most days have one offset all day: one entry per local day, unless the clocks change;
    // and messages come in order, so the day asked last is kept at hand.
    const dayKey = Math.floor(localMs / DAY);
    if (dayKey === this.lastDayKey) return this.lastDay;
    const day = this.days.get(dayKey);
    if (day !== undefined) {
      this.lastDayKey = dayKey;
      this.lastDay = day;
      return day;
    }
    const key = Math.floor(localMs / QUARTER_HOUR);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = this.quarterHour(key * QUARTER_HOUR);
      if (this.buckets.size > 50_000) this.buckets.clear();
      this.buckets.set(key, bucket);
      const start = dayKey * DAY;
      const before = offsetMinutesAt(start - DAY, this.zone);
      if (before === offsetMinutesAt(start + 2 * DAY, this.zone)) {
        const whole = { valid: [before], before };
        if (this.days.size > 50_000) this.days.clear();
        this.days.set(dayKey, whole);
      }
    }
    return bucket;
  }

  private quarterHour(at: number): LocalBucket {
    const before = offsetMinutesAt(at - DAY, this.zone);
    const after = offsetMinutesAt(at + DAY, this.zone);
    const candidates = before === after ? [before] : [before, after];
    const valid = candidates
      .filter((o) => offsetMinutesAt(at - o * 60_000, this.zone) === o)
      .sort((a, b) => b - a);
    return { valid, before };
  }
}

const dayTexts = new Map<number, string>();
// The day of the last text made, and its date: the next is most often of the same day.
let lastDateDay = Number.NaN;
let lastDate = '';
/** `THH:MM:SS` of each second of a day, and with `.000Z`, made when first needed. */
const clockTexts: string[] = Array.from({ length: DAY / 1000 }, () => '');
const utcClockTexts: string[] = Array.from({ length: DAY / 1000 }, () => '');
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * `YYYY-MM-DDTHH:MM:SS` of whole-second ms, with `.000Z` when `utc`: a date and a clock text
 * from caches joined, as this runs twice per message.
 */
function isoSeconds(ms: number, utc = false): string {
  const day = Math.floor(ms / DAY);
  let date: string | undefined;
  if (day === lastDateDay) date = lastDate;
  else {
    date = dayTexts.get(day);
    if (date === undefined) {
      date = new Date(day * DAY).toISOString().slice(0, 10);
      if (dayTexts.size > 100_000) dayTexts.clear();
      dayTexts.set(day, date);
    }
    lastDateDay = day;
    lastDate = date;
  }
  const s = Math.floor((ms - day * DAY) / 1000);
  const texts = utc ? utcClockTexts : clockTexts;
  let clock = texts[s] as string;
  if (clock === '') {
    clock = `T${TWO[Math.floor(s / 3600)]}:${TWO[Math.floor(s / 60) % 60]}:${TWO[s % 60]}${utc ? '.000Z' : ''}`;
    texts[s] = clock;
  }
  return date + clock;
}

const offsetTexts = new Map<number, string>();
function offsetText(minutes: number): string {
  let t = offsetTexts.get(minutes);
  if (t === undefined) {
    t = formatOffset(minutes);
    offsetTexts.set(minutes, t);
  }
  return t;
}

/** An epoch time (milliseconds) as an imported time, or undefined when it is not a real one. */
export function epochTime(ms: number): ImportedTime | undefined {
  // 1990 to 2100: anything else in a message export is a damaged field.
  if (!Number.isFinite(ms) || ms < 631_152_000_000 || ms > 4_102_444_800_000) return undefined;
  return { known: 'epoch', instant: new Date(Math.round(ms)).toISOString() };
}
