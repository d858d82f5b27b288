import { describeLoggedFailures } from '../account/notice-words';
import type { AuditEntryView, ExhibitInfo } from '../worker/protocol';
import { mediaNoun } from './describe-evidence';

/** Names for exhibits by evidence id and by file (blob) id, deleted ones included. */
export interface ExhibitIndex {
  readonly byId: ReadonlyMap<string, ExhibitInfo>;
  readonly byBlob: ReadonlyMap<string, ExhibitInfo>;
}

export function indexExhibits(exhibits: readonly ExhibitInfo[]): ExhibitIndex {
  return {
    byId: new Map(exhibits.map((e) => [e.id, e])),
    byBlob: new Map(exhibits.map((e) => [e.blobId, e])),
  };
}

/** "AB/3 (photo.jpg)", or just the name for an item that never got a reference. */
export function exhibitName(exhibit: ExhibitInfo): string {
  return exhibit.ref ? `${exhibit.ref} (${exhibit.originalName})` : `“${exhibit.originalName}”`;
}

const RECORD_NOUNS: Record<string, string> = {
  incident: 'incident',
  person: 'person',
  call: 'call',
  item: 'item',
};

/** The account and device events (version 2). */
const ACCOUNT_WORDS: Record<string, string> = {
  'open-device': 'this device began its own signed history (casebook brought up to date)',
  'change-passphrase': 'passphrase changed',
  'new-recovery-code': 'new recovery code made; the old one stopped working',
};

const withReason = (text: string, reason: string | undefined) =>
  reason ? `${text} (reason: ${reason})` : text;

/**
 * One audit-log entry in plain words: "added photo AB/3 (img.jpg), SHA-256 …", "edited
 * incident of Sat 14 Feb 2026, 19:30", "deleted call (reason: logged twice)".
 * `recordLabel` names an incident, person, call or item when the screen knows it.
 */
export function describeEntry(
  entry: AuditEntryView,
  exhibits: ExhibitIndex,
  recordLabel: (kind: string, id: string) => string | undefined = () => undefined,
): string {
  if (entry.op === 'open-case') return 'casebook created';
  const account = ACCOUNT_WORDS[entry.op];
  if (account) return account;
  if (entry.op === 'unlock-failures') return describeLoggedFailures(entry.detail);
  if (entry.op === 'history-went-backwards') {
    return 'Casebook found this casebook shorter than it had been: entries may have been removed';
  }
  if (entry.op === 'handover') return describeHandover(entry.detail, entry.sha256);
  if (entry.kind === 'blob') {
    const exhibit = exhibits.byBlob.get(entry.id);
    const name = exhibit ? exhibitName(exhibit) : 'a file';
    if (entry.op === 'add-file') {
      const what = exhibit ? `${mediaNoun(exhibit.mediaType)} ${name}` : 'a file';
      return `added ${what}, SHA-256 ${entry.sha256}`;
    }
    if (entry.op === 'purge-file')
      return withReason(`removed the original file of ${name} for good`, entry.reason);
  }
  if (entry.kind === 'evidence') {
    const exhibit = exhibits.byId.get(entry.id);
    const name = exhibit ? exhibitName(exhibit) : 'an evidence item';
    if (entry.op === 'create') return `recorded the details of ${name}`;
    if (entry.op === 'update') return `edited the details or links of ${name}`;
    if (entry.op === 'delete') return withReason(`deleted ${name}`, entry.reason);
  }
  if (entry.kind === 'draft') return draftWords(entry);
  const noun = RECORD_NOUNS[entry.kind] ?? entry.kind;
  const label = recordLabel(entry.kind, entry.id);
  const what = label ? `${noun} ${label}` : noun;
  if (entry.op === 'create') return entry.kind === 'call' ? `logged ${what}` : `added ${what}`;
  if (entry.op === 'update') return `edited ${what}`;
  if (entry.op === 'delete') return withReason(`deleted ${what}`, entry.reason);
  return `${entry.op} ${what}`;
}

/** Drafts (unsaved forms kept encrypted): "kept a draft of a new incident", "cleared a draft". */
function draftWords(entry: AuditEntryView): string {
  const [form = '', target = 'new'] = entry.id.split(':');
  const noun = RECORD_NOUNS[form] ?? 'record';
  const of =
    target === 'new'
      ? `a new ${noun}`
      : `changes to ${noun === 'incident' || noun === 'item' ? 'an' : 'a'} ${noun}`;
  if (entry.op === 'delete') return `cleared the draft of ${of} (saved or discarded)`;
  return `kept a draft of ${of}`;
}

/** A Verify casebook problem, naming the exhibit when it concerns a file or evidence item. */
export function describeProblem(
  problem: { where: string; message: string; kind?: string; id?: string },
  exhibits: ExhibitIndex,
): string {
  const exhibit =
    problem.kind === 'blob' && problem.id
      ? exhibits.byBlob.get(problem.id)
      : problem.kind === 'evidence' && problem.id
        ? exhibits.byId.get(problem.id)
        : undefined;
  if (!exhibit) return problem.message;
  const what = problem.kind === 'blob' ? 'The original file of' : 'The record of';
  const detail = problem.message.startsWith(problem.where)
    ? problem.message.slice(problem.where.length).trim()
    : problem.message;
  return `Exhibit ${exhibitName(exhibit)}: ${what} this exhibit ${detail}`;
}

const HANDOVER_WHAT: Record<string, string> = {
  pdf: 'a PDF report',
  'csv-chronology': 'the chronology as a spreadsheet (CSV)',
  'csv-exhibits': 'the exhibit schedule as a spreadsheet (CSV)',
  json: 'the whole record as JSON',
  bundle: 'an evidence bundle',
};

/** "made an evidence bundle (disclosure copy: 12 incidents, 4 exhibits, 3 details redacted), SHA-256 …" */
export function describeHandover(detail: AuditEntryView['detail'], sha256: string): string {
  const what = HANDOVER_WHAT[String(detail?.what)] ?? 'a report';
  const copy = detail?.profile === 'disclosure' ? 'disclosure copy' : 'full copy for the police';
  const count = (n: unknown, one: string, many: string) =>
    typeof n === 'number' ? `${n} ${n === 1 ? one : many}` : undefined;
  const parts = [
    count(detail?.incidents, 'incident', 'incidents'),
    count(detail?.exhibits, 'exhibit', 'exhibits'),
    detail?.profile === 'disclosure'
      ? count(detail?.redactions, 'detail redacted', 'details redacted')
      : undefined,
  ].filter(Boolean);
  const of =
    sha256 && detail?.what === 'bundle'
      ? `its signed list of fingerprints has SHA-256 ${sha256}`
      : `SHA-256 ${sha256}`;
  return `made ${what} (${copy}${parts.length ? `: ${parts.join(', ')}` : ''}), ${of}`;
}
