import type { IncidentId } from '../ids';
import type { Incident } from '../records/incident';
import type { BehaviourId } from '../taxonomy/behaviours';
import { isoDate, isoWeekOf } from './local-date';
import type { AnalysisOptions } from './options';
import { asTimeline, localDayOf, type Timeline, type TimelineEntry } from './timeline';

/** Incidents in one ISO week (Monday to Sunday, local time). */
export interface WeekCount {
  /** ISO week, e.g. `2025-W10`. */
  readonly week: string;
  /** Its Monday, `YYYY-MM-DD`. */
  readonly weekStarting: string;
  readonly count: number;
  readonly incidentIds: readonly IncidentId[];
  /** Incidents per behaviour; an incident with two behaviours counts once under each. */
  readonly byBehaviour: Readonly<Partial<Record<BehaviourId, number>>>;
}

/** Incidents in one calendar month (local time). */
export interface MonthCount {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly count: number;
  readonly incidentIds: readonly IncidentId[];
}

function weekBucket(monday: number, entries: readonly TimelineEntry[]): WeekCount {
  const byBehaviour: Partial<Record<BehaviourId, number>> = {};
  for (const e of entries) {
    for (const b of new Set(e.incident.behaviours)) byBehaviour[b] = (byBehaviour[b] ?? 0) + 1;
  }
  return {
    week: isoWeekOf(monday).week,
    weekStarting: isoDate(monday),
    count: entries.length,
    incidentIds: entries.map((e) => e.id),
    byBehaviour,
  };
}

/**
 * Incidents per ISO week of their local date, every week from the first incident's to the
 * last's with empty weeks as zero. With `options`, runs on to the week containing `now`.
 * The counts always add up to the number of incidents.
 */
export function countByWeek(
  source: readonly Incident[] | Timeline,
  options?: AnalysisOptions,
): WeekCount[] {
  const { entries } = asTimeline(source);
  if (entries.length === 0) return [];
  // Incidents in different zones can put local dates out of instant order: take min and max.
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  const byMonday = new Map<number, TimelineEntry[]>();
  for (const e of entries) {
    start = Math.min(start, e.monday);
    end = Math.max(end, e.monday);
    const list = byMonday.get(e.monday);
    if (list === undefined) byMonday.set(e.monday, [e]);
    else list.push(e);
  }
  if (options !== undefined) {
    end = Math.max(end, isoWeekOf(localDayOf(options.now, options.zone)).monday);
  }
  const weeks: WeekCount[] = [];
  for (let monday = start; monday <= end; monday += 7) {
    weeks.push(weekBucket(monday, byMonday.get(monday) ?? []));
  }
  return weeks;
}

const monthIndex = (month: string) =>
  Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthKey = (index: number) =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/** Incidents per calendar month of their local date, every month from first to last. */
export function countByMonth(source: readonly Incident[] | Timeline): MonthCount[] {
  const { entries } = asTimeline(source);
  if (entries.length === 0) return [];
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  const byMonth = new Map<string, IncidentId[]>();
  for (const e of entries) {
    start = Math.min(start, monthIndex(e.month));
    end = Math.max(end, monthIndex(e.month));
    const list = byMonth.get(e.month);
    if (list === undefined) byMonth.set(e.month, [e.id]);
    else list.push(e.id);
  }
  const months: MonthCount[] = [];
  for (let i = start; i <= end; i++) {
    const month = monthKey(i);
    const incidentIds = byMonth.get(month) ?? [];
    months.push({ month, count: incidentIds.length, incidentIds });
  }
  return months;
}
