import { deepFreeze } from './freeze';
import type {
  CaseSnapshot,
  RedactionLogEntry,
  RedactionProfile,
  SnapshotIncident,
  SnapshotPerson,
  SnapshotSafety,
} from './snapshot-types';
import { isPartlyRedacted, isRedacted, type Redacted, type TextValue } from './text-value';

/** Reasons a disclosure copy redacts by default, in words for the reader. */
export const REDACTION_REASONS = {
  newAddress: 'new address',
  school: 'school',
  children: 'may name children',
  safetyPlan: 'safety plan',
  refuge: 'refuge or safe place',
  witnessContact: 'witness contact details',
  trustedContact: 'trusted contact',
  photoLocation: 'location in photo metadata',
  riskNote: 'private note on the risk checklist',
  chosen: 'chosen by the person',
} as const;

/**
 * A per-field choice. `path` names fields as the redaction log does
 * (`incidents.INC-0003.location.text`); `*` stands for any one part, and a shorter path covers
 * everything under it (`incidents.INC-0003`). Later choices win over earlier ones and over the
 * profile's defaults.
 */
export interface RedactionChoice {
  readonly path: string;
  readonly action: 'redact' | 'show';
  readonly reason?: string;
}

/** Words to take out of every free-text field wherever they appear, e.g. a child's name. */
export interface RedactionTerm {
  readonly text: string;
  readonly reason: string;
}

export interface RedactionOptions {
  readonly profile: RedactionProfile;
  readonly fields?: readonly RedactionChoice[];
  readonly terms?: readonly RedactionTerm[];
}

export interface RedactionResult {
  readonly snapshot: CaseSnapshot;
  /** Every field redacted and why (never what it said): for the report's audit-log entry. */
  readonly log: readonly RedactionLogEntry[];
}

function matches(pattern: readonly string[], path: readonly string[]): boolean {
  if (pattern.length > path.length) return false;
  return pattern.every((seg, i) => seg === '*' || seg === path[i]);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

class Redactor {
  readonly log: RedactionLogEntry[] = [];
  private readonly choices: { segs: string[]; action: 'redact' | 'show'; reason: string }[];
  private readonly termPattern: RegExp | undefined;
  private readonly termReason: Map<string, string>;

  constructor(private readonly options: RedactionOptions) {
    this.choices = (options.fields ?? []).map((c) => ({
      segs: c.path.split('.'),
      action: c.action,
      reason: c.reason ?? REDACTION_REASONS.chosen,
    }));
    const terms = (options.terms ?? []).filter((t) => t.text.trim().length > 0);
    // Longest first, so "Lily Rose" is taken whole before "Lily".
    terms.sort((a, b) => b.text.length - a.text.length);
    this.termReason = new Map(terms.map((t) => [t.text.trim().toLowerCase(), t.reason]));
    this.termPattern =
      terms.length === 0
        ? undefined
        : new RegExp(terms.map((t) => escapeRegExp(t.text.trim())).join('|'), 'giu');
  }

  get disclosure(): boolean {
    return this.options.profile === 'disclosure';
  }

  /** The reason to redact `path`, or undefined to show it. */
  decide(path: string, byDefault?: string): string | undefined {
    const segs = path.split('.');
    let reason = this.disclosure ? byDefault : undefined;
    for (const c of this.choices) {
      if (matches(c.segs, segs)) reason = c.action === 'redact' ? c.reason : undefined;
    }
    return reason;
  }

  marker(path: string, reason: string): Redacted {
    this.log.push({ path, reason });
    return { redacted: true, reason };
  }

  text(path: string, value: TextValue, byDefault?: string): TextValue {
    if (isRedacted(value) || isPartlyRedacted(value)) return value;
    const reason = this.decide(path, byDefault);
    if (reason !== undefined) return this.marker(path, reason);
    return this.terms(path, value);
  }

  opt<K extends string>(key: K, path: string, value: TextValue | undefined, byDefault?: string) {
    return (value === undefined ? {} : { [key]: this.text(path, value, byDefault) }) as {
      [P in K]?: TextValue;
    };
  }

  list(path: string, values: readonly TextValue[], byDefault?: string): TextValue[] {
    return values.map((v, i) => this.text(`${path}.${i}`, v, byDefault));
  }

  private terms(path: string, value: string): TextValue {
    const pattern = this.termPattern;
    if (pattern === undefined) return value;
    const parts: (string | Redacted)[] = [];
    let last = 0;
    const reasons = new Set<string>();
    for (const m of value.matchAll(pattern)) {
      const at = m.index;
      if (at > last) parts.push(value.slice(last, at));
      const reason = this.termReason.get(m[0].toLowerCase()) ?? REDACTION_REASONS.chosen;
      parts.push({ redacted: true, reason });
      reasons.add(reason);
      last = at + m[0].length;
    }
    if (reasons.size === 0) return value;
    if (last < value.length) parts.push(value.slice(last));
    for (const reason of reasons) this.log.push({ path, reason });
    return { parts };
  }
}

function incident(
  r: Redactor,
  inc: SnapshotIncident,
  trusted: ReadonlySet<string>,
): SnapshotIncident {
  const p = `incidents.${inc.number}`;
  const place = inc.location?.placeType?.id;
  const placeReason =
    place === 'home'
      ? REDACTION_REASONS.newAddress
      : place === 'school'
        ? REDACTION_REASONS.school
        : undefined;
  const loc = inc.location;
  const od = inc.offenderDescription;
  const police = inc.police;
  return {
    ...inc,
    ...(loc === undefined
      ? {}
      : {
          location: {
            ...loc,
            ...r.opt('text', `${p}.location.text`, loc.text, placeReason),
            ...r.opt('coords', `${p}.location.coords`, loc.coords, placeReason),
          },
        }),
    whatHappened: r.text(`${p}.whatHappened`, inc.whatHappened),
    people: inc.people.map((person, i) => ({
      ...person,
      name: r.text(
        `${p}.people.${i}`,
        person.name,
        trusted.has(person.id) ? REDACTION_REASONS.trustedContact : undefined,
      ),
    })),
    ...(od === undefined
      ? {}
      : {
          offenderDescription: {
            ...r.opt('looked', `${p}.offenderDescription.looked`, od.looked),
            ...r.opt('sounded', `${p}.offenderDescription.sounded`, od.sounded),
            ...r.opt('wore', `${p}.offenderDescription.wore`, od.wore),
          },
        }),
    ...r.opt('vehicle', `${p}.vehicle`, inc.vehicle),
    witnesses: inc.witnesses.map((w, i) => ({
      name: r.text(`${p}.witnesses.${i}.name`, w.name),
      ...r.opt(
        'contact',
        `${p}.witnesses.${i}.contact`,
        w.contact,
        REDACTION_REASONS.witnessContact,
      ),
    })),
    ...(police === undefined
      ? {}
      : {
          police: {
            ...police,
            ...r.opt('whatTheyDid', `${p}.police.whatTheyDid`, police.whatTheyDid),
            ...r.opt('reference', `${p}.police.reference`, police.reference),
            ...r.opt('officer', `${p}.police.officer`, police.officer),
          },
        }),
    ...r.opt('impact', `${p}.impact`, inc.impact),
    ...r.opt('changesMade', `${p}.changesMade`, inc.changesMade),
    ...r.opt(
      'impactOnOthers',
      `${p}.impactOnOthers`,
      inc.impactOnOthers,
      REDACTION_REASONS.children,
    ),
  };
}

function person(r: Redactor, person: SnapshotPerson): SnapshotPerson {
  const p = `people.${person.id}`;
  const role = person.role.id;
  const trusted = role === 'trusted-contact' ? REDACTION_REASONS.trustedContact : undefined;
  const contact = trusted ?? (role === 'witness' ? REDACTION_REASONS.witnessContact : undefined);
  return {
    ...person,
    names: r.list(`${p}.names`, person.names, trusted),
    phones: r.list(`${p}.phones`, person.phones, contact),
    emails: r.list(`${p}.emails`, person.emails, contact),
    handles: r.list(`${p}.handles`, person.handles, contact),
    vehicles: r.list(`${p}.vehicles`, person.vehicles, trusted),
    ...r.opt('description', `${p}.description`, person.description, trusted),
    ...r.opt('notes', `${p}.notes`, person.notes, trusted),
  };
}

function safety(r: Redactor, plan: SnapshotSafety | Redacted): SnapshotSafety | Redacted {
  if (isRedacted(plan)) return plan;
  const whole = r.decide('safety', REDACTION_REASONS.safetyPlan);
  if (whole !== undefined) return r.marker('safety', whole);
  const refuge = REDACTION_REASONS.refuge;
  return {
    ...plan,
    actionsTaken: plan.actionsTaken.map((a) => ({
      ...a,
      ...r.opt('note', `safety.actionsTaken.${a.id}.note`, a.note),
    })),
    trustedPeople: plan.trustedPeople.map((t, i) => ({
      name: r.text(`safety.trustedPeople.${i}.name`, t.name),
      ...r.opt('contact', `safety.trustedPeople.${i}.contact`, t.contact),
      ...r.opt('note', `safety.trustedPeople.${i}.note`, t.note),
    })),
    safePlaces: plan.safePlaces.map((s, i) => ({
      name: r.text(`safety.safePlaces.${i}.name`, s.name, refuge),
      ...r.opt('address', `safety.safePlaces.${i}.address`, s.address, refuge),
      ...r.opt('note', `safety.safePlaces.${i}.note`, s.note, refuge),
    })),
    routineChanges: plan.routineChanges.map((c, i) => ({
      change: r.text(`safety.routineChanges.${i}.change`, c.change),
      ...r.opt('note', `safety.routineChanges.${i}.note`, c.note),
    })),
  };
}

/**
 * A redacted copy of the snapshot (the snapshot itself, and the records, are never touched).
 * `police` redacts only what the person chose; `disclosure` also takes out by default the new
 * address (where an incident happened at home, and locations found in photos), schools, what
 * may name children (impact on children or others), the safety plan with refuges and safe
 * places, witnesses' contact details and trusted contacts. `terms` are taken out of all free text.
 */
export function redactSnapshot(snapshot: CaseSnapshot, options: RedactionOptions): RedactionResult {
  const r = new Redactor(options);
  const trusted = new Set(
    snapshot.people.filter((p) => p.role.id === 'trusted-contact').map((p) => p.id),
  );
  const incidents = snapshot.incidents.map((inc) => incident(r, inc, trusted));
  const people = snapshot.people.map((p) => person(r, p));
  const calls = snapshot.calls.map((c) => ({
    ...c,
    ...r.opt('number', `calls.${c.id}.number`, c.number),
    ...r.opt('whatWasSaid', `calls.${c.id}.whatWasSaid`, c.whatWasSaid),
    ...r.opt('person', `calls.${c.id}.person`, c.person),
  }));
  const items = snapshot.items.map((it) => ({
    ...it,
    what: r.text(`items.${it.id}.what`, it.what),
    ...r.opt('whereKeptNow', `items.${it.id}.whereKeptNow`, it.whereKeptNow),
    handedToPolice: {
      ...it.handedToPolice,
      ...r.opt('reference', `items.${it.id}.handedToPolice.reference`, it.handedToPolice.reference),
    },
  }));
  const exhibits = snapshot.exhibits.map((e) => ({
    ...e,
    ...r.opt('description', `exhibits.${e.ref}.description`, e.description),
    originalName: r.text(`exhibits.${e.ref}.originalName`, e.originalName),
    ...r.opt('device', `exhibits.${e.ref}.device`, e.device),
    ...r.opt('gps', `exhibits.${e.ref}.gps`, e.gps, REDACTION_REASONS.photoLocation),
  }));
  // Imported messages: the terms (a child's name) and any chosen path, as every free text.
  const messages = snapshot.messages?.map((m) => ({
    ...m,
    sender: r.text(`messages.${m.id}.sender`, m.sender),
    text: r.text(`messages.${m.id}.text`, m.text),
    // The export's own words for the time, and the zip entry's name ("WhatsApp Chat with …").
    ...r.opt('timeAsWritten', `messages.${m.id}.timeAsWritten`, m.timeAsWritten),
    source:
      m.source.entry === undefined
        ? m.source
        : { ...m.source, entry: r.text(`messages.${m.id}.source.entry`, m.source.entry) },
  }));
  const riskAssessments = snapshot.riskAssessments.map((a) => ({
    ...a,
    answers: a.answers.map((ans) => ({
      ...ans,
      ...r.opt(
        'note',
        `riskAssessments.${a.id}.${ans.questionId}.note`,
        ans.note,
        REDACTION_REASONS.riskNote,
      ),
    })),
  }));
  const safe = snapshot.safety === undefined ? undefined : safety(r, snapshot.safety);
  const { safety: _dropped, ...rest } = snapshot;
  const log = [...snapshot.redaction.log, ...r.log];
  const copy: CaseSnapshot = {
    ...rest,
    incidents,
    ...(messages === undefined ? {} : { messages }),
    people,
    calls,
    items,
    exhibits,
    riskAssessments,
    ...(safe === undefined ? {} : { safety: safe }),
    redaction: { profile: options.profile, log },
  };
  return { snapshot: deepFreeze(copy), log: r.log };
}
