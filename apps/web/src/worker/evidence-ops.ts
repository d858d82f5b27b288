/// <reference lib="webworker" />
/**
 * Evidence in the vault worker: intake (sniff, metadata read on a keyless thread, streamed
 * encryption, the record with its exhibit reference), decryption for the viewer, the exhibit
 * index and the audit log.
 * The file's bytes are only ever read as a stream or as a small prefix, never whole.
 */
import { EvidenceIdSchema, type EvidenceItem, newId } from '@casebook/core';
import {
  metadataBytesFor,
  nextExhibitRef,
  parseInitials,
  SNIFF_BYTES,
  sniffMediaType,
} from '@casebook/importers';
import {
  type FileInfo,
  type FileManifest,
  getManifest,
  readFileChunks,
  StorageFullError,
  type Vault,
} from '@casebook/vault';
import { parseBody } from '../data/schemas';
import { browserRandom } from '../diary/ports';
import { spaceProblem } from '../evidence/space-check';
import { browserSealing } from './browser-sealing';
import { filePieces } from './file-pieces';
import { readMetadataOffThread } from './off-thread-metadata';
import type {
  AuditEntryView,
  ExhibitInfo,
  IntakeOutcome,
  IntakeRequest,
  ProgressInfo,
} from './protocol';
import { view } from './record-view';
import { sparseProgress } from './sparse-progress';

export interface LongCallContext {
  readonly signal: AbortSignal;
  progress(progress: ProgressInfo): void;
}

async function checkSpace(size: number, name: string): Promise<string | undefined> {
  try {
    return spaceProblem(await navigator.storage.estimate(), size, name);
  } catch {
    return undefined; // No estimate: try, and rely on the quota error if it comes.
  }
}

function lastLiveBody(history: readonly { deleted: boolean; body?: unknown }[]): unknown {
  for (let i = history.length - 1; i >= 0; i--) {
    const revision = history[i];
    if (revision && !revision.deleted) return revision.body;
  }
  return undefined;
}

/** Every evidence item ever made (a deleted one through its last live revision). */
export async function exhibits(vault: Vault): Promise<ExhibitInfo[]> {
  // From the store, not vault.list('blob'): files added since are not in the vault's list cache.
  const files = new Set(await vault.internals.store.listBlobs());
  const out: ExhibitInfo[] = [];
  for (const state of await vault.list('evidence')) {
    const body = state.deleted
      ? lastLiveBody(
          (await vault.history('evidence', state.id)).map((r) =>
            r.deleted ? { deleted: true } : { deleted: false, body: r.body },
          ),
        )
      : state.body;
    const parsed = parseBody('evidence', body);
    if (!parsed.ok) continue;
    const item = parsed.value as EvidenceItem;
    out.push({
      id: state.id,
      blobId: item.blobId,
      ref: item.exhibitRef,
      originalName: item.originalName,
      mediaType: item.mediaType,
      deleted: state.deleted,
      filePresent: files.has(item.blobId),
    });
  }
  return out;
}

// Exhibit numbers are handed out one at a time, so two intakes never get the same one.
let refQueue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = refQueue.then(task, task);
  refQueue = run.catch(() => undefined);
  return run;
}

const NAME_LIMIT = 255;

export async function intakeFile(
  vault: Vault,
  file: Blob,
  name: string,
  lastModified: number,
  request: IntakeRequest,
  ctx: LongCallContext,
): Promise<IntakeOutcome> {
  const initials = parseInitials(request.initials);
  if (!initials.ok) return { ok: false, reason: 'initials', message: initials.reason };
  const shownName = name.trim().slice(0, NAME_LIMIT) || 'Unnamed file';
  const space = await checkSpace(file.size, shownName);
  if (space) return { ok: false, reason: 'no-space', message: space };
  const cancelled: IntakeOutcome = {
    ok: false,
    reason: 'cancelled',
    message: `Adding "${shownName}" was cancelled. Nothing of it was kept.`,
  };

  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const sniffed = sniffMediaType(head, shownName);
  const metaLength = metadataBytesFor(sniffed.mediaType, file.size);
  // A buffer of its own, as it is handed over to the metadata worker.
  const metaBytes =
    metaLength <= head.length
      ? head.slice(0, metaLength)
      : new Uint8Array(await file.slice(0, metaLength).arrayBuffer());
  const modified =
    Number.isFinite(lastModified) && lastModified > 0
      ? new Date(lastModified).toISOString()
      : undefined;
  // exifr parses untrusted bytes: on its own thread, which holds no keys.
  const extraction = await readMetadataOffThread(
    modified === undefined
      ? { bytes: metaBytes, name: shownName }
      : { bytes: metaBytes, name: shownName, lastModified: modified },
    ctx.signal,
  );
  if (ctx.signal.aborted) return cancelled;

  const total = file.size;
  ctx.progress({ done: 0, total });
  let stored: FileInfo;
  const sealing = await browserSealing(total, ctx.signal);
  try {
    stored = await vault.addFile(filePieces(file, ctx.signal), {
      ...sealing.options,
      signal: ctx.signal,
      onProgress: sparseProgress(total, (done) => ctx.progress({ done, total })),
    });
  } catch (error) {
    if (ctx.signal.aborted) return cancelled;
    if (error instanceof StorageFullError) {
      return {
        ok: false,
        reason: 'no-space',
        message: `${error.message} "${shownName}" was not added.`,
      };
    }
    throw error;
  } finally {
    sealing.close();
  }

  try {
    const record = await oneAtATime(async () => {
      const used = (await exhibits(vault)).flatMap((e) => (e.ref ? [e.ref] : []));
      const ref = nextExhibitRef(initials.initials, used);
      const item: EvidenceItem = {
        schema: 1,
        id: newId(EvidenceIdSchema, browserRandom),
        blobId: stored.blobId as EvidenceItem['blobId'],
        sha256: stored.sha256,
        size: stored.size,
        mediaType: sniffed.mediaType,
        originalName: shownName,
        ...(modified !== undefined && { lastModified: modified }),
        intakeAt: new Date().toISOString(),
        source: request.source,
        ...(ref.ok && { exhibitRef: ref.ref }),
        incidents: [...request.incidents] as EvidenceItem['incidents'],
        ...(Object.keys(extraction.metadata).length > 0 && { extracted: extraction.metadata }),
      };
      const parsed = parseBody('evidence', item);
      if (!parsed.ok) throw new Error(parsed.message);
      return view(await vault.put('evidence', item.id, parsed.value));
    });
    return { ok: true, record, notes: [...extraction.notes] };
  } catch (error) {
    // A file with no record would be invisible: take it out again, in the log.
    await vault.purgeFile(stored.blobId, 'Its record could not be saved.').catch(() => undefined);
    throw error;
  }
}

/** Decrypts a stored file chunk by chunk into Blob parts (never one big buffer). */
export async function openFile(
  vault: Vault,
  blobId: string,
  mediaType: string,
  ctx: LongCallContext,
): Promise<Blob> {
  const manifest = await getManifest(vault, blobId);
  if (!manifest) throw new Error('The original file has been removed from this casebook.');
  const parts: Blob[] = [];
  let done = 0;
  ctx.progress({ done, total: manifest.size });
  for await (const piece of readFileChunks(vault, manifest)) {
    ctx.signal.throwIfAborted();
    parts.push(new Blob([piece as Uint8Array<ArrayBuffer>]));
    done += piece.length;
    ctx.progress({ done, total: manifest.size });
  }
  return new Blob(parts, { type: mediaType });
}

/** The audit log, oldest first, with the reason given for each deletion or removal. */
export async function auditEntries(vault: Vault): Promise<AuditEntryView[]> {
  const out: AuditEntryView[] = [];
  for (const entry of await vault.auditLog()) {
    let reason: string | undefined;
    if (entry.op === 'delete' || entry.op === 'purge-file') {
      const revision = (await vault.history(entry.kind, entry.id)).find((r) => r.rev === entry.rev);
      if (revision?.deleted) reason = revision.reason;
    }
    const { seq, time, op, kind, id, rev, sha256 } = entry;
    const detail = 'detail' in entry ? entry.detail : undefined;
    out.push({
      seq,
      time,
      op,
      kind,
      id,
      rev,
      sha256,
      ...(reason !== undefined && { reason }),
      ...(detail !== undefined && { detail }),
    });
  }
  return out;
}

/** Bytes [start, end] of a stored file, decrypting only the chunks they fall in. */
async function readRange(
  vault: Vault,
  manifest: FileManifest,
  start: number,
  end: number,
): Promise<Uint8Array> {
  const last = Math.min(end, manifest.size - 1);
  if (!(start >= 0 && start <= last)) return new Uint8Array(0);
  const out = new Uint8Array(last - start + 1);
  const first = Math.floor(start / manifest.chunkSize);
  let offset = first * manifest.chunkSize;
  for await (const piece of readFileChunks(
    vault,
    manifest,
    first,
    Math.floor(last / manifest.chunkSize),
  )) {
    const from = Math.max(start, offset);
    const to = Math.min(last + 1, offset + piece.length);
    if (to > from) out.set(piece.subarray(from - offset, to - offset), from - start);
    offset += piece.length;
  }
  return out;
}

/** Open range streams, closed on lock. */
const streams = new Set<MessagePort>();

export function closeStreams(): void {
  for (const port of streams) port.close();
  streams.clear();
}

export async function openStream(
  vault: () => Vault,
  blobId: string,
  port: MessagePort,
): Promise<{ size: number }> {
  const manifest = await getManifest(vault(), blobId);
  if (!manifest) throw new Error('The original file has been removed from this casebook.');
  streams.add(port);
  // A service worker that stopped takes its end with it; the page then re-opens the stream on
  // a new port. Chromium says so with 'close' (where it does not, lock still clears the set).
  port.addEventListener('close', () => streams.delete(port));
  port.onmessage = async (event: MessageEvent<{ start?: unknown; end?: unknown }>) => {
    const reply = event.ports[0];
    const { start, end } = event.data ?? {};
    if (!reply) return;
    try {
      if (typeof start !== 'number' || typeof end !== 'number') throw new Error('bad range');
      const bytes = await readRange(vault(), manifest, start, end);
      reply.postMessage({ bytes }, [bytes.buffer]);
    } catch {
      reply.postMessage({ error: true });
    }
    reply.close();
  };
  return { size: manifest.size };
}
