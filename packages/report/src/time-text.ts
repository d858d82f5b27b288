import { instantOf, offsetMinutesAt, type ZonedDateTime } from '@casebook/core';

/**
 * A moment as the report shows it: the exact instant, the wall clock where it happened, and
 * words an officer reads at a glance ("Sun 27 Oct 2024, 01:30 GMT (UTC+0)").
 */
export interface ShownTime {
  /** The exact instant, ISO 8601 in UTC. */
  readonly utc: string;
  /** Wall-clock time with its offset, ISO 8601, e.g. `2024-10-27T01:30:00+00:00`. */
  readonly local: string;
  readonly zone: string;
  readonly text: string;
  /**
   * Set when the wall-clock time is not unique in its zone: `repeated` when the clocks went back
   * and it happened twice (the offset says which), `skipped` when the clocks went forward past it.
   */
  readonly ambiguity?: 'repeated' | 'skipped';
}

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneNames(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' });
    formatters.set(zone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number) => String(n).padStart(2, '0');

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/** `UTC+1`, `UTC-3:30`, `UTC+0`. */
export function utcOffsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  const mins = abs % 60;
  return `UTC${minutes < 0 ? '-' : '+'}${Math.floor(abs / 60)}${mins === 0 ? '' : `:${pad(mins)}`}`;
}

/** "GMT", "BST", "CET": only a real abbreviation, and only when the zone's rules agree. */
function abbreviation(ms: number, zone: string, offset: number): string | undefined {
  if (offsetMinutesAt(ms, zone) !== offset) return undefined;
  const name = zoneNames(zone)
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value;
  return name !== undefined && /^[A-Z]{2,5}$/.test(name) ? name : undefined;
}

/** Whether a wall-clock time happens twice, or never, in its zone. */
export function ambiguityOf(local: string, zone: string): 'repeated' | 'skipped' | undefined {
  const asUtc = Date.parse(`${local}Z`);
  const offsets = new Set([offsetMinutesAt(asUtc - DAY, zone), offsetMinutesAt(asUtc + DAY, zone)]);
  let valid = 0;
  for (const offset of offsets) {
    const t = asUtc - offset * 60_000;
    if (asUtc - offsetMinutesAt(t, zone) * 60_000 === t) valid += 1;
  }
  return valid === 0 ? 'skipped' : valid > 1 ? 'repeated' : undefined;
}

/** "Sun 27 Oct 2024" of a wall-clock `YYYY-MM-DD…`. */
export function dayText(local: string): string {
  const y = Number(local.slice(0, 4));
  const m = Number(local.slice(5, 7));
  const d = Number(local.slice(8, 10));
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${WEEKDAYS[weekday]} ${d} ${MONTHS[m - 1]} ${y}`;
}

/** "March 2025" of `YYYY-MM`. */
export function monthText(month: string): string {
  return `${LONG_MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** "Mar 2025" of `YYYY-MM`, for chart labels. */
export function shortMonthText(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

function normalLocal(local: string): string {
  return local.length === 16 ? `${local}:00` : local.slice(0, 19);
}

/** A zoned date-time as stored on a record, shown. */
export function showZoned(when: ZonedDateTime): ShownTime {
  const ms = instantOf(when).getTime();
  const offset = offsetMinutes(when.offset);
  const abbr = abbreviation(ms, when.zone, offset);
  const zoneText =
    abbr === undefined ? utcOffsetText(offset) : `${abbr} (${utcOffsetText(offset)})`;
  const ambiguity = ambiguityOf(when.local, when.zone);
  return {
    utc: new Date(ms).toISOString(),
    local: `${normalLocal(when.local)}${when.offset}`,
    zone: when.zone,
    text: `${dayText(when.local)}, ${when.local.slice(11, 16)} ${zoneText}`,
    ...(ambiguity === undefined ? {} : { ambiguity }),
  };
}

/** An exact instant (`2025-03-03T14:05:00Z`, or with an offset) shown in `zone`. */
export function showInstant(iso: string, zone: string): ShownTime {
  const ms = Math.floor(Date.parse(iso) / 1000) * 1000;
  const offset = offsetMinutesAt(ms, zone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const wall = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  // An instant is exact, so the wall clock it gives is never in doubt.
  const { ambiguity: _exact, ...shown } = showZoned({
    local: wall,
    zone,
    offset: `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`,
  });
  return shown;
}

/** Words for an ambiguity, for a footnote beside the time. */
export function ambiguityText(ambiguity: 'repeated' | 'skipped'): string {
  return ambiguity === 'repeated'
    ? 'The clocks went back that night, so this local time happened twice; the UTC offset shows which.'
    : 'The clocks went forward that night, so this local time did not exist; check the time.';
}
