import {
  behaviour,
  CHANNEL_LABELS,
  type EvidenceItem,
  type Incident,
  PERSON_ROLE_LABELS,
  type Person,
  PLACE_TYPE_LABELS,
  POLICE_CONTACTED_LABELS,
  POLICE_METHOD_LABELS,
  RELATIONSHIP_LABELS,
  RISK_QUESTIONS,
  SAFETY_PLAN_GROUPS,
  SAFETY_PLAN_ITEMS,
  type Vehicle,
} from '@casebook/core';
import { deepFreeze } from './freeze';
import { buildPattern } from './pattern';
import type { Recorded, RecordHistory, SnapshotInput } from './snapshot-input';
import type {
  CaseSnapshot,
  RecordedInfo,
  SnapshotExhibit,
  SnapshotIncident,
  SnapshotPerson,
  SnapshotRiskAnswer,
  SnapshotRiskAssessment,
  SnapshotSafety,
} from './snapshot-types';
import { dayText, type ShownTime, showInstant, showZoned } from './time-text';

const SOURCE_LABELS = {
  upload: 'Added from a file',
  camera: 'Taken with the camera in Casebook',
  microphone: 'Recorded with the microphone in Casebook',
  share: 'Shared from another app',
  import: 'Imported',
  other: 'Another way',
} as const;

const ANSWER_LABELS = {
  yes: 'Yes',
  no: 'No',
  'dont-know': "Don't know",
  'not-answered': 'Not answered',
} as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const pad4 = (n: number) => String(n).padStart(4, '0');
const dayNumber = (local: string) =>
  Math.floor(
    Date.UTC(Number(local.slice(0, 4)), Number(local.slice(5, 7)) - 1, Number(local.slice(8, 10))) /
      86_400_000,
  );

/** `kind` of an evidence file in words, from its media type. */
export function kindOf(mediaType: string): string {
  if (mediaType.startsWith('image/')) return 'Photo or image';
  if (mediaType.startsWith('video/')) return 'Video';
  if (mediaType.startsWith('audio/')) return 'Audio recording';
  if (mediaType === 'application/pdf') return 'PDF document';
  if (mediaType === 'message/rfc822') return 'Email';
  if (mediaType.startsWith('text/')) return 'Text file';
  return 'File';
}

export function vehicleText(v: Vehicle): string | undefined {
  const desc = [v.colour, v.make, v.model].filter((s) => s !== undefined && s.trim() !== '');
  const parts = [
    desc.join(' '),
    v.plate === undefined || v.plate.trim() === '' ? '' : `number plate ${v.plate}`,
  ];
  const text = parts.filter((s) => s !== '').join(', ');
  return text === '' ? undefined : text;
}

function durationText(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m === 0 ? `${s} s` : `${m} min ${s} s`;
}

const coordsText = (c: { lat: number; lng: number }) => `${c.lat.toFixed(5)}, ${c.lng.toFixed(5)}`;

/** Adds `key: value` only when the value is there (the snapshot never holds `undefined`). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return {};
  return { [key]: value } as { [P in K]?: V };
}

function recordedInfo(history: RecordHistory, zone: string, happenedLocal?: string): RecordedInfo {
  const at = showInstant(history.recordedAt, zone);
  let when = '';
  if (happenedLocal !== undefined) {
    const gap = dayNumber(at.local) - dayNumber(happenedLocal);
    when =
      gap === 0
        ? ', the same day'
        : gap > 0
          ? `, ${plural(gap, 'day')} later`
          : ', before the date given for it';
  }
  const last =
    history.lastEditedAt === undefined ? undefined : showInstant(history.lastEditedAt, zone);
  const edited =
    history.edits === 0
      ? 'Not edited since.'
      : `Edited ${history.edits === 1 ? 'once' : `${history.edits} times`}${last === undefined ? '' : `, last on ${last.text}`}; see the audit log.`;
  return {
    at,
    edits: history.edits,
    ...opt('lastEditedAt', last),
    text: `Recorded ${at.text}${when}. ${edited}`,
  };
}

/** The name a person goes by in the report. */
function displayName(person: Person | undefined): string {
  if (person === undefined) return 'Someone not in this report';
  const [first] = person.names;
  if (first !== undefined) return first;
  return `Name not known (${RELATIONSHIP_LABELS[person.relationship].toLowerCase()})`;
}

function byRecorded<T extends { id: string }>(a: Recorded<T>, b: Recorded<T>): number {
  const d = Date.parse(a.history.recordedAt) - Date.parse(b.history.recordedAt);
  return d !== 0 ? d : a.body.id < b.body.id ? -1 : a.body.id > b.body.id ? 1 : 0;
}

function instantMs(t: ShownTime): number {
  return Date.parse(t.utc);
}

/**
 * Incident numbers in order of recording (deleted incidents keep theirs), so a number never
 * changes when an earlier-dated incident is added later.
 */
export function incidentNumbers(input: SnapshotInput): Map<string, string> {
  const all = [
    ...input.incidents.map((r) => ({ id: r.body.id as string, recordedAt: r.history.recordedAt })),
    ...(input.deletedIncidents ?? []),
  ].sort(
    (a, b) =>
      Date.parse(a.recordedAt) - Date.parse(b.recordedAt) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return new Map(all.map((r, i) => [r.id, `INC-${pad4(i + 1)}`]));
}

/** Builds the frozen snapshot of the case for one report. Pure; the same input, the same output. */
export function buildSnapshot(input: SnapshotInput): CaseSnapshot {
  const zone = input.timeZone;
  const numbers = incidentNumbers(input);
  const from = input.range?.from;
  const to = input.range?.to;
  const inRange = (local: string) => {
    const day = local.slice(0, 10);
    return (from === undefined || day >= from) && (to === undefined || day <= to);
  };
  const chosen = input.incidentIds === undefined ? undefined : new Set(input.incidentIds);
  const incidents = input.incidents
    .filter(
      (r) => inRange(r.body.when.start.local) && (chosen === undefined || chosen.has(r.body.id)),
    )
    .map((r) => ({ ...r, when: showZoned(r.body.when.start) }))
    .sort(
      (a, b) =>
        instantMs(a.when) - instantMs(b.when) ||
        (numbers.get(a.body.id) ?? '').localeCompare(numbers.get(b.body.id) ?? ''),
    );
  const includedIncidents = new Set<string>(incidents.map((r) => r.body.id));
  const items = input.items
    .filter((r) => inRange(r.body.receivedAt.local))
    .sort(
      (a, b) => instantMs(showZoned(a.body.receivedAt)) - instantMs(showZoned(b.body.receivedAt)),
    );
  const calls = input.calls
    .filter((r) => inRange(r.body.time.local))
    .sort((a, b) => instantMs(showZoned(a.body.time)) - instantMs(showZoned(b.body.time)));

  // Exhibits: the person's choice, or what the chosen records point to.
  const evidenceById = new Map(input.evidence.map((e) => [e.body.id as string, e]));
  let exhibitIds: Set<string>;
  if (input.exhibitIds !== undefined) {
    exhibitIds = new Set(input.exhibitIds.filter((id) => evidenceById.has(id)));
  } else if (chosen === undefined && from === undefined && to === undefined) {
    exhibitIds = new Set(evidenceById.keys());
  } else {
    exhibitIds = new Set<string>();
    for (const r of incidents) for (const id of r.body.evidence) exhibitIds.add(id);
    for (const r of items) for (const id of r.body.evidence) exhibitIds.add(id);
    for (const e of input.evidence) {
      if (e.body.incidents.some((id) => includedIncidents.has(id))) exhibitIds.add(e.body.id);
    }
    for (const p of input.people) if (p.body.photo !== undefined) exhibitIds.add(p.body.photo);
  }
  const allEvidence = [...input.evidence].sort(byRecorded);
  const refOf = new Map<string, string>();
  allEvidence.forEach((e, i) => {
    refOf.set(e.body.id, e.body.exhibitRef ?? `EV-${pad4(i + 1)}`);
  });
  const refsIn = (ids: readonly string[]) =>
    ids.filter((id) => exhibitIds.has(id)).map((id) => refOf.get(id) ?? id);
  const numbersIn = (ids: readonly string[]) =>
    ids.filter((id) => includedIncidents.has(id)).map((id) => numbers.get(id) ?? id);

  const peopleById = new Map(input.people.map((p) => [p.body.id as string, p.body]));
  const snapshotIncidents: SnapshotIncident[] = incidents.map((r) =>
    incidentOf(r.body, r.history, r.when, numbers, refsIn, peopleById, zone),
  );

  const namedBy = new Map<string, string[]>();
  for (const r of incidents) {
    for (const id of new Set(r.body.people))
      namedBy.set(id, [...(namedBy.get(id) ?? []), numbers.get(r.body.id) ?? '']);
  }
  const people: SnapshotPerson[] = [...input.people].sort(byRecorded).map((r) => {
    const p = r.body;
    return {
      id: p.id,
      role: { id: p.role, label: PERSON_ROLE_LABELS[p.role] },
      relationship: { id: p.relationship, label: RELATIONSHIP_LABELS[p.relationship] },
      names: p.names,
      phones: p.phones,
      emails: p.emails,
      handles: p.handles.map((h) => `${h.platform}: ${h.handle}`),
      vehicles: p.vehicles.flatMap((v) => vehicleText(v) ?? []),
      ...opt('description', p.description),
      ...opt('notes', p.notes),
      ...opt(
        'photo',
        p.photo === undefined || !exhibitIds.has(p.photo) ? undefined : refOf.get(p.photo),
      ),
      incidents: namedBy.get(p.id) ?? [],
      recorded: recordedInfo(r.history, zone),
    };
  });

  const exhibits: SnapshotExhibit[] = allEvidence
    .filter((e) => exhibitIds.has(e.body.id))
    .map((e) => exhibitOf(e.body, e.file, e.history, refOf.get(e.body.id) ?? '', numbersIn, zone));

  const riskAssessments: SnapshotRiskAssessment[] = [...input.riskAssessments]
    .sort((a, b) => Date.parse(a.body.assessedAt) - Date.parse(b.body.assessedAt))
    .map(({ body }) => {
      const answers = RISK_QUESTIONS.map((q): SnapshotRiskAnswer => {
        const response = body.answers[q.id];
        const answer: keyof typeof ANSWER_LABELS = response?.answer ?? 'not-answered';
        return {
          questionId: q.id,
          question: q.text,
          answer: { id: answer, label: ANSWER_LABELS[answer] },
          ...opt('note', response?.note),
        };
      });
      return {
        id: body.id,
        assessedAt: showInstant(body.assessedAt, zone),
        answers,
        yesCount: answers.filter((a) => a.answer.id === 'yes').length,
      };
    });

  const plan = input.safetyPlan?.body;
  const safety: SnapshotSafety | undefined =
    plan === undefined
      ? undefined
      : {
          updatedAt: showInstant(plan.updatedAt, zone),
          actionsTaken: SAFETY_PLAN_ITEMS.filter((i) => plan.items[i.id]?.status === 'done').map(
            (i) => ({
              id: i.id,
              group: SAFETY_PLAN_GROUPS[i.group],
              text: i.text,
              ...opt('note', plan.items[i.id]?.note),
            }),
          ),
          trustedPeople: plan.trustedPeople.map((t) => ({
            name: t.name,
            ...opt('contact', t.contact),
            ...opt('note', t.note),
          })),
          safePlaces: plan.safePlaces.map((s) => ({
            name: s.name,
            ...opt('address', s.address),
            ...opt('note', s.note),
          })),
          routineChanges: plan.routineChanges.map((c) => ({
            change: c.change,
            ...opt('note', c.note),
          })),
        };

  const generatedAt = showInstant(input.generatedAt, zone);
  const pattern = buildPattern(
    incidents.map((r) => r.body),
    numbers,
    new Date(input.generatedAt),
    zone,
  );
  const rangeText =
    from === undefined && to === undefined
      ? 'All dates'
      : from === undefined
        ? `Up to ${dayText(to ?? '')}`
        : to === undefined
          ? `From ${dayText(from)}`
          : `${dayText(from)} to ${dayText(to)}`;

  const snapshot: CaseSnapshot = {
    title: input.title,
    generatedAt,
    timeZone: zone,
    casebookVersion: input.casebookVersion,
    fingerprint: input.fingerprint,
    range: { ...opt('from', from), ...opt('to', to), text: rangeText },
    counts: {
      incidents: snapshotIncidents.length,
      exhibits: exhibits.length,
      people: people.length,
      calls: calls.length,
      items: items.length,
      riskAssessments: riskAssessments.length,
    },
    incidents: snapshotIncidents,
    people,
    calls: calls.map((r) => {
      const c = r.body;
      return {
        id: c.id,
        time: showZoned(c.time),
        ...opt('number', c.withheld ? undefined : c.number),
        withheld: c.withheld,
        answered: c.answered,
        ...opt(
          'duration',
          c.durationSeconds === undefined ? undefined : durationText(c.durationSeconds),
        ),
        ...opt('whatWasSaid', c.whatWasSaid),
        ...opt(
          'person',
          c.personId === undefined ? undefined : displayName(peopleById.get(c.personId)),
        ),
        recorded: recordedInfo(r.history, zone, c.time.local),
      };
    }),
    items: items.map((r) => {
      const it = r.body;
      return {
        id: it.id,
        what: it.what,
        receivedAt: showZoned(it.receivedAt),
        ...opt('whereKeptNow', it.whereKeptNow),
        handedToPolice: {
          handed: it.handedToPolice.handed,
          ...opt(
            'when',
            it.handedToPolice.when === undefined ? undefined : showZoned(it.handedToPolice.when),
          ),
          ...opt('reference', it.handedToPolice.reference),
        },
        exhibits: refsIn(it.evidence),
        incidents: numbersIn(it.incidents),
        recorded: recordedInfo(r.history, zone, it.receivedAt.local),
      };
    }),
    exhibits,
    riskAssessments,
    ...opt('safety', safety),
    pattern,
    numbering: {
      deleted: (input.deletedIncidents ?? []).map((d) => numbers.get(d.id) ?? '').sort(),
      leftOut: input.incidents.length - snapshotIncidents.length,
    },
    unreadable: (input.unreadable ?? []).map((u) => ({
      kind: u.kind,
      id: u.id,
      problem: u.problem,
    })),
    redaction: { profile: 'police', log: [] },
  };
  return deepFreeze(snapshot);
}

function incidentOf(
  inc: Incident,
  history: RecordHistory,
  when: ShownTime,
  numbers: ReadonlyMap<string, string>,
  refsIn: (ids: readonly string[]) => string[],
  peopleById: ReadonlyMap<string, Person>,
  zone: string,
): SnapshotIncident {
  const loc = inc.location;
  const location =
    loc === undefined
      ? undefined
      : {
          ...opt('text', loc.text),
          ...opt(
            'placeType',
            loc.placeType === undefined
              ? undefined
              : { id: loc.placeType, label: PLACE_TYPE_LABELS[loc.placeType] },
          ),
          ...opt('coords', loc.coords === undefined ? undefined : coordsText(loc.coords)),
        };
  const od = inc.offenderDescription;
  const description =
    od === undefined
      ? undefined
      : { ...opt('looked', od.looked), ...opt('sounded', od.sounded), ...opt('wore', od.wore) };
  const police = inc.police;
  return {
    number: numbers.get(inc.id) ?? '',
    id: inc.id,
    when,
    ...opt('end', inc.when.end === undefined ? undefined : showZoned(inc.when.end)),
    approximate: inc.when.approximate,
    recorded: recordedInfo(history, zone, inc.when.start.local),
    ...opt(
      'location',
      location === undefined || Object.keys(location).length === 0 ? undefined : location,
    ),
    whatHappened: inc.whatHappened,
    behaviours: inc.behaviours.map((b) => ({ id: b, label: behaviour(b).label })),
    ...opt(
      'channel',
      inc.channel === undefined
        ? undefined
        : { id: inc.channel, label: CHANNEL_LABELS[inc.channel] },
    ),
    people: inc.people.map((id) => ({ id, name: displayName(peopleById.get(id)) })),
    ...opt(
      'offenderDescription',
      description === undefined || Object.keys(description).length === 0 ? undefined : description,
    ),
    ...opt('vehicle', inc.vehicle === undefined ? undefined : vehicleText(inc.vehicle)),
    exhibits: refsIn(inc.evidence),
    witnesses: inc.witnesses.map((w) => ({ name: w.name, ...opt('contact', w.contact) })),
    ...opt(
      'police',
      police === undefined
        ? undefined
        : {
            contacted: { id: police.contacted, label: POLICE_CONTACTED_LABELS[police.contacted] },
            ...opt(
              'method',
              police.method === undefined
                ? undefined
                : { id: police.method, label: POLICE_METHOD_LABELS[police.method] },
            ),
            ...opt('whatTheyDid', police.whatTheyDid),
            ...opt('reference', police.reference),
            ...opt('officer', police.officer),
          },
    ),
    ...opt('impact', inc.impact),
    ...opt('changesMade', inc.changesMade),
    ...opt('impactOnOthers', inc.impactOnOthers),
  };
}

function exhibitOf(
  e: EvidenceItem,
  file: { readonly sha256: string; readonly size: number },
  history: RecordHistory,
  ref: string,
  numbersIn: (ids: readonly string[]) => string[],
  zone: string,
): SnapshotExhibit {
  const taken = e.extracted?.takenAt;
  return {
    id: e.id,
    ref,
    refAssigned: e.exhibitRef !== undefined,
    ...opt('description', e.description),
    mediaType: e.mediaType,
    kind: kindOf(e.mediaType),
    originalName: e.originalName,
    size: file.size,
    sha256: file.sha256,
    hashMatchesIntake: file.sha256 === e.sha256 && file.size === e.size,
    receivedAt: showInstant(e.intakeAt, zone),
    ...opt(
      'takenAt',
      taken === undefined
        ? undefined
        : { raw: taken.raw, ...opt('offset', taken.offset), source: taken.source },
    ),
    source: { id: e.source, label: SOURCE_LABELS[e.source] },
    ...opt('device', e.extracted?.device),
    ...opt('gps', e.extracted?.gps === undefined ? undefined : coordsText(e.extracted.gps)),
    incidents: numbersIn(e.incidents),
    recorded: recordedInfo(history, zone),
  };
}
