import type { Person } from '@casebook/core';

/** A new person with nothing but the default role and relationship is not worth a record. */
export function isEmptyPerson(person: Person): boolean {
  return (
    person.names.length === 0 &&
    person.phones.length === 0 &&
    person.emails.length === 0 &&
    person.handles.length === 0 &&
    person.vehicles.length === 0 &&
    person.description === undefined &&
    person.notes === undefined &&
    person.photo === undefined
  );
}
