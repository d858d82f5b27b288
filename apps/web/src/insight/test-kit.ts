import {
  type Incident,
  IncidentIdSchema,
  type Person,
  type PersonId,
  PersonIdSchema,
  type Random,
} from '@casebook/core';

/** Test builders for the insight screens' helpers: readable ids, incidents from a local time. */

export const incidentId = (label: string) => IncidentIdSchema.parse(label.padEnd(22, '_'));
export const personId = (label: string): PersonId =>
  PersonIdSchema.parse(`p-${label}`.padEnd(22, '_'));

export function incident(
  label: string,
  local: string,
  extra: Partial<Omit<Incident, 'id' | 'schema'>> = {},
): Incident {
  return {
    schema: 1,
    id: incidentId(label),
    when: { start: { local, zone: 'Europe/London', offset: '+00:00' }, approximate: false },
    whatHappened: `Incident ${label}`,
    behaviours: [],
    people: [],
    evidence: [],
    witnesses: [],
    ...extra,
  };
}

export function person(label: string, extra: Partial<Omit<Person, 'id' | 'schema'>> = {}): Person {
  return {
    schema: 1,
    id: personId(label),
    role: 'offender',
    relationship: 'unknown',
    names: [label],
    phones: [],
    emails: [],
    handles: [],
    vehicles: [],
    ...extra,
  };
}

/** Deterministic bytes, so ids made in tests are stable. */
export const fixedRandom: Random = {
  bytes: (n) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff),
};
