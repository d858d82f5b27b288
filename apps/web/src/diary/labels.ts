import {
  BEHAVIOURS,
  type CallRecord,
  CHANNELS,
  type Incident,
  PERSON_ROLES,
  type Person,
  type PhysicalItem,
  PLACE_TYPES,
  POLICE_CONTACTED,
  POLICE_METHODS,
  RELATIONSHIPS,
  type Vehicle,
} from '@casebook/core';
import { formatDuration, formatZoned } from './format';

function labelIn(list: readonly { id: string; label: string }[], id: string | undefined): string {
  if (id === undefined) return '';
  return list.find((e) => e.id === id)?.label ?? id;
}

export const behaviourLabel = (id: string) => labelIn(BEHAVIOURS, id);
export const channelLabel = (id: string | undefined) => labelIn(CHANNELS, id);
export const placeTypeLabel = (id: string | undefined) => labelIn(PLACE_TYPES, id);
export const roleLabel = (id: string | undefined) => labelIn(PERSON_ROLES, id);
export const relationshipLabel = (id: string | undefined) => labelIn(RELATIONSHIPS, id);

/** A person's display name: their first name on record, or a description for the unknown. */
export function personName(person: Person | undefined): string {
  if (!person) return 'Someone no longer in your people list';
  const name = person.names[0];
  if (name) return name;
  const desc = person.description?.trim();
  return desc
    ? `Unknown (${shorten(desc, 40)})`
    : `Unknown ${roleLabel(person.role).toLowerCase()}`;
}

/** Text cut to at most `max` characters at a word boundary, with an ellipsis when cut. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  const atWord = space > 0 ? cut.slice(0, space) : cut;
  return `${atWord.replace(/[\s,;:.-]+$/, '')}…`;
}

export function vehicleText(v: Vehicle | undefined): string {
  if (!v) return '';
  return [v.colour, v.make, v.model, v.plate ? `plate ${v.plate}` : undefined]
    .filter(Boolean)
    .join(', ');
}

/** One labelled line of a record, for the detail view and for "what changed". */
export interface Line {
  readonly label: string;
  readonly value: string;
}

function push(out: Line[], label: string, value: string | undefined): void {
  if (value !== undefined && value.trim() !== '') out.push({ label, value });
}

export function describeIncident(incident: Incident, people: ReadonlyMap<string, Person>): Line[] {
  const out: Line[] = [];
  push(out, 'Date and time', formatZoned(incident.when.start));
  push(out, 'Ended', incident.when.end ? formatZoned(incident.when.end) : undefined);
  push(out, 'Time is approximate', incident.when.approximate ? 'Yes' : undefined);
  push(out, 'Location', incident.location?.text);
  push(out, 'Kind of place', placeTypeLabel(incident.location?.placeType));
  const c = incident.location?.coords;
  push(out, 'Coordinates', c ? `${c.lat}, ${c.lng}` : undefined);
  push(out, 'What happened', incident.whatHappened);
  push(out, 'Behaviours', incident.behaviours.map(behaviourLabel).join('; '));
  push(out, 'How it happened', channelLabel(incident.channel));
  push(out, 'Who', incident.people.map((id) => personName(people.get(id))).join('; '));
  push(out, 'What they looked like', incident.offenderDescription?.looked);
  push(out, 'What they sounded like', incident.offenderDescription?.sounded);
  push(out, 'What they wore', incident.offenderDescription?.wore);
  push(out, 'Vehicle', vehicleText(incident.vehicle));
  push(
    out,
    'Evidence',
    incident.evidence.length === 1
      ? '1 evidence item linked'
      : incident.evidence.length > 1
        ? `${incident.evidence.length} evidence items linked`
        : undefined,
  );
  push(
    out,
    'Witnesses',
    incident.witnesses.map((w) => (w.contact ? `${w.name} (${w.contact})` : w.name)).join('; '),
  );
  const p = incident.police;
  push(out, 'Police contacted', p ? labelIn(POLICE_CONTACTED, p.contacted) : undefined);
  push(out, 'How you contacted them', labelIn(POLICE_METHODS, p?.method));
  push(out, 'What the police did', p?.whatTheyDid);
  push(out, 'Police reference number', p?.reference);
  push(out, 'Officer', p?.officer);
  push(out, 'Impact on you', incident.impact);
  push(out, 'Changes you made because of it', incident.changesMade);
  push(out, 'Impact on children or others', incident.impactOnOthers);
  return out;
}

export function describePerson(person: Person): Line[] {
  const out: Line[] = [];
  push(out, 'Who they are', roleLabel(person.role));
  push(out, 'How you know them', relationshipLabel(person.relationship));
  push(out, 'Names', person.names.join('; '));
  push(out, 'Phone numbers', person.phones.join('; '));
  push(out, 'Email addresses', person.emails.join('; '));
  push(out, 'Social media', person.handles.map((h) => `${h.platform}: ${h.handle}`).join('; '));
  push(out, 'Vehicles', person.vehicles.map(vehicleText).join('; '));
  push(out, 'Description', person.description);
  push(out, 'Notes', person.notes);
  return out;
}

export function describeCall(call: CallRecord, people?: ReadonlyMap<string, Person>): Line[] {
  const out: Line[] = [];
  push(out, 'Time of call', formatZoned(call.time));
  push(out, 'Number', call.withheld ? 'Withheld' : call.number);
  push(out, 'Did you answer', call.answered ? 'Yes, answered' : 'No, missed');
  push(
    out,
    'Length of call',
    call.durationSeconds !== undefined ? formatDuration(call.durationSeconds) : undefined,
  );
  push(out, 'What was said', call.whatWasSaid);
  push(out, 'Who it was', call.personId ? personName(people?.get(call.personId)) : undefined);
  return out;
}

export function describeItem(item: PhysicalItem): Line[] {
  const out: Line[] = [];
  push(out, 'What it is', item.what);
  push(out, 'When received', formatZoned(item.receivedAt));
  push(out, 'Where it is kept now', item.whereKeptNow);
  push(out, 'Handed to police', item.handedToPolice.handed ? 'Yes' : 'No');
  push(
    out,
    'When handed to police',
    item.handedToPolice.when ? formatZoned(item.handedToPolice.when) : undefined,
  );
  push(out, 'Police reference', item.handedToPolice.reference);
  return out;
}

/** What changed between two versions, line by line. */
export function diffLines(
  before: Line[],
  after: Line[],
): { label: string; from: string; to: string }[] {
  const labels = [...new Set([...before.map((l) => l.label), ...after.map((l) => l.label)])];
  const get = (lines: Line[], label: string) => lines.find((l) => l.label === label)?.value ?? '';
  return labels
    .map((label) => ({ label, from: get(before, label), to: get(after, label) }))
    .filter((d) => d.from !== d.to);
}
