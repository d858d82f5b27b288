import {
  BlobIdSchema,
  CallIdSchema,
  EvidenceIdSchema,
  IncidentIdSchema,
  ItemIdSchema,
  newId,
  PersonIdSchema,
} from '../ids';
import type { Clock, Random } from '../ports';
import type { CallRecord } from '../records/call-record';
import type { EvidenceItem } from '../records/evidence-item';
import type { Incident } from '../records/incident';
import type { Person } from '../records/person';
import type { PhysicalItem } from '../records/physical-item';
import type { ZonedDateTime } from '../records/zoned-time';

/** Test builders: full and minimal records of every kind, from a counting Random. */

export function countingRandom(start = 1): Random {
  let n = start;
  return {
    bytes(len) {
      const out = new Uint8Array(len);
      for (let i = 0; i < len; i++) out[i] = (n + i) & 0xff;
      n += 1;
      return out;
    },
  };
}

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

const random = countingRandom();
export const ids = {
  incident: newId(IncidentIdSchema, random),
  person: newId(PersonIdSchema, random),
  witness: newId(PersonIdSchema, random),
  call: newId(CallIdSchema, random),
  item: newId(ItemIdSchema, random),
  evidence: newId(EvidenceIdSchema, random),
  blob: newId(BlobIdSchema, random),
};

export const at = (local: string, offset = '+00:00'): ZonedDateTime => ({
  local,
  zone: 'Europe/London',
  offset,
});

export const minimalIncident = (): Incident => ({
  schema: 1,
  id: ids.incident,
  when: { start: at('2025-03-03T14:05'), approximate: false },
  whatHappened: 'He was outside my flat again.',
  behaviours: [],
  people: [],
  evidence: [],
  witnesses: [],
});

export const fullIncident = (): Incident => ({
  ...minimalIncident(),
  when: {
    start: at('2025-06-03T14:05:00', '+01:00'),
    end: at('2025-06-03T14:40', '+01:00'),
    approximate: true,
  },
  location: { text: 'Outside my flat', placeType: 'home', coords: { lat: 53.0, lng: -1.5 } },
  behaviours: ['loitering-near-home', 'staring'],
  channel: 'in-person',
  people: [ids.person],
  offenderDescription: { looked: 'Tired', sounded: 'Quiet', wore: 'Navy coat' },
  vehicle: { make: 'Vauxhall', model: 'Astra', colour: 'Grey', plate: 'ZQ68 QXV' },
  evidence: [ids.evidence],
  witnesses: [{ name: 'Mrs Patel', contact: '07700 900215', personId: ids.witness }],
  police: {
    contacted: 'yes',
    method: '101',
    whatTheyDid: 'Gave me a reference.',
    reference: '0417 03/06/25',
    officer: 'PC 4127 Hughes',
  },
  impact: 'I did not sleep.',
  changesMade: 'Changed my route.',
  impactOnOthers: 'My son was frightened.',
});

export const minimalPerson = (): Person => ({
  schema: 1,
  id: ids.person,
  role: 'offender',
  relationship: 'unknown',
  names: [],
  phones: [],
  emails: [],
  handles: [],
  vehicles: [],
});

export const fullPerson = (): Person => ({
  ...minimalPerson(),
  relationship: 'ex-partner',
  names: ['Ryan Aldous'],
  phones: ['07700 900481'],
  emails: ['ryan@example.com'],
  handles: [{ platform: 'Instagram', handle: '@ry' }],
  vehicles: [{ colour: 'Grey' }],
  description: 'Tall, dark hair.',
  notes: 'Ex-partner.',
  photo: ids.evidence,
});

export const minimalCall = (): CallRecord => ({
  schema: 1,
  id: ids.call,
  time: at('2025-03-03T22:10'),
  withheld: true,
  answered: false,
});

export const fullCall = (): CallRecord => ({
  ...minimalCall(),
  withheld: false,
  number: '07700 900481',
  answered: true,
  durationSeconds: 42,
  whatWasSaid: 'He asked why I was ignoring him.',
  personId: ids.person,
});

export const minimalItem = (): PhysicalItem => ({
  schema: 1,
  id: ids.item,
  what: 'A card on the doorstep',
  receivedAt: at('2025-03-03T08:00'),
  handedToPolice: { handed: false },
  evidence: [],
  incidents: [],
});

export const fullItem = (): PhysicalItem => ({
  ...minimalItem(),
  whereKeptNow: 'Freezer bag, hall cupboard',
  handedToPolice: { handed: true, when: at('2025-03-05T10:00'), reference: 'EXH 12' },
  evidence: [ids.evidence],
  incidents: [ids.incident],
});

export const minimalEvidence = (): EvidenceItem => ({
  schema: 1,
  id: ids.evidence,
  blobId: ids.blob,
  sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  size: 0,
  mediaType: 'image/jpeg',
  originalName: 'IMG_0001.jpg',
  intakeAt: '2025-03-03T14:30:00Z',
  source: 'upload',
  incidents: [],
});

export const fullEvidence = (): EvidenceItem => ({
  ...minimalEvidence(),
  lastModified: '2025-03-03T14:06:00.000+00:00',
  description: 'Photo of the note',
  exhibitRef: 'AB/3',
  incidents: [ids.incident],
  extracted: {
    takenAt: { raw: '2025:03:03 14:05:09', offset: '+00:00', source: 'exif' },
    gps: { lat: 53.0, lng: -1.5 },
    device: 'Phone camera',
  },
});
