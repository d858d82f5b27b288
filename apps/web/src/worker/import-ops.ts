/// <reference lib="webworker" />
/**
 * Importing exported chats, texts, call logs and email in the vault worker: the same steps as
 * `casebook import` (core's `knownImportKeys` and `planImport`, the importers' `readExport`),
 * with the person's choices from the Import screen. Files are read here, never in the page;
 * what was read waits here (by file id) until the person confirms or leaves.
 */
import {
  EvidenceIdSchema,
  type EvidenceItem,
  type ImportedCall,
  type ImportedMessage,
  type Incident,
  IncidentIdSchema,
  initialsInUse,
  knownImportKeys,
  newId,
  type PersonId,
  type PlannedRecord,
  planImport,
} from '@casebook/core';
import {
  describeExport,
  type ExportContents,
  nextExhibitRef,
  parseInitials,
  readExport,
  SNIFF_BYTES,
  sniffMediaType,
} from '@casebook/importers';
import { type StagedFile, StorageFullError, type Vault } from '@casebook/vault';
import { parseBody } from '../data/schemas';
import { browserRandom } from '../diary/ports';
import { spaceProblem } from '../evidence/space-check';
import { browserSealing } from './browser-sealing';
import { exhibits, type LongCallContext } from './evidence-ops';
import { filePieces } from './file-pieces';
import { proposeBursts, proposeGroups } from './import-proposals';
import type {
  ImportChoices,
  ImportFound,
  ImportOutcome,
  ImportProposal,
  ImportReadOptions,
} from './import-types';
import { view } from './record-view';
import { sparseProgress } from './sparse-progress';

interface ReadFile {
  readonly file: Blob;
  readonly name: string;
  readonly lastModified: number;
  /** The zone and date order it was read with: times of wall-clock formats depend on them. */
  readonly options: ImportReadOptions;
  readonly contents: ExportContents;
}

/** Files read and described, waiting for the person to confirm. Gone with the worker at lock. */
const waiting = new Map<string, ReadFile>();
/** Files an import is under way for: a second tap or a retry meanwhile is refused. */
const busy = new Set<string>();

async function freeSpaceProblem(size: number, name: string): Promise<string | undefined> {
  try {
    return spaceProblem(await navigator.storage.estimate(), size, name);
  } catch {
    return undefined; // No estimate: try, and rely on the quota error if it comes.
  }
}

const NOTHING = 'Nothing was imported.';

/** Reads one export file and says what it holds; a file that cannot be read changes nothing. */
export async function readImportFile(
  vault: Vault,
  file: Blob,
  name: string,
  lastModified: number,
  options: ImportReadOptions,
  ctx: LongCallContext,
): Promise<ImportFound> {
  const shownName = name.trim().slice(0, 255) || 'Unnamed file';
  // An export is kept whole as an exhibit, so it needs room once more.
  const space = await freeSpaceProblem(file.size, shownName);
  if (space) return { ok: false, reason: 'no-space', message: space.replace('added', 'imported') };
  const read = await readExport(file, shownName, options);
  if (ctx.signal.aborted)
    return { ok: false, reason: 'cancelled', message: `Reading "${shownName}" was stopped.` };
  if (!read.ok) {
    if ('problem' in read)
      return {
        ok: false,
        reason: 'problem',
        message: `"${shownName}": ${read.problem.message} ${NOTHING}`,
      };
    return {
      ok: false,
      reason: 'date-order',
      message: `"${shownName}" does not say whether its dates are written day first or month first.`,
      samples: read.needsDateOrder.samples.slice(0, 3),
    };
  }
  const known = await knownImportKeys(vault);
  const all = [...read.value.messages, ...read.value.calls];
  const fresh = all.filter((r) => !known.has(r.key)).length;
  const fileId = newId(EvidenceIdSchema, browserRandom);
  const kept = { zone: options.zone, ...(options.dateOrder && { dateOrder: options.dateOrder }) };
  waiting.set(fileId, {
    file,
    name: shownName,
    lastModified,
    options: kept,
    contents: read.value,
  });
  return {
    ok: true,
    fileId,
    name: shownName,
    summary: describeExport(read.value, options.zone),
    people: read.value.people.slice(0, 50),
    fresh,
    alreadyThere: all.length - fresh,
  };
}

/** Lets go of files the person took off the list (or all of them). */
export function forgetImportFiles(fileIds?: readonly string[]): void {
  if (fileIds === undefined) waiting.clear();
  else for (const id of fileIds) waiting.delete(id);
}

function waitingFiles(fileIds: readonly string[]): ReadFile[] | undefined {
  const files = [...new Set(fileIds)].map((id) => waiting.get(id));
  return files.every((f) => f !== undefined) ? files : undefined;
}

/**
 * The files as read in `zone`: one read in another zone is read again (its clock times mean
 * other instants there), so the times proposed and imported are always in the zone chosen.
 * Undefined when a file no longer reads (it was read once, so this is rare).
 */
async function inZone(
  fileIds: readonly string[],
  files: readonly ReadFile[],
  zone: string,
): Promise<ReadFile[] | undefined> {
  const out: ReadFile[] = [];
  for (const [i, f] of files.entries()) {
    if (f.options.zone === zone) {
      out.push(f);
      continue;
    }
    const options = { ...f.options, zone };
    const read = await readExport(f.file, f.name, options);
    if (!read.ok) return undefined;
    const again = { ...f, options, contents: read.value };
    const id = [...new Set(fileIds)][i];
    if (id !== undefined && waiting.has(id)) waiting.set(id, again);
    out.push(again);
  }
  return out;
}

/**
 * The new messages and calls of these files (those not yet in the casebook), each once: files
 * that overlap (the same chat chosen twice, a zip and its text, an older and a newer export)
 * share keys, and a shared key is one message.
 */
function freshItems(known: ReadonlySet<string>, files: readonly ReadFile[]) {
  const seen = new Set(known);
  const messages: ImportedMessage[] = [];
  const calls: ImportedCall[] = [];
  for (const f of files) {
    for (const m of f.contents.messages) {
      if (seen.has(m.key)) continue;
      seen.add(m.key);
      messages.push(m);
    }
    for (const c of f.contents.calls) {
      if (seen.has(c.key)) continue;
      seen.add(c.key);
      calls.push(c);
    }
  }
  return { messages, calls };
}

/**
 * Incidents suggested from the new messages and calls of the person responsible: bursts of
 * contact, or (`groups`) one for each group of keys the person made by merging and splitting.
 */
export async function proposeImport(
  vault: Vault,
  fileIds: readonly string[],
  choices: { from: readonly string[]; zone: string; groups?: readonly (readonly string[])[] },
): Promise<ImportProposal> {
  const waitingNow = waitingFiles(fileIds);
  if (!waitingNow || choices.from.length === 0) return { incidents: [], undated: 0 };
  const files = await inZone(fileIds, waitingNow, choices.zone);
  if (!files) return { incidents: [], undated: 0 };
  const { messages, calls } = freshItems(await knownImportKeys(vault), files);
  return choices.groups === undefined
    ? proposeBursts(messages, calls, choices.from, choices.zone)
    : {
        incidents: proposeGroups(messages, calls, choices.from, choices.zone, choices.groups),
        undated: 0,
      };
}

async function stageExport(
  vault: Vault,
  f: ReadFile,
  ctx: LongCallContext,
  base: number,
  total: number,
): Promise<StagedFile> {
  // Sealed as evidence intake seals a file: a large export with its media goes in as fast.
  const sealing = await browserSealing(f.file.size, ctx.signal);
  try {
    return await vault.stageFile(filePieces(f.file, ctx.signal), {
      ...sealing.options,
      signal: ctx.signal,
      onProgress: sparseProgress(f.file.size, (done) => ctx.progress({ done: base + done, total })),
    });
  } finally {
    sealing.close();
  }
}

const keyOf = (r: PlannedRecord) =>
  r.kind === 'imported-message' ? r.body.message.key : r.body.call.key;

/**
 * Keeps each export file as an exhibit (original bytes, SHA-256) and writes every new message
 * and call, with the incidents the person confirmed, in one commit: the files themselves are
 * committed in it too, so a cancel, an error, a lock or a closed tab before it leaves none of
 * them (a crash leaves only uncommitted pieces, which the next unlock sweeps away). A second
 * call for the same files while one is under way is refused ('busy'), never run twice.
 */
export async function importMessages(
  vault: Vault,
  fileIds: readonly string[],
  choices: ImportChoices,
  ctx: LongCallContext,
): Promise<ImportOutcome> {
  const files = waitingFiles(fileIds);
  if (!files)
    return {
      ok: false,
      reason: 'gone',
      message: `The files you chose are no longer open here. Choose them again. ${NOTHING}`,
    };
  // Checked and marked before anything is awaited: the worker runs one call at a time up to
  // its first await, so a double tap cannot slip between the check and the mark.
  if (fileIds.some((id) => busy.has(id)))
    return {
      ok: false,
      reason: 'busy',
      message: 'These files are being imported already. Wait for that import to finish.',
    };
  const mine = [...new Set(fileIds)];
  for (const id of mine) busy.add(id);
  try {
    return await importNow(vault, fileIds, files, choices, ctx);
  } finally {
    for (const id of mine) busy.delete(id);
  }
}

async function importNow(
  vault: Vault,
  fileIds: readonly string[],
  waitingNow: readonly ReadFile[],
  choices: ImportChoices,
  ctx: LongCallContext,
): Promise<ImportOutcome> {
  const cancelled: ImportOutcome = {
    ok: false,
    reason: 'cancelled',
    message: `The import was cancelled. ${NOTHING}`,
  };
  const files = await inZone(fileIds, waitingNow, choices.zone);
  if (!files)
    return {
      ok: false,
      reason: 'failed',
      message: `The files could not be read again in the time zone ${choices.zone}. Choose them again. ${NOTHING}`,
    };
  const used = (await exhibits(vault)).flatMap((e) => (e.ref ? [e.ref] : []));
  const initials = parseInitials(choices.initials || (initialsInUse(used) ?? ''));
  if (!initials.ok) return { ok: false, reason: 'initials', message: initials.reason };
  const known = await knownImportKeys(vault);
  const { messages, calls } = freshItems(known, files);
  const confirmed = proposeGroups(messages, calls, choices.from, choices.zone, choices.incidents);
  const incidentIds = confirmed.map(() => newId(IncidentIdSchema, browserRandom));
  const personId = choices.personId as PersonId | undefined;

  // Plan every file first: `known` grows as each is planned, so a message two files share is
  // recorded once, by the first, and `keyFile` says which exhibit each key's record points at.
  interface Planned {
    readonly f: ReadFile;
    readonly evidenceId: EvidenceItem['id'];
    readonly ref: string | undefined;
    readonly records: readonly PlannedRecord[];
  }
  const planned: Planned[] = [];
  const keyFile = new Map<string, number>();
  let alreadyThere = 0;
  for (const f of files) {
    const evidenceId = newId(EvidenceIdSchema, browserRandom);
    const ref = nextExhibitRef(initials.initials, used);
    const plan = planImport({
      messages: f.contents.messages,
      calls: f.contents.calls,
      exhibit: { evidenceId, ...(ref.ok && { exhibitRef: ref.ref }) },
      parties: { responsible: choices.from, ...(personId && { personId }) },
      known,
      random: browserRandom,
    });
    alreadyThere += plan.alreadyThere;
    if (plan.records.length === 0) continue; // Nothing new in it: no second exhibit of it.
    if (ref.ok) used.push(ref.ref);
    for (const r of plan.records) keyFile.set(keyOf(r), planned.length);
    planned.push({ f, evidenceId, ref: ref.ok ? ref.ref : undefined, records: plan.records });
  }
  const filesOf = (keys: readonly string[]) =>
    [...new Set(keys.flatMap((k) => keyFile.get(k) ?? []))].sort((a, b) => a - b);

  const total = planned.reduce((n, p) => n + p.f.file.size, 0);
  const staged: StagedFile[] = [];
  try {
    const evidence: EvidenceItem[] = [];
    let base = 0;
    for (const [j, p] of planned.entries()) {
      const file = await stageExport(vault, p.f, ctx, base, total);
      staged.push(file);
      base += p.f.file.size;
      const head = new Uint8Array(await p.f.file.slice(0, SNIFF_BYTES).arrayBuffer());
      evidence.push({
        schema: 1,
        id: p.evidenceId,
        blobId: file.info.blobId as EvidenceItem['blobId'],
        sha256: file.info.sha256,
        size: file.info.size,
        mediaType: sniffMediaType(head, p.f.name).mediaType,
        originalName: p.f.name,
        ...(p.f.lastModified > 0 && { lastModified: new Date(p.f.lastModified).toISOString() }),
        intakeAt: new Date().toISOString(),
        source: 'import',
        ...(p.ref !== undefined && { exhibitRef: p.ref }),
        incidents: confirmed.flatMap((c, n) =>
          filesOf(c.keys).includes(j) ? [incidentIds[n] as Incident['id']] : [],
        ),
      });
    }
    const incidents: Incident[] = confirmed.map((c, n) => {
      const items = filesOf(c.keys).flatMap((j) => evidence[j] ?? []);
      const refs = items.map((e) => e.exhibitRef ?? e.originalName).join(', ');
      return {
        schema: 1,
        id: incidentIds[n] as Incident['id'],
        when: c.when,
        whatHappened: `${c.summary} from ${choices.from.join(' or ')}, imported from ${refs}.`,
        behaviours: [...c.behaviours],
        channel: c.channel,
        people: personId ? [personId] : [],
        evidence: items.map((e) => e.id),
        witnesses: [],
      };
    });
    ctx.signal.throwIfAborted();
    const records = planned.flatMap((p) => p.records);
    const batch = [
      ...evidence.map((e) => ({
        kind: 'evidence' as const,
        id: e.id,
        body: checked('evidence', e),
      })),
      ...records,
      ...incidents.map((b) => ({
        kind: 'incident' as const,
        id: b.id,
        body: checked('incident', b),
      })),
    ];
    // The one commit: every export file, its exhibit record, message, call and incident, or none.
    const saved = await vault.createMany(batch, { files: staged });
    forgetImportFiles(fileIds);
    const plannedMessages = records.filter((r) => r.kind === 'imported-message').length;
    return {
      ok: true,
      messages: plannedMessages,
      calls: records.length - plannedMessages,
      alreadyThere,
      evidence: saved.filter((s) => s.kind === 'evidence').map(view),
      incidents: saved.filter((s) => s.kind === 'incident').map(view),
      exhibits: planned.map((p) => `${p.ref ?? '(no exhibit number)'} ${p.f.name}`),
    };
  } catch (error) {
    for (const file of staged) await vault.discardStagedFile(file).catch(() => undefined);
    if (ctx.signal.aborted) return cancelled;
    if (error instanceof StorageFullError)
      return { ok: false, reason: 'no-space', message: `${error.message} ${NOTHING}` };
    throw error;
  }
}

/** Zod at the boundary: nothing that fails the core schema is ever written. */
function checked(kind: 'evidence' | 'incident', body: unknown): unknown {
  const parsed = parseBody(kind, body);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}
