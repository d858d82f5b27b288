import type { IncidentId } from '../ids';
import type { Incident } from '../records/incident';
import { toZonedDateTime } from '../records/to-zoned-date-time';
import { dayNumberOf, isoWeekOf, weekdayOf } from './local-date';

/** One incident placed on the calendar it was lived in. */
export interface TimelineEntry {
  readonly incident: Incident;
  readonly id: IncidentId;
  /** The exact instant it started (ms since epoch), from `local` and the stored `offset`. */
  readonly instant: number;
  /** Local calendar date as a day number (see `local-date.ts`). */
  readonly day: number;
  /** Local hour, 0–23, as on the clock at the time. */
  readonly hour: number;
  /** Monday 0 … Sunday 6. */
  readonly weekday: number;
  /** ISO week, e.g. `2025-W10`, and its Monday. */
  readonly week: string;
  readonly monday: number;
  /** `YYYY-MM` of the local date. */
  readonly month: string;
}

/** Incidents in chronological order with their local calendar fields worked out once. */
export interface Timeline {
  readonly kind: 'timeline';
  readonly entries: readonly TimelineEntry[];
}

const digits = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
};

function entryOf(incident: Incident, weeks: Map<number, { week: string; monday: number }>) {
  const { local, offset } = incident.when.start;
  const y = digits(local, 0, 4);
  const m = digits(local, 5, 7);
  const d = digits(local, 8, 10);
  const hour = digits(local, 11, 13);
  const minute = digits(local, 14, 16);
  const second = local.length >= 19 ? digits(local, 17, 19) : 0;
  const millis = local.length > 20 ? Number(local.slice(20).padEnd(3, '0')) : 0;
  const offsetMinutes =
    (offset.startsWith('-') ? -1 : 1) * (digits(offset, 1, 3) * 60 + digits(offset, 4, 6));
  const day = dayNumberOf(y, m, d);
  let week = weeks.get(day);
  if (week === undefined) {
    week = isoWeekOf(day);
    weeks.set(day, week);
  }
  return {
    incident,
    id: incident.id,
    instant: Date.UTC(y, m - 1, d, hour, minute, second, millis) - offsetMinutes * 60_000,
    day,
    hour,
    weekday: weekdayOf(day),
    week: week.week,
    monday: week.monday,
    month: local.slice(0, 7),
  } satisfies TimelineEntry;
}

/** Earlier first; ties broken by local time then id, so any input order gives the same result. */
function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  if (a.instant !== b.instant) return a.instant - b.instant;
  const byLocal = a.incident.when.start.local.localeCompare(b.incident.when.start.local);
  if (byLocal !== 0) return byLocal;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Puts incidents in order and reads each one's local date, hour and week from
 * `when.start.local` — the wall clock in the incident's own zone, so clock changes are
 * already accounted for. Pass live incidents only: deleted ones are the caller's to drop.
 */
export function buildTimeline(incidents: readonly Incident[]): Timeline {
  const weeks = new Map<number, { week: string; monday: number }>();
  const entries = incidents.map((incident) => entryOf(incident, weeks));
  entries.sort(compareEntries);
  return { kind: 'timeline', entries };
}

/** Accepts incidents or a timeline already built from them. */
export function asTimeline(source: readonly Incident[] | Timeline): Timeline {
  return 'kind' in source ? source : buildTimeline(source);
}

/** The local calendar day of `now` in `zone`. */
export function localDayOf(now: Date, zone: string): number {
  const { local } = toZonedDateTime(now, zone);
  return dayNumberOf(digits(local, 0, 4), digits(local, 5, 7), digits(local, 8, 10));
}

/** Ids of the entries, in timeline order. */
export const idsOf = (entries: readonly TimelineEntry[]): IncidentId[] => entries.map((e) => e.id);
