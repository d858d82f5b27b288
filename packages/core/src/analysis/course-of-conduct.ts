import type { IncidentId } from '../ids';
import type { Incident } from '../records/incident';
import { isoDate } from './local-date';
import { asTimeline, type Timeline } from './timeline';

/**
 * Whether the log shows two or more incidents: under the Protection from Harassment Act 1997
 * conduct on at least two occasions can form a "course of conduct". This is a prompt to report,
 * not a legal finding: whether the same person was responsible is for the police to establish.
 */
export type CourseOfConduct =
  | { readonly met: false; readonly count: number; readonly incidentIds: readonly IncidentId[] }
  | {
      readonly met: true;
      readonly count: number;
      /** Local dates of the first two incidents, `YYYY-MM-DD`. */
      readonly firstDate: string;
      readonly secondDate: string;
      /** The first two incidents. */
      readonly incidentIds: readonly [IncidentId, IncidentId];
    };

/** Two or more incidents, with the first two dates. */
export function courseOfConduct(source: readonly Incident[] | Timeline): CourseOfConduct {
  const { entries } = asTimeline(source);
  const [first, second] = entries;
  if (first === undefined || second === undefined) {
    return { met: false, count: entries.length, incidentIds: entries.map((e) => e.id) };
  }
  return {
    met: true,
    count: entries.length,
    firstDate: isoDate(first.day),
    secondDate: isoDate(second.day),
    incidentIds: [first.id, second.id],
  };
}
