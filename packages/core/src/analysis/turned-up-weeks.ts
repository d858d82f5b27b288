import type { IncidentId } from '../ids';
import type { Incident } from '../records/incident';
import type { BehaviourId } from '../taxonomy/behaviours';
import { isoDate } from './local-date';
import { asTimeline, type Timeline, type TimelineEntry } from './timeline';

/**
 * The taxonomy's id for turning up unannounced or uninvited, which covers visiting the home
 * or workplace (seed pages 001, 002, 003). Loitering and following are separate questions.
 */
export const TURNING_UP_BEHAVIOURS: readonly BehaviourId[] = ['turning-up-unannounced'];

/** "More than three times a week", from the "Are you at risk?" questions. */
export const TURNED_UP_THRESHOLD = 3;

export interface TurnedUpWeek {
  /** ISO week, e.g. `2025-W10`. */
  readonly week: string;
  /** Its Monday, `YYYY-MM-DD`. */
  readonly weekStarting: string;
  readonly count: number;
  readonly incidentIds: readonly IncidentId[];
}

/** ISO weeks (local time) with more than three incidents of turning up unannounced. */
export function turnedUpWeeks(source: readonly Incident[] | Timeline): TurnedUpWeek[] {
  const { entries } = asTimeline(source);
  const weeks = new Map<number, { week: string; ids: IncidentId[] }>();
  for (const e of entries as readonly TimelineEntry[]) {
    if (!e.incident.behaviours.some((b) => TURNING_UP_BEHAVIOURS.includes(b))) continue;
    const bucket = weeks.get(e.monday);
    if (bucket === undefined) weeks.set(e.monday, { week: e.week, ids: [e.id] });
    else bucket.ids.push(e.id);
  }
  return [...weeks]
    .filter(([, w]) => w.ids.length > TURNED_UP_THRESHOLD)
    .sort(([a], [b]) => a - b)
    .map(([monday, w]) => ({
      week: w.week,
      weekStarting: isoDate(monday),
      count: w.ids.length,
      incidentIds: w.ids,
    }));
}
