import {
  BlobIdSchema,
  buildDemoCasebook,
  CallIdSchema,
  type CallRecord,
  EvidenceIdSchema,
  type EvidenceItem,
  type Incident,
  IncidentIdSchema,
  ItemIdSchema,
  newId,
  type Person,
  PersonIdSchema,
  type PhysicalItem,
  type Random,
  type RiskAssessment,
  RiskAssessmentIdSchema,
  type SafetyPlan,
  toZonedDateTime,
  type ZonedDateTime,
} from '@casebook/core';
import type { Recorded, RecordedEvidence, SnapshotInput } from './snapshot-input';

/** Test builders for report inputs: a small hand-made case and a large demo one. Pure. */

function counting(start: number): Random {
  let n = start;
  return {
    bytes(len) {
      const out = new Uint8Array(len);
      for (let i = 0; i < len; i++) out[i] = (n * 7 + i * 13) & 0xff;
      n += 1;
      return out;
    },
  };
}

const random = counting(1);
export const kitIds = {
  home: newId(IncidentIdSchema, random),
  school: newId(IncidentIdSchema, random),
  emoji: newId(IncidentIdSchema, random),
  clocks: newId(IncidentIdSchema, random),
  deleted: newId(IncidentIdSchema, random),
  offender: newId(PersonIdSchema, random),
  witness: newId(PersonIdSchema, random),
  trusted: newId(PersonIdSchema, random),
  call: newId(CallIdSchema, random),
  item: newId(ItemIdSchema, random),
  photo: newId(EvidenceIdSchema, random),
  png: newId(EvidenceIdSchema, random),
  note: newId(EvidenceIdSchema, random),
  blob: newId(BlobIdSchema, random),
  risk: newId(RiskAssessmentIdSchema, random),
};

const london = (local: string, offset = '+00:00'): ZonedDateTime => ({
  local,
  zone: 'Europe/London',
  offset,
});
const fresh = (recordedAt: string): Recorded<never>['history'] => ({ recordedAt, edits: 0 });
const sha = (c: string) => c.repeat(64).slice(0, 64);

export interface KitFile {
  readonly sha256: string;
  readonly size: number;
}

/** Texts placed in the kit that a disclosure copy must not show. */
export const SENSITIVE = {
  homeAddress: '14 Larchfield Close',
  homeCoords: '52.48620, -1.89040',
  school: 'Greenhill Primary',
  child: 'Lily',
  impactOnOthers: 'Lily would not go to Greenhill Primary alone.',
  witnessContact: '07700 900215',
  refuge: 'Amber House refuge',
  refugeAddress: '3 Mill Lane',
  trustedContact: '07700 900333',
  photoGps: '50.29960, 14.82029',
} as const;

/**
 * A small case with every kind of record: an incident at home, one at school, one with emoji,
 * one at the autumn clock change (01:30 happened twice), a deleted one, and evidence for two
 * image files (pass their real hashes in `files`).
 */
export function kitInput(files: { jpeg?: KitFile; png?: KitFile } = {}): SnapshotInput {
  const home: Incident = {
    schema: 1,
    id: kitIds.home,
    when: {
      start: london('2025-03-03T14:05'),
      end: london('2025-03-03T14:40'),
      approximate: false,
    },
    location: {
      text: `Outside ${SENSITIVE.homeAddress}`,
      placeType: 'home',
      coords: { lat: 52.4862, lng: -1.8904 },
    },
    whatHappened:
      'He stood across the road from my front door for about half an hour and watched the windows. When I opened the curtains he waved and walked off towards the bus stop ending-home-narrative.',
    behaviours: ['loitering-near-home', 'watching-or-spying'],
    channel: 'in-person',
    people: [kitIds.offender],
    offenderDescription: { wore: 'Navy coat, grey beanie' },
    vehicle: { colour: 'Grey', make: 'Vauxhall', model: 'Astra', plate: 'ZQ68 QXV' },
    evidence: [kitIds.photo],
    witnesses: [{ name: 'Mrs Patel', contact: SENSITIVE.witnessContact, personId: kitIds.witness }],
    police: {
      contacted: 'yes',
      method: '101',
      whatTheyDid: 'Took details and gave me a reference.',
      reference: 'CAD 0417 03/03/25',
      officer: 'PC 4127 Hughes',
    },
    impact: 'I did not sleep that night.',
    changesMade: 'I keep the curtains closed now.',
    impactOnOthers: SENSITIVE.impactOnOthers,
  };
  const school: Incident = {
    schema: 1,
    id: kitIds.school,
    when: { start: london('2025-03-10T08:45'), approximate: true },
    location: { text: `Gates of ${SENSITIVE.school}`, placeType: 'school' },
    whatHappened: `He was at the school gates when I dropped ${SENSITIVE.child} off ending-school-narrative.`,
    behaviours: ['following', 'threat-to-children'],
    people: [kitIds.offender],
    evidence: [],
    witnesses: [],
  };
  const emoji: Incident = {
    schema: 1,
    id: kitIds.emoji,
    when: { start: london('2025-04-02T21:15', '+01:00'), approximate: false },
    location: { placeType: 'online' },
    whatHappened:
      'Message on Instagram: "I see you 👀 🔪 ❤️" from Łódź account Zoë – ‘quoted’ ending-emoji-narrative',
    behaviours: ['unwanted-social-media', 'threat-of-violence'],
    channel: 'social-media',
    people: [kitIds.offender],
    evidence: [kitIds.png, kitIds.note],
    witnesses: [],
  };
  const clocks: Incident = {
    schema: 1,
    id: kitIds.clocks,
    when: { start: london('2024-10-27T01:30'), approximate: false },
    whatHappened:
      '=HYPERLINK("http://evil.example","click") he rang the bell at night ending-clocks-narrative',
    behaviours: ['turning-up-unannounced'],
    people: [],
    evidence: [],
    witnesses: [],
  };
  const offender: Person = {
    schema: 1,
    id: kitIds.offender,
    role: 'offender',
    relationship: 'ex-partner',
    names: ['Ryan Aldous'],
    phones: ['07700 900481'],
    emails: ['ryan@example.com'],
    handles: [{ platform: 'Instagram', handle: '@ry_a' }],
    vehicles: [{ colour: 'Grey', make: 'Vauxhall', model: 'Astra', plate: 'ZQ68 QXV' }],
    description: 'Tall, dark hair, usually a navy coat.',
  };
  const witness: Person = {
    schema: 1,
    id: kitIds.witness,
    role: 'witness',
    relationship: 'neighbour',
    names: ['Mrs Patel'],
    phones: [SENSITIVE.witnessContact],
    emails: [],
    handles: [],
    vehicles: [],
  };
  const trusted: Person = {
    schema: 1,
    id: kitIds.trusted,
    role: 'trusted-contact',
    relationship: 'family',
    names: ['Sam'],
    phones: [SENSITIVE.trustedContact],
    emails: [],
    handles: [],
    vehicles: [],
  };
  const call: CallRecord = {
    schema: 1,
    id: kitIds.call,
    time: london('2025-03-04T23:10'),
    withheld: true,
    answered: false,
    whatWasSaid: 'Nothing; breathing, then it rang off.',
  };
  const item: PhysicalItem = {
    schema: 1,
    id: kitIds.item,
    what: 'A card pushed through the letterbox',
    receivedAt: london('2025-03-05T08:00'),
    whereKeptNow: 'Freezer bag in the hall cupboard',
    handedToPolice: { handed: true, when: london('2025-03-06T10:00'), reference: 'EXH 12' },
    evidence: [kitIds.note],
    incidents: [kitIds.home],
  };
  const jpeg = files.jpeg ?? { sha256: sha('a'), size: 32_764 };
  const png = files.png ?? { sha256: sha('b'), size: 9_331 };
  const evidence = (
    e: Omit<EvidenceItem, 'schema' | 'blobId' | 'sha256' | 'size'>,
    f: KitFile,
    at: string,
  ): RecordedEvidence => ({
    body: { schema: 1, blobId: kitIds.blob, sha256: f.sha256, size: f.size, ...e },
    file: f,
    history: fresh(at),
  });
  const risk: RiskAssessment = {
    schema: 1,
    id: kitIds.risk,
    assessedAt: '2025-03-11T19:00:00Z',
    answers: {
      'very-frightened': { answer: 'yes', note: 'Since the school gates.' },
      'followed-or-loitered': { answer: 'yes' },
      'police-history': { answer: 'dont-know' },
      'suicide-threat': { answer: 'no' },
    },
  };
  const plan: SafetyPlan = {
    schema: 1,
    updatedAt: '2025-03-12T10:00:00Z',
    items: {
      'carry-a-phone': { status: 'done' },
      'vary-your-routine': {
        status: 'done',
        note: 'Walking the canal path now instead of Bridge St.',
      },
      'attack-alarm': { status: 'not-yet' },
    },
    trustedPeople: [{ name: 'Sam', contact: SENSITIVE.trustedContact }],
    safePlaces: [{ name: SENSITIVE.refuge, address: SENSITIVE.refugeAddress }],
    routineChanges: [{ change: 'Different bus to work.' }],
  };
  return {
    title: 'Account of incidents, October 2024 to April 2025',
    generatedAt: '2025-04-20T10:00:00Z',
    timeZone: 'Europe/London',
    casebookVersion: '0.1.0',
    fingerprint: '194-3F2A-9C01-77B0-12DE-5A1C',
    incidents: [
      {
        body: home,
        history: {
          recordedAt: '2025-03-03T15:00:00Z',
          edits: 2,
          lastEditedAt: '2025-03-04T09:30:00Z',
        },
      },
      { body: school, history: fresh('2025-03-10T09:30:00Z') },
      { body: emoji, history: fresh('2025-04-02T20:30:00Z') },
      // Recorded last, though it happened first: it keeps the last number.
      { body: clocks, history: fresh('2025-04-05T12:00:00Z') },
    ],
    deletedIncidents: [{ id: kitIds.deleted, recordedAt: '2025-03-20T12:00:00Z' }],
    people: [
      { body: offender, history: fresh('2025-03-01T10:00:00Z') },
      { body: witness, history: fresh('2025-03-03T15:05:00Z') },
      { body: trusted, history: fresh('2025-03-03T15:06:00Z') },
    ],
    calls: [{ body: call, history: fresh('2025-03-05T07:00:00Z') }],
    items: [{ body: item, history: fresh('2025-03-05T08:10:00Z') }],
    evidence: [
      evidence(
        {
          id: kitIds.photo,
          mediaType: 'image/jpeg',
          originalName: 'img_1771.jpg',
          intakeAt: '2025-03-03T15:10:00Z',
          source: 'camera',
          description: 'Photo of him across the road',
          exhibitRef: 'AB/1',
          incidents: [kitIds.home],
          extracted: {
            takenAt: { raw: '2025:03:03 14:06:09', source: 'exif' },
            gps: { lat: 50.2996028, lng: 14.8202944 },
            device: 'Canon PowerShot S40',
          },
        },
        jpeg,
        '2025-03-03T15:10:00Z',
      ),
      evidence(
        {
          id: kitIds.png,
          mediaType: 'image/png',
          originalName: 'Screenshot_20250402.png',
          intakeAt: '2025-04-02T20:35:00Z',
          source: 'upload',
          description: 'Screenshot of the message',
          exhibitRef: 'AB/2',
          incidents: [kitIds.emoji],
        },
        png,
        '2025-04-02T20:35:00Z',
      ),
      evidence(
        {
          id: kitIds.note,
          mediaType: 'application/pdf',
          originalName: 'scan of card.pdf',
          intakeAt: '2025-04-03T09:00:00Z',
          source: 'upload',
          incidents: [kitIds.emoji],
        },
        { sha256: sha('c'), size: 120_000 },
        '2025-04-03T09:00:00Z',
      ),
    ],
    riskAssessments: [{ body: risk, history: fresh('2025-03-11T19:00:00Z') }],
    safetyPlan: { body: plan, history: { recordedAt: '2025-03-12T10:00:00Z', edits: 3 } },
  };
}

/**
 * A large demo case for benchmarks and size tests: `incidents` incidents over a year, and the
 * first `images` demo evidence items turned into JPEG exhibits of the given file.
 */
export function demoInput(incidents: number, images: number, file: KitFile): SnapshotInput {
  const demo = buildDemoCasebook({
    seed: 42,
    incidents,
    weeks: 52,
    startDate: '2024-01-08',
    zone: 'Europe/London',
    exhibitPrefix: 'JD',
  });
  const recorded = (when: ZonedDateTime, i: number) => ({
    recordedAt: new Date(Date.parse(`${when.local}Z`) + 3_600_000 + i).toISOString(),
    edits: i % 7 === 0 ? 1 : 0,
    ...(i % 7 === 0
      ? { lastEditedAt: new Date(Date.parse(`${when.local}Z`) + 86_400_000).toISOString() }
      : {}),
  });
  const first = demo.incidents[0]?.when.start ?? toZonedDateTime(new Date(0), 'UTC');
  const evidence: RecordedEvidence[] = demo.evidence.slice(0, images).map((d) => ({
    body: {
      ...d,
      blobId: kitIds.blob,
      sha256: file.sha256,
      size: file.size,
      mediaType: 'image/jpeg',
    },
    file,
    history: { recordedAt: d.intakeAt, edits: 0 },
  }));
  const keep = new Set<string>(evidence.map((e) => e.body.id));
  return {
    title: 'Account of incidents, 2024',
    generatedAt: '2025-01-10T10:00:00Z',
    timeZone: 'Europe/London',
    casebookVersion: '0.1.0',
    fingerprint: '194-3F2A-9C01-77B0-12DE-5A1C',
    incidents: demo.incidents.map((body, i) => ({
      body: { ...body, evidence: body.evidence.filter((id) => keep.has(id)) },
      history: recorded(body.when.start, i),
    })),
    people: demo.people.map((body) => ({ body, history: recorded(first, 1) })),
    calls: demo.calls.map((body, i) => ({ body, history: recorded(body.time, i) })),
    items: demo.items.map((body, i) => ({
      body: { ...body, evidence: body.evidence.filter((id) => keep.has(id)) },
      history: recorded(body.receivedAt, i),
    })),
    evidence,
    riskAssessments: [],
  };
}
