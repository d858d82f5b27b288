import {
  type Incident,
  IncidentIdSchema,
  type IncidentLocation,
  newId,
  type OffenderDescription,
  type PoliceContact,
  type Vehicle,
  type Witness,
} from '@casebook/core';
import { compact, compactOrNone } from './compact';
import { fromInputValue, nowInputValue, optional, toInputValue } from './format';
import { browserRandom, browserZone } from './ports';
import { MAX_LONG_TEXT, MAX_SHORT_TEXT, tooLongMessage } from './text-limits';

export interface WitnessDraft {
  name: string;
  contact: string;
  personId?: string | undefined;
}

/** The incident form's state: strings as typed, turned into an Incident on save. */
export interface IncidentDraft {
  id: string | undefined;
  zone: string;
  whatHappened: string;
  start: string;
  end: string;
  approximate: boolean;
  locationText: string;
  placeType: string;
  lat: string;
  lng: string;
  behaviours: string[];
  channel: string;
  people: string[];
  looked: string;
  sounded: string;
  wore: string;
  vehicleMake: string;
  vehicleModel: string;
  vehicleColour: string;
  vehiclePlate: string;
  evidence: string[];
  witnesses: WitnessDraft[];
  policeContacted: string;
  policeMethod: string;
  policeWhatTheyDid: string;
  policeReference: string;
  policeOfficer: string;
  impact: string;
  changesMade: string;
  impactOnOthers: string;
}

export function emptyDraft(): IncidentDraft {
  return {
    id: undefined,
    zone: browserZone(),
    whatHappened: '',
    start: nowInputValue(),
    end: '',
    approximate: false,
    locationText: '',
    placeType: '',
    lat: '',
    lng: '',
    behaviours: [],
    channel: '',
    people: [],
    looked: '',
    sounded: '',
    wore: '',
    vehicleMake: '',
    vehicleModel: '',
    vehicleColour: '',
    vehiclePlate: '',
    evidence: [],
    witnesses: [],
    policeContacted: '',
    policeMethod: '',
    policeWhatTheyDid: '',
    policeReference: '',
    policeOfficer: '',
    impact: '',
    changesMade: '',
    impactOnOthers: '',
  };
}

export function draftFrom(incident: Incident): IncidentDraft {
  return {
    id: incident.id,
    zone: incident.when.start.zone,
    whatHappened: incident.whatHappened,
    start: toInputValue(incident.when.start),
    end: toInputValue(incident.when.end),
    approximate: incident.when.approximate,
    locationText: incident.location?.text ?? '',
    placeType: incident.location?.placeType ?? '',
    lat: incident.location?.coords ? String(incident.location.coords.lat) : '',
    lng: incident.location?.coords ? String(incident.location.coords.lng) : '',
    behaviours: [...incident.behaviours],
    channel: incident.channel ?? '',
    people: [...incident.people],
    looked: incident.offenderDescription?.looked ?? '',
    sounded: incident.offenderDescription?.sounded ?? '',
    wore: incident.offenderDescription?.wore ?? '',
    vehicleMake: incident.vehicle?.make ?? '',
    vehicleModel: incident.vehicle?.model ?? '',
    vehicleColour: incident.vehicle?.colour ?? '',
    vehiclePlate: incident.vehicle?.plate ?? '',
    evidence: [...incident.evidence],
    witnesses: incident.witnesses.map((w) => ({
      name: w.name,
      contact: w.contact ?? '',
      personId: w.personId,
    })),
    policeContacted: incident.police?.contacted ?? '',
    policeMethod: incident.police?.method ?? '',
    policeWhatTheyDid: incident.police?.whatTheyDid ?? '',
    policeReference: incident.police?.reference ?? '',
    policeOfficer: incident.police?.officer ?? '',
    impact: incident.impact ?? '',
    changesMade: incident.changesMade ?? '',
    impactOnOthers: incident.impactOnOthers ?? '',
  };
}

function coordinate(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
}

type TextKey = {
  [K in keyof IncidentDraft]: IncidentDraft[K] extends string ? K : never;
}[keyof IncidentDraft];

/** The form's text fields, their labels (as on screen) and limits (core's schema). */
export const INCIDENT_TEXT_LIMITS: readonly { key: TextKey; label: string; max: number }[] = [
  { key: 'whatHappened', label: 'What happened', max: MAX_LONG_TEXT },
  { key: 'locationText', label: 'Location', max: MAX_SHORT_TEXT },
  { key: 'looked', label: 'What they looked like', max: MAX_LONG_TEXT },
  { key: 'sounded', label: 'What they sounded like', max: MAX_LONG_TEXT },
  { key: 'wore', label: 'What they wore', max: MAX_LONG_TEXT },
  { key: 'vehicleMake', label: 'Make', max: MAX_SHORT_TEXT },
  { key: 'vehicleModel', label: 'Model', max: MAX_SHORT_TEXT },
  { key: 'vehicleColour', label: 'Colour', max: MAX_SHORT_TEXT },
  { key: 'vehiclePlate', label: 'Number plate', max: MAX_SHORT_TEXT },
  { key: 'policeWhatTheyDid', label: 'What the police did', max: MAX_LONG_TEXT },
  { key: 'policeReference', label: 'Police reference number', max: MAX_SHORT_TEXT },
  { key: 'policeOfficer', label: "Officer's name or number", max: MAX_SHORT_TEXT },
  { key: 'impact', label: 'Impact of this incident on you', max: MAX_LONG_TEXT },
  { key: 'changesMade', label: 'Changes you made because of it', max: MAX_LONG_TEXT },
  { key: 'impactOnOthers', label: 'Impact on children or others', max: MAX_LONG_TEXT },
];

/** The limit of a text field of the form, for its counter. */
export function limitOf(key: TextKey): number | undefined {
  return INCIDENT_TEXT_LIMITS.find((f) => f.key === key)?.max;
}

/** A message for each field over its limit, naming it, with what to do. */
export function lengthErrors(draft: IncidentDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { key, label, max } of INCIDENT_TEXT_LIMITS) {
    const elsewhere = max === MAX_SHORT_TEXT ? 'What happened' : undefined;
    const message = tooLongMessage(label, draft[key].length, max, elsewhere);
    if (message) errors[key] = message;
  }
  draft.witnesses.forEach((w, i) => {
    const name = tooLongMessage(`Witness ${i + 1} name`, w.name.length, MAX_SHORT_TEXT);
    const contact = tooLongMessage(
      `Witness ${i + 1} contact details`,
      w.contact.length,
      MAX_SHORT_TEXT,
    );
    if (name) errors[`witness${i}name`] = name;
    if (contact) errors[`witness${i}contact`] = contact;
  });
  return errors;
}

export type DraftResult =
  | { ok: true; incident: Incident }
  | { ok: false; errors: Record<string, string> };

/**
 * Turns the form into an Incident body. Only obvious form mistakes are caught here; the core
 * schema (in the worker) has the last word on everything else.
 */
export function incidentFromDraft(draft: IncidentDraft): DraftResult {
  const errors: Record<string, string> = lengthErrors(draft);
  if (draft.whatHappened.trim() === '')
    errors.whatHappened = 'Write a few words about what happened.';
  const start = fromInputValue(draft.start, draft.zone);
  if (!start) errors.start = 'Enter the date and time it happened, or when it started.';
  const end = draft.end ? fromInputValue(draft.end, draft.zone) : undefined;
  if (draft.end && !end) errors.end = 'Enter a real date and time, or leave this empty.';
  const lat = coordinate(draft.lat);
  const lng = coordinate(draft.lng);
  if ((lat === undefined) !== (lng === undefined) || Number.isNaN(lat) || Number.isNaN(lng)) {
    errors.coords = 'Enter both latitude and longitude as numbers, or leave both empty.';
  }
  if (!start || Object.keys(errors).length > 0) return { ok: false, errors };

  const location = compactOrNone<IncidentLocation>({
    text: optional(draft.locationText),
    placeType: (draft.placeType || undefined) as IncidentLocation['placeType'],
    coords: lat !== undefined && lng !== undefined ? { lat, lng } : undefined,
  });
  const offenderDescription = compactOrNone<OffenderDescription>({
    looked: optional(draft.looked),
    sounded: optional(draft.sounded),
    wore: optional(draft.wore),
  });
  const vehicle = compactOrNone<Vehicle>({
    make: optional(draft.vehicleMake),
    model: optional(draft.vehicleModel),
    colour: optional(draft.vehicleColour),
    plate: optional(draft.vehiclePlate),
  });
  const police = draft.policeContacted
    ? compact<PoliceContact>({
        contacted: draft.policeContacted as PoliceContact['contacted'],
        method: (draft.policeMethod || undefined) as PoliceContact['method'],
        whatTheyDid: optional(draft.policeWhatTheyDid),
        reference: optional(draft.policeReference),
        officer: optional(draft.policeOfficer),
      })
    : undefined;
  const witnesses = draft.witnesses
    .filter((w) => w.name.trim() !== '' || w.contact.trim() !== '')
    .map((w) =>
      compact<Witness>({
        name: w.name.trim() || 'Unnamed witness',
        contact: optional(w.contact),
        personId: w.personId as Witness['personId'],
      }),
    );

  const incident = compact<Incident>({
    schema: 1,
    id: (draft.id ?? newId(IncidentIdSchema, browserRandom)) as Incident['id'],
    when: compact<Incident['when']>({ start, end, approximate: draft.approximate }),
    location,
    whatHappened: draft.whatHappened,
    behaviours: draft.behaviours as Incident['behaviours'],
    channel: (draft.channel || undefined) as Incident['channel'],
    people: draft.people as Incident['people'],
    offenderDescription,
    vehicle,
    evidence: draft.evidence as Incident['evidence'],
    witnesses,
    police,
    impact: optional(draft.impact),
    changesMade: optional(draft.changesMade),
    impactOnOthers: optional(draft.impactOnOthers),
  });
  return { ok: true, incident };
}
