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

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Reads wall-clock times of one export in one zone, in the file's order. When a time happened
 * twice (the clocks went back), the first occurrence is taken unless that would put the
 * message before the one above it; a time that never happened (clocks forward) is read with
 * the offset in force before the change. Either way the time is flagged. The machine's own
 * zone is never used.
 */
export class WallClockReader {
  private readonly buckets = new Map<number, LocalBucket>();
  private last = Number.NEGATIVE_INFINITY;

  constructor(readonly zone: string) {}

  /** `localMs` is the wall clock read as if it were UTC (`Date.UTC(y, m - 1, d, h, mi, s)`). */
  read(localMs: number, raw: string): WallClockTime {
    const bucket = this.bucket(localMs);
    let offset: number;
    let flag: { ambiguous: true } | { nonexistent: true } | undefined;
    if (bucket.valid.length === 1) {
      offset = bucket.valid[0] ?? 0;
    } else if (bucket.valid.length === 0) {
      offset = bucket.before;
      flag = { nonexistent: true };
    } else {
      // valid is sorted by instant, earliest first (the larger offset).
      const first = bucket.valid[0] ?? 0;
      const second = bucket.valid[1] ?? 0;
      offset = localMs - first * 60_000 < this.last ? second : first;
      flag = { ambiguous: true };
    }
    const instant = localMs - offset * 60_000;
    this.last = instant;
    const d = new Date(localMs);
    const local =
      `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
      `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    return {
      known: 'wall-clock',
      instant: new Date(instant).toISOString(),
      local,
      zone: this.zone,
      offset: formatOffset(offset),
      raw,
      ...flag,
    };
  }

  private bucket(localMs: number): LocalBucket {
    const key = Math.floor(localMs / QUARTER_HOUR);
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      const at = key * QUARTER_HOUR;
      const before = offsetMinutesAt(at - DAY, this.zone);
      const after = offsetMinutesAt(at + DAY, this.zone);
      const candidates = before === after ? [before] : [before, after];
      const valid = candidates
        .filter((o) => offsetMinutesAt(at - o * 60_000, this.zone) === o)
        .sort((a, b) => b - a);
      bucket = { valid, before };
      if (this.buckets.size > 50_000) this.buckets.clear();
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}

/** An epoch time (milliseconds) as an imported time, or undefined when it is not a real one. */
export function epochTime(ms: number): ImportedTime | undefined {
  // 1990 to 2100: anything else in a message export is a damaged field.
  if (!Number.isFinite(ms) || ms < 631_152_000_000 || ms > 4_102_444_800_000) return undefined;
  return { known: 'epoch', instant: new Date(Math.round(ms)).toISOString() };
}
