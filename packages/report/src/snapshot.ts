import {
  PERSON_ROLE_LABELS,
  RELATIONSHIP_LABELS,
  RISK_QUESTIONS,
  SAFETY_PLAN_GROUPS,
  SAFETY_PLAN_ITEMS,
} from '@casebook/core';
import { deepFreeze } from './freeze';
import { buildPattern } from './pattern';
import {
  displayName,
  durationText,
  exhibitOf,
  incidentOf,
  opt,
  recordedInfo,
  vehicleText,
} from './record-views';
import { importedCallRows } from './snapshot-imported-calls';
import type { Recorded, SnapshotInput } from './snapshot-input';
import { snapshotMessages } from './snapshot-messages';
import { chooseImported, notListedOf } from './snapshot-not-listed';
import type {
  CaseSnapshot,
  SnapshotCall,
  SnapshotExhibit,
  SnapshotIncident,
  SnapshotPerson,
  SnapshotRiskAnswer,
  SnapshotRiskAssessment,
  SnapshotSafety,
} from './snapshot-types';
import { dayText, type ShownTime, showInstant, showZoned } from './time-text';

const ANSWER_LABELS = {
  yes: 'Yes',
  no: 'No',
  'dont-know': "Don't know",
  'not-answered': 'Not answered',
} as const;

const pad4 = (n: number) => String(n).padStart(4, '0');

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
/** Calls written in by hand and imported ones, as one log in the order they happened. */
function byTime(calls: SnapshotCall[]): SnapshotCall[] {
  return calls.sort((a, b) => Date.parse(a.time.utc) - Date.parse(b.time.utc));
}

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
  // Imported messages and calls: only the conversations with the person responsible, in
  // range, and the export files they came from as exhibits (conversations.ts says why).
  const ranged = from !== undefined || to !== undefined;
  const imports = chooseImported(input, inRange, ranged);
  const messages =
    input.messages === undefined
      ? undefined
      : snapshotMessages(
          imports.messages,
          zone,
          (id) => refOf.get(id) ?? id,
          inRange,
          ranged,
          imports.theirs,
        );
  const imported = importedCallRows(imports.calls, zone, (id) => refOf.get(id) ?? id, inRange);
  const listedIds = new Set<string>([
    ...(messages ?? []).map((m) => m.id),
    ...imported.map((c) => c.id),
  ]);
  for (const r of imports.messages)
    if (listedIds.has(r.id) && evidenceById.has(r.exhibit.evidenceId))
      exhibitIds.add(r.exhibit.evidenceId);
  for (const r of imports.calls)
    if (listedIds.has(r.body.id) && evidenceById.has(r.body.exhibit.evidenceId))
      exhibitIds.add(r.body.exhibit.evidenceId);
  // An export holding only other conversations is not listed either: its name alone can say
  // whose they are ("WhatsApp Chat with Amber House"). The person's own choice of exhibits stands.
  let exportFiles = 0;
  if (input.exhibitIds === undefined && chosen === undefined && !ranged) {
    for (const id of imports.otherExports) {
      if (exhibitIds.delete(id)) exportFiles += 1;
    }
  }
  const notListed = notListedOf(imports, exportFiles, input);
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
      calls: calls.length + imported.length,
      items: items.length,
      riskAssessments: riskAssessments.length,
    },
    incidents: snapshotIncidents,
    ...(messages === undefined ? {} : { messages }),
    ...(notListed === undefined ? {} : { notListed }),
    people,
    calls: byTime([
      ...calls.map((r): SnapshotCall => {
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
      ...imported,
    ]),
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
