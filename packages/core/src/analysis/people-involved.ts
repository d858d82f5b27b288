import type { IncidentId, PersonId } from '../ids';
import type { Incident } from '../records/incident';
import { asTimeline, type Timeline } from './timeline';

export interface PersonCount {
  readonly personId: PersonId;
  readonly count: number;
  readonly incidentIds: readonly IncidentId[];
}

/** Incidents per person named on them, most first (ties by id). Witnesses are not counted. */
export function peopleInvolved(source: readonly Incident[] | Timeline): PersonCount[] {
  const { entries } = asTimeline(source);
  const people = new Map<PersonId, IncidentId[]>();
  for (const e of entries) {
    for (const personId of new Set(e.incident.people)) {
      const list = people.get(personId);
      if (list === undefined) people.set(personId, [e.id]);
      else list.push(e.id);
    }
  }
  return [...people]
    .map(([personId, incidentIds]) => ({ personId, count: incidentIds.length, incidentIds }))
    .sort((a, b) => b.count - a.count || (a.personId < b.personId ? -1 : 1));
}
