import { type IncidentId, IncidentIdSchema, type PersonId, PersonIdSchema } from '../ids';
import type { Incident } from '../records/incident';

/** Test builders for analysis and guidance: readable ids and incidents from a local time. */

/** A valid incident id that reads as its label, e.g. `id('a')` → `a_____________________`. */
export const id = (label: string): IncidentId => IncidentIdSchema.parse(label.padEnd(22, '_'));

/** A valid person id that reads as its label. */
export const personId = (label: string): PersonId =>
  PersonIdSchema.parse(`p-${label}`.padEnd(22, '_'));

/** An incident starting at `local` (`YYYY-MM-DDTHH:MM`) in Europe/London with `offset`. */
export function incident(
  label: string,
  local: string,
  extra: Partial<Omit<Incident, 'id' | 'schema'>> & { readonly offset?: string } = {},
): Incident {
  const { offset = '+00:00', ...rest } = extra;
  return {
    schema: 1,
    id: id(label),
    when: { start: { local, zone: 'Europe/London', offset }, approximate: false },
    whatHappened: `Incident ${label}`,
    behaviours: [],
    people: [],
    evidence: [],
    witnesses: [],
    ...rest,
  };
}

/** British Summer Time runs from the last Sunday of March to the last Sunday of October. */
export const BST = { offset: '+01:00' } as const;
