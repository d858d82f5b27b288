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
import { type FileInfo, StorageFullError, type Vault } from '@casebook/vault';
import { parseBody } from '../data/schemas';
import { browserRandom } from '../diary/ports';
import { spaceProblem } from '../evidence/space-check';
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
import { wasmSha256 } from './wasm-sha256';

interface ReadFile {
  readonly file: Blob;
  readonly name: string;
  readonly lastModified: number;
  readonly contents: ExportContents;
}

/** Files read and described, waiting for the person to confirm. Gone with the worker at lock. */
const waiting = new Map<string, ReadFile>();

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
  waiting.set(fileId, { file, name: shownName, lastModified, contents: read.value });
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
  const files = fileIds.map((id) => waiting.get(id));
  return files.every((f) => f !== undefined) ? files : undefined;
}

/** The new messages and calls of these files (those not yet in the casebook). */
async function freshItems(vault: Vault, files: readonly ReadFile[]) {
  const known = await knownImportKeys(vault);
  const messages: ImportedMessage[] = [];
  const calls: ImportedCall[] = [];
  for (const f of files) {
    for (const m of f.contents.messages) if (!known.has(m.key)) messages.push(m);
    for (const c of f.contents.calls) if (!known.has(c.key)) calls.push(c);
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
  const files = waitingFiles(fileIds);
  if (!files || choices.from.length === 0) return { incidents: [], undated: 0 };
  const { messages, calls } = await freshItems(vault, files);
  return choices.groups === undefined
    ? proposeBursts(messages, calls, choices.from, choices.zone)
    : {
        incidents: proposeGroups(messages, calls, choices.from, choices.zone, choices.groups),
        undated: 0,
      };
}

async function storeExport(
  vault: Vault,
  f: ReadFile,
  ctx: LongCallContext,
  base: number,
  total: number,
) {
  const hasher = await wasmSha256();
  return vault.addFile(filePieces(f.file, ctx.signal), {
    ...(hasher && { hasher }),
    signal: ctx.signal,
    onProgress: (done) => ctx.progress({ done: base + done, total }),
  });
}

/**
 * Keeps each export file as an exhibit (original bytes, SHA-256) and writes every new message
 * and call, with the incidents the person confirmed, in one commit: a cancel, an error or a
 * closed tab before it leaves none of them (a file stored but not yet recorded is removed
 * again; only a crash in that moment can leave one unseen, with nothing pointing at it).
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
  const used = (await exhibits(vault)).flatMap((e) => (e.ref ? [e.ref] : []));
  const initials = parseInitials(choices.initials || (initialsInUse(used) ?? ''));
  if (!initials.ok) return { ok: false, reason: 'initials', message: initials.reason };
  const cancelled: ImportOutcome = {
    ok: false,
    reason: 'cancelled',
    message: `The import was cancelled. ${NOTHING}`,
  };
  const known = await knownImportKeys(vault);
  const { messages, calls } = await freshItems(vault, files);
  const confirmed = proposeGroups(messages, calls, choices.from, choices.zone, choices.incidents);
  const keyFile = new Map<string, number>();
  files.forEach((f, i) => {
    for (const r of [...f.contents.messages, ...f.contents.calls]) keyFile.set(r.key, i);
  });
  const incidentIds = confirmed.map(() => newId(IncidentIdSchema, browserRandom));
  const personId = choices.personId as PersonId | undefined;

  const total = files.reduce((n, f) => n + f.file.size, 0);
  const stored: FileInfo[] = [];
  const records: PlannedRecord[] = [];
  const evidence: EvidenceItem[] = [];
  const exhibitLines: string[] = [];
  let alreadyThere = 0;
  let base = 0;
  try {
    for (const [i, f] of files.entries()) {
      const fresh = [...f.contents.messages, ...f.contents.calls].some((r) => !known.has(r.key));
      if (!fresh) {
        alreadyThere += f.contents.messages.length + f.contents.calls.length;
        base += f.file.size;
        continue;
      }
      const file = await storeExport(vault, f, ctx, base, total);
      stored.push(file);
      base += f.file.size;
      const ref = nextExhibitRef(initials.initials, used);
      if (ref.ok) used.push(ref.ref);
      const head = new Uint8Array(await f.file.slice(0, SNIFF_BYTES).arrayBuffer());
      const item: EvidenceItem = {
        schema: 1,
        id: newId(EvidenceIdSchema, browserRandom),
        blobId: file.blobId as EvidenceItem['blobId'],
        sha256: file.sha256,
        size: file.size,
        mediaType: sniffMediaType(head, f.name).mediaType,
        originalName: f.name,
        ...(f.lastModified > 0 && { lastModified: new Date(f.lastModified).toISOString() }),
        intakeAt: new Date().toISOString(),
        source: 'import',
        ...(ref.ok && { exhibitRef: ref.ref }),
        incidents: confirmed.flatMap((p, n) =>
          p.keys.some((k) => keyFile.get(k) === i) ? [incidentIds[n] as Incident['id']] : [],
        ),
      };
      evidence[i] = item;
      const plan = planImport({
        messages: f.contents.messages,
        calls: f.contents.calls,
        exhibit: { evidenceId: item.id, ...(ref.ok && { exhibitRef: ref.ref }) },
        parties: { responsible: choices.from, ...(personId && { personId }) },
        known,
        random: browserRandom,
      });
      alreadyThere += plan.alreadyThere;
      records.push(...plan.records);
      exhibitLines.push(`${ref.ok ? ref.ref : '(no exhibit number)'} ${f.name}`);
    }
    const incidents: Incident[] = confirmed.map((p, n) => {
      const fromFiles = [...new Set(p.keys.flatMap((k) => keyFile.get(k) ?? []))];
      const items = fromFiles.flatMap((i) => evidence[i] ?? []);
      const refs = items.map((e) => e.exhibitRef ?? e.originalName).join(', ');
      return {
        schema: 1,
        id: incidentIds[n] as Incident['id'],
        when: p.when,
        whatHappened: `${p.summary} from ${choices.from.join(' or ')}, imported from ${refs}.`,
        behaviours: [...p.behaviours],
        channel: p.channel,
        people: personId ? [personId] : [],
        evidence: items.map((e) => e.id),
        witnesses: [],
      };
    });
    ctx.signal.throwIfAborted();
    const batch = [
      ...evidence.flatMap((e) =>
        e ? [{ kind: 'evidence' as const, id: e.id, body: checked('evidence', e) }] : [],
      ),
      ...records,
      ...incidents.map((b) => ({
        kind: 'incident' as const,
        id: b.id,
        body: checked('incident', b),
      })),
    ];
    // The one commit: every exhibit's record, message, call and incident, or none of them.
    const saved = await vault.createMany(batch);
    forgetImportFiles(fileIds);
    const plannedMessages = records.filter((r) => r.kind === 'imported-message').length;
    return {
      ok: true,
      messages: plannedMessages,
      calls: records.length - plannedMessages,
      alreadyThere,
      evidence: saved.filter((s) => s.kind === 'evidence').map(view),
      incidents: saved.filter((s) => s.kind === 'incident').map(view),
      exhibits: exhibitLines,
    };
  } catch (error) {
    for (const file of stored)
      await vault.purgeFile(file.blobId, 'The import was not finished.').catch(() => undefined);
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
