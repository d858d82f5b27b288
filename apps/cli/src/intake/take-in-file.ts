import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { EvidenceIdSchema, type EvidenceItem, migrate, newId, type Random } from '@casebook/core';
import {
  extractMetadata,
  metadataBytesFor,
  type Note,
  nextExhibitRef,
  SNIFF_BYTES,
  sniffMediaType,
} from '@casebook/importers';
import type { Vault } from '@casebook/vault';
import { nodeSha256 } from '../commands/verify';
import { nodeChunkCipher } from './node-seal';
import { threadSha256 } from './thread-sha256';

const MiB = 1024 * 1024;
const NAME_LIMIT = 255;
/** From this size the SHA-256 runs on its own thread (starting one costs tens of ms). */
const THREAD_HASH_FROM = 32 * MiB;
const nodeRandom: Random = { bytes: (n) => new Uint8Array(randomBytes(n)) };

/** One file taken in: what the person is shown. */
export interface TakenIn {
  readonly name: string;
  readonly exhibitRef: string | undefined;
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  readonly notes: readonly Note[];
}

/** The first `length` bytes of a file (a short file gives fewer). */
async function readPrefix(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await handle.read(out, done, length - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return out.subarray(0, done);
  } finally {
    await handle.close();
  }
}

/**
 * A file's bytes in pieces of up to 1 MiB, read ahead by one piece into two buffers that are
 * used again and again (no garbage for a 1 GiB file). A piece is only valid until the next is
 * asked for: encryptBlob copies each piece into its own chunk buffer before asking again.
 */
async function* fileBytes(path: string): AsyncGenerator<Uint8Array> {
  const handle = await open(path, 'r');
  const buffers = [new Uint8Array(MiB), new Uint8Array(MiB)];
  const read = (buffer: Uint8Array) =>
    handle.read(buffer, 0, buffer.length, null).then(({ bytesRead }) => ({ buffer, bytesRead }));
  let next = read(buffers[0] as Uint8Array);
  try {
    for (let turn = 1; ; turn++) {
      const { buffer, bytesRead } = await next;
      if (bytesRead === 0) return;
      // The other buffer was handed out last time and is free again: read into it meanwhile.
      next = read(buffers[turn % 2] as Uint8Array);
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    // A read still running when the intake stops (an error, a cancel) ends before the close.
    await next.catch(() => undefined);
    await handle.close();
  }
}

/**
 * Takes one file into an open vault as the web app's intake does: sniffs its type, reads its
 * metadata from a prefix, streams it in encrypted (node:crypto SHA-256 in the same pass), then
 * saves an EvidenceItem (source 'import') with the next exhibit reference. `usedRefs` is every
 * reference already given out, deleted items' too; the new one is added to it.
 */
export async function takeInFile(
  vault: Vault,
  path: string,
  file: { size: number; mtimeMs: number },
  initials: string,
  usedRefs: string[],
  onProgress?: (bytesIn: number) => void,
): Promise<TakenIn> {
  const { item, takenIn } = await storeFile(vault, path, file, initials, usedRefs, onProgress);
  await vault.put('evidence', item.id, item);
  return takenIn;
}

/**
 * As `takeInFile`, but leaves the EvidenceItem for the caller to save, so it can go into the
 * same commit as the records that point at it (an import's messages). Until that commit the
 * stored file belongs to nothing. The reference is counted as used at once.
 */
export async function storeFile(
  vault: Vault,
  path: string,
  file: { size: number; mtimeMs: number },
  initials: string,
  usedRefs: string[],
  onProgress?: (bytesIn: number) => void,
): Promise<{ item: EvidenceItem; takenIn: TakenIn }> {
  const name = basename(path).trim().slice(0, NAME_LIMIT) || 'Unnamed file';
  const head = await readPrefix(path, SNIFF_BYTES);
  const { mediaType } = sniffMediaType(head, name);
  const metaLength = metadataBytesFor(mediaType, file.size);
  const metaBytes =
    metaLength <= head.length ? head.subarray(0, metaLength) : await readPrefix(path, metaLength);
  const modified =
    Number.isFinite(file.mtimeMs) && file.mtimeMs > 0
      ? new Date(file.mtimeMs).toISOString()
      : undefined;
  const extraction = await extractMetadata(
    metaBytes,
    modified === undefined ? { name } : { name, lastModified: modified },
  );

  const stored = await vault.addFile(fileBytes(path), {
    hasher: file.size >= THREAD_HASH_FROM ? threadSha256 : nodeSha256,
    // node:crypto's HKDF and AES-256-GCM, the same bytes as WebCrypto's. Its AES took the
    // intake of 1 GiB from 1.86–2.68 to 1.65–1.71 s (bench/README.md, 2026-12-03, when the key
    // was WebCrypto's HKDF key as a KeyObject; HKDF runs once a file, so that is unchanged).
    cipher: nodeChunkCipher,
    ...(onProgress !== undefined && { onProgress }),
  });
  const ref = nextExhibitRef(initials, usedRefs);
  const item: EvidenceItem = {
    schema: 1,
    id: newId(EvidenceIdSchema, nodeRandom),
    blobId: stored.blobId as EvidenceItem['blobId'],
    sha256: stored.sha256,
    size: stored.size,
    mediaType,
    originalName: name,
    ...(modified !== undefined && { lastModified: modified }),
    intakeAt: new Date().toISOString(),
    source: 'import',
    ...(ref.ok && { exhibitRef: ref.ref }),
    incidents: [],
    ...(Object.keys(extraction.metadata).length > 0 && { extracted: extraction.metadata }),
  };
  // Zod at the boundary, as the web app's parseBody does: a bad record is a bug, never saved.
  const checked = migrate('evidence', item);
  if (!checked.ok) throw new Error(checked.reason);
  if (ref.ok) usedRefs.push(ref.ref);
  return {
    item: checked.value,
    takenIn: {
      name,
      exhibitRef: ref.ok ? ref.ref : undefined,
      sha256: stored.sha256,
      size: stored.size,
      mediaType,
      notes: extraction.notes,
    },
  };
}

/** Every exhibit reference ever given out in this vault, deleted items' included. */
export async function usedExhibitRefs(vault: Vault): Promise<string[]> {
  const refs = new Set<string>();
  for (const state of await vault.list('evidence')) {
    for (const revision of await vault.history('evidence', state.id)) {
      if (revision.deleted) continue;
      const ref = (revision.body as { exhibitRef?: unknown } | null)?.exhibitRef;
      if (typeof ref === 'string') refs.add(ref);
    }
  }
  return [...refs];
}
