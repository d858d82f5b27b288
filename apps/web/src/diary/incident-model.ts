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

export type DraftResult =
  | { ok: true; incident: Incident }
  | { ok: false; errors: Record<string, string> };

/**
 * Turns the form into an Incident body. Only obvious form mistakes are caught here; the core
 * schema (in the worker) has the last word on everything else.
 */
export function incidentFromDraft(draft: IncidentDraft): DraftResult {
  const errors: Record<string, string> = {};
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
