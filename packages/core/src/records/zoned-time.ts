import { z } from 'zod';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

function isRealLocalDateTime(s: string): boolean {
  const m = LOCAL.exec(s);
  if (m === null) return false;
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  const date = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1));
  // Round-tripping through Date rejects 31 April and 29 February in a non-leap year.
  const dayExists =
    date.getUTCFullYear() === y && date.getUTCMonth() + 1 === mo && date.getUTCDate() === d;
  return dayExists && (h ?? 24) < 24 && (mi ?? 60) < 60 && (se ?? 60) < 60;
}

/** Offsets in use run from -12:00 to +14:00. */
function isOffset(s: string): boolean {
  const m = OFFSET.exec(s);
  if (m === null) return false;
  const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return Number(m[3]) < 60 && minutes >= -12 * 60 && minutes <= 14 * 60;
}

const knownZones = new Set<string>();

/** True when the runtime knows this IANA time zone. Results are cached: validation is hot. */
export function isTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
  } catch {
    return false;
  }
  knownZones.add(zone);
  return true;
}

/** A wall-clock date and time, e.g. `2025-03-03T14:05` or `2025-03-03T14:05:09.250`. */
export const LocalDateTimeSchema = z
  .string()
  .refine(isRealLocalDateTime, 'Enter a real date and time, like 2025-03-03T14:05.');

/** A UTC offset, e.g. `+01:00`. */
export const UtcOffsetSchema = z
  .string()
  .refine(isOffset, 'Enter the offset from UTC like +01:00 or -05:00.');

/** An IANA time zone name, e.g. `Europe/London`. */
export const TimeZoneSchema = z.string().refine(isTimeZone, 'This time zone is not recognised.');

/**
 * A moment as the victim lived it: local wall-clock time, the zone, and the offset in force.
 * Keeping all three means the record stays exact even if time-zone rules change later.
 */
export const ZonedDateTimeSchema = z.strictObject({
  local: LocalDateTimeSchema,
  zone: TimeZoneSchema,
  offset: UtcOffsetSchema,
});
export type ZonedDateTime = z.infer<typeof ZonedDateTimeSchema>;

/** An exact instant in ISO 8601 with `Z` or an offset, e.g. file times and intake times. */
export const InstantSchema = z.iso.datetime({
  offset: true,
  error: 'Enter a date and time like 2025-03-03T14:05:00Z.',
});
