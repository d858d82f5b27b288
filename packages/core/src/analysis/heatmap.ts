import type { IncidentId } from '../ids';
import type { Incident } from '../records/incident';
import { asTimeline, type Timeline } from './timeline';

/** Row labels of the heatmap, Monday first as UK calendars are. */
export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export interface HeatmapCell {
  readonly count: number;
  readonly incidentIds: readonly IncidentId[];
}

/** When in the week things happen: 7 rows (Monday 0 … Sunday 6) × 24 hours (local). */
export interface Heatmap {
  readonly cells: readonly (readonly HeatmapCell[])[];
  /** The busiest cell's count, for shading; 0 when empty. */
  readonly max: number;
}

/**
 * Incidents by local weekday and hour of their start, as on the clock at the time (so an
 * incident at 01:30 BST sits in the 01:00 column). Approximate times are included as given.
 */
export function weekdayHourHeatmap(source: readonly Incident[] | Timeline): Heatmap {
  const { entries } = asTimeline(source);
  const ids: IncidentId[][][] = Array.from({ length: 7 }, () =>
    Array.from({ length: 24 }, () => []),
  );
  for (const e of entries) ids[e.weekday]?.[e.hour]?.push(e.id);
  let max = 0;
  const cells = ids.map((row) =>
    row.map((incidentIds) => {
      max = Math.max(max, incidentIds.length);
      return { count: incidentIds.length, incidentIds };
    }),
  );
  return { cells, max };
}
