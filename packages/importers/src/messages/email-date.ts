import type { ImportedTime } from '@casebook/core';
import { epochTime, WallClockReader } from './wall-clock-time';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** RFC 5322 §4.3 obsolete zone names, in hours east of UTC. */
const ZONES: Record<string, number> = {
  UT: 0,
  GMT: 0,
  Z: 0,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
};
const DATE =
  /^\s*(?:[A-Za-z]{3},?\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,3})?/;

/**
 * An email's `Date:` header as an instant. With an offset (`+0100`, `GMT`) it is exact; a
 * date without one is read as a wall clock in `zone` and says so. JavaScript's own date
 * parsing is never used: it would read a zone-less date in the machine's zone.
 */
export function emailDate(raw: string | undefined, zone: string): ImportedTime {
  const text = (raw ?? '').slice(0, 1000);
  const m = DATE.exec(text);
  if (m === null) return { known: 'unreadable', raw: text };
  const month = MONTHS.indexOf((m[2] ?? '').toLowerCase());
  let year = Number(m[3]);
  if (year < 50) year += 2000;
  else if (year < 100) year += 1900;
  const [day, h, mi, s] = [Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const local = Date.UTC(year, month, day, h, mi, s);
  const valid = month >= 0 && new Date(local).getUTCDate() === day && h < 24 && mi < 60 && s < 61;
  if (!valid) return { known: 'unreadable', raw: text };
  const z = m[7];
  let offsetMinutes: number | undefined;
  if (z !== undefined && /^[+-]\d{4}$/.test(z)) {
    const sign = z[0] === '-' ? -1 : 1;
    const hh = Number(z.slice(1, 3));
    const mm = Number(z.slice(3, 5));
    // RFC 5322: "-0000" means the offset is unknown: the time is a wall clock, not UTC.
    if (!(z === '-0000') && mm < 60) offsetMinutes = sign * (hh * 60 + mm);
  } else if (z !== undefined && ZONES[z.toUpperCase()] !== undefined) {
    offsetMinutes = (ZONES[z.toUpperCase()] ?? 0) * 60;
  }
  if (offsetMinutes === undefined) return new WallClockReader(zone).read(local, text.trim());
  return epochTime(local - offsetMinutes * 60_000) ?? { known: 'unreadable', raw: text };
}
