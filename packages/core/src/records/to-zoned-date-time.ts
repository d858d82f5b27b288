import type { ZonedDateTime } from './zoned-time';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Wall-clock fields of `ms` in `zone`, read back as if they were UTC (ms since epoch). */
function wallClockAsUtc(ms: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const get = (k: string) => parts[k] ?? 0;
  return Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
}

/** `+01:00` style offset from minutes east of UTC. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const QUARTER_HOUR = 15 * 60_000;
const offsetCache = new Map<string, number>();

/**
 * The offset of `zone` from UTC at instant `ms`, in whole minutes. Memoised per quarter hour:
 * modern zone transitions fall on quarter hours, and `formatToParts` is slow in bulk.
 */
export function offsetMinutesAt(ms: number, zone: string): number {
  const bucket = Math.floor(ms / QUARTER_HOUR);
  const key = `${zone} ${bucket}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const at = bucket * QUARTER_HOUR;
  const offset = Math.round((wallClockAsUtc(at, zone) - at) / 60_000);
  if (offsetCache.size >= 100_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** The instant `date` as a wall-clock time in `zone`, to the second. */
export function toZonedDateTime(date: Date, zone: string): ZonedDateTime {
  const ms = Math.floor(date.getTime() / 1000) * 1000;
  const offset = offsetMinutesAt(ms, zone);
  const wall = new Date(ms + offset * 60_000);
  const local =
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
  return { local, zone, offset: formatOffset(offset) };
}

/** The exact instant a zoned date-time denotes, using its stored offset. */
export function instantOf(when: ZonedDateTime): Date {
  const sign = when.offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(when.offset.slice(1, 3)) * 60 + Number(when.offset.slice(4, 6)));
  const asUtc = Date.parse(`${when.local}Z`);
  return new Date(asUtc - minutes * 60_000);
}

/**
 * The instant a wall-clock time in `zone` denotes. When clocks go back and the time happens
 * twice, this is the earlier; when clocks go forward and it never happens, an hour later.
 */
export function fromLocal(local: string, zone: string): Date {
  const asUtc = Date.parse(`${local}Z`);
  if (Number.isNaN(asUtc)) throw new RangeError(`Not a local date-time: ${local}`);
  const day = 86_400_000;
  const before = offsetMinutesAt(asUtc - day, zone);
  const after = offsetMinutesAt(asUtc + day, zone);
  const valid = [before, after]
    .map((offset) => asUtc - offset * 60_000)
    .filter((t) => asUtc - offsetMinutesAt(t, zone) * 60_000 === t);
  return new Date(valid.length > 0 ? Math.min(...valid) : asUtc - before * 60_000);
}
