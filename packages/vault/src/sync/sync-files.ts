/**
 * Evidence files through sync (apps/server/PROTOCOL.md, "Chunks"). A file's chunks are sent
 * exactly as the store holds them (STREAM ciphertext under the file's own key: nothing is
 * decrypted or encrypted again), one server object per chunk, before the envelope of the
 * entry that added the file; its manifest travels in that envelope as any record does.
 *
 * Chunk ids are a keyed hash (BLAKE2b) of (file id, chunk number) under a key derived from the
 * case key: the same chunk gets the same id on every retry and in every later run (so an
 * interrupted upload resumes by asking `chunks/missing`), any device of the casebook can work
 * out the ids from the manifest, and to the server they are random: without the case key it
 * cannot tell which chunks belong to one file, in what order, or match them to a local id.
 *
 * A received file is taken only whole: every chunk fetched, opened under the file's key (its
 * tag checks it) and the whole plaintext hashed against the digest the signed entry names,
 * each chunk stored uncommitted as it arrives, committed with the entry (or swept at unlock).
 * Both ways a few chunk requests are in flight at once, never more (in-flight.ts).
 */
import { base64url } from '@casebook/core';
import { requireBlobHeader } from '../blob/blob-header';
import { chunkLayout } from '../blob/chunk-layout';
import { decryptChunk } from '../blob/decrypt-stream';
import { derivePayloadKey } from '../blob/payload-key';
import { nobleSha256, type Sha256HasherFactory } from '../blob/sha256-hasher';
import { unpadChunk } from '../blob/unpad-chunk';
import { fromBase64, toHex, utf8 } from '../encoding';
import { openEnvelope } from '../envelope';
import { BLOB_KIND, type FileManifest, FileManifestSchema } from '../files';
import { getSodium } from '../sodium';
import type { Envelope } from '../types';
import type { VaultInternals } from '../vault-internals';
import { CHUNKS_IN_FLIGHT, eachAtMost, inFlightLimit, inOrderAtMost } from './in-flight';

const CHUNK_KEY_DOMAIN = 'casebook-sync-chunk-key-v1';
/** 24 bytes: the protocol takes 16-48. */
const CHUNK_ID_BYTES = 24;

/** What the chunk transfers need of the server (SyncClient's putChunk/getChunk/missingChunks). */
export interface ChunkServerPort {
  putChunk(
    id: string,
    bytes: Uint8Array,
  ): Promise<{ ok: true } | { ok: false; code: string; message: string }>;
  getChunk(
    id: string,
  ): Promise<{ ok: true; value: Uint8Array } | { ok: false; code: string; message: string }>;
  missingChunks(
    ids: readonly string[],
  ): Promise<{ ok: true; value: string[] } | { ok: false; code: string; message: string }>;
}

/** The server ids of a file's chunks, in order. */
export async function chunkIds(ck: Uint8Array, blobId: string, count: number): Promise<string[]> {
  const sodium = await getSodium();
  const key = sodium.crypto_generichash(32, utf8(CHUNK_KEY_DOMAIN), ck);
  try {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      ids.push(
        base64url(sodium.crypto_generichash(CHUNK_ID_BYTES, utf8(`${blobId}\u0000${index}`), key)),
      );
    }
    return ids;
  } finally {
    sodium.memzero(key);
  }
}

/** The manifest a file entry's record carries, if it opens and parses. */
export async function manifestOf(
  ck: Uint8Array,
  envelope: Envelope | undefined,
): Promise<FileManifest | undefined> {
  if (!envelope || envelope.kind !== BLOB_KIND) return undefined;
  const opened = await openEnvelope(ck, envelope);
  const state = opened?.value as { deleted?: unknown; body?: unknown } | undefined;
  if (state?.deleted !== false) return undefined;
  const parsed = FileManifestSchema.safeParse(state.body);
  return parsed.success && parsed.data.blobId === envelope.id ? parsed.data : undefined;
}

export interface UploadCount {
  /** Chunks the server lacked and was sent. */
  readonly put: number;
  /** Chunks it held already (an earlier, interrupted upload). */
  readonly had: number;
}

/**
 * Sends the chunks of these files the server lacks, as stored, a few at a time (`inFlight`,
 * in-flight.ts), after one `chunks/missing` for all of them (in pages of 1,000 ids). A file
 * whose chunks this casebook no longer holds (purged since) is skipped: its purge travels after
 * it. A dropped connection is tried once more, chunk by chunk.
 */
export async function uploadFiles(
  internals: VaultInternals,
  server: ChunkServerPort,
  manifests: readonly FileManifest[],
  inFlight: number = CHUNKS_IN_FLIGHT,
): Promise<{ ok: true; value: UploadCount } | { ok: false; message: string }> {
  const { store, keys } = internals;
  const parts: { blobId: string; index: number; id: string }[] = [];
  for (const manifest of manifests) {
    if ((await store.countChunks(manifest.blobId)) === 0) continue;
    const ids = await chunkIds(keys.ck, manifest.blobId, manifest.chunkCount);
    ids.forEach((id, index) => {
      parts.push({ blobId: manifest.blobId, index, id });
    });
  }
  if (parts.length === 0) return { ok: true, value: { put: 0, had: 0 } };
  const missing = await server.missingChunks(parts.map((p) => p.id));
  if (!missing.ok) return { ok: false, message: missing.message };
  const lacks = new Set(missing.value);
  const toSend = parts.filter((p) => lacks.has(p.id));
  let put = 0;
  const failure = await eachAtMost(
    toSend,
    inFlightLimit(inFlight),
    async ({ blobId, index, id }) => {
      const bytes = await store.getChunk(blobId, index);
      if (!bytes) {
        return `Part ${index + 1} of a file is missing from this casebook, so it was not sent. Run "casebook verify".`;
      }
      let answer = await server.putChunk(id, bytes);
      if (!answer.ok && answer.code === 'offline') answer = await server.putChunk(id, bytes);
      if (!answer.ok) return answer.message;
      put += 1;
      return undefined;
    },
  );
  if (failure !== undefined) return { ok: false, message: failure };
  return { ok: true, value: { put, had: parts.length - toSend.length } };
}

/**
 * The files this casebook holds whole (committed, not purged), but for `except`: what it offers
 * the server again, since any device's copy of a chunk is the same bytes under the same id.
 */
export async function heldFiles(
  internals: VaultInternals,
  except: ReadonlySet<string>,
): Promise<FileManifest[]> {
  const manifests: FileManifest[] = [];
  for (const blobId of await internals.store.listBlobs()) {
    if (except.has(blobId)) continue;
    const state = await internals.get(BLOB_KIND, blobId).catch(() => undefined);
    const parsed = state && !state.deleted ? FileManifestSchema.safeParse(state.body) : undefined;
    if (parsed?.success && parsed.data.blobId === blobId) manifests.push(parsed.data);
  }
  return manifests;
}

export type FetchedFile =
  | { readonly ok: true; readonly chunks: number }
  | { readonly ok: false; readonly message: string };

/**
 * Fetches one file's chunks, checks each (its tag, under the file's key) and the whole (the
 * digest its signed entry names), storing each chunk uncommitted as it comes. On any failure
 * the chunks stored so far are discarded and the message says plainly what was wrong.
 */
export async function fetchFile(
  internals: VaultInternals,
  server: ChunkServerPort,
  manifest: FileManifest,
  digest: string,
  inFlight: number = CHUNKS_IN_FLIGHT,
  hasher: Sha256HasherFactory = nobleSha256,
): Promise<FetchedFile> {
  const { store, keys } = internals;
  const name = `A file added on another device`;
  const header = fromBase64(manifest.header);
  const dek = fromBase64(manifest.dek);
  if (!header || !dek || manifest.sha256 !== digest) {
    return { ok: false, message: `${name} has a damaged record.` };
  }
  const parsed = requireBlobHeader(header);
  const layout = chunkLayout(manifest.size, manifest.chunkSize, parsed.version);
  if (layout.count !== manifest.chunkCount) {
    return { ok: false, message: `${name} has a damaged record.` };
  }
  const key = await derivePayloadKey(dek, parsed.salt, parsed.version);
  const ids = await chunkIds(keys.ck, manifest.blobId, manifest.chunkCount);
  const hash = hasher();
  const refuse = async (message: string): Promise<FetchedFile> => {
    await store.discardBlob(manifest.blobId);
    return { ok: false, message };
  };
  // A few requests ahead of the one being checked, each answer taken in order: the STREAM
  // hash runs over the plaintext in order, and at most `inFlight` chunks are held at once.
  const last = ids.length - 1;
  const failure = await inOrderAtMost(
    ids.length,
    inFlightLimit(inFlight),
    async (index) => {
      const id = ids[index] as string;
      const got = await server.getChunk(id);
      return !got.ok && got.code === 'offline' ? server.getChunk(id) : got;
    },
    async (got, index) => {
      if (!got.ok) {
        const what =
          got.code === 'damaged'
            ? 'is damaged on the server'
            : got.code === 'not-found'
              ? 'is not on the server'
              : `could not be fetched (${got.message})`;
        return `${name}: part ${index + 1} of ${ids.length} ${what}.`;
      }
      let plain: Uint8Array;
      try {
        plain = unpadChunk(
          layout,
          index,
          await decryptChunk(header, index, got.value, index === last, key),
        );
      } catch {
        return `${name}: part ${index + 1} of ${ids.length} on the server does not check out (it is damaged or not this file’s).`;
      }
      hash.update(plain);
      await store.putChunk(manifest.blobId, index, got.value);
      return undefined;
    },
  );
  if (failure !== undefined) return refuse(failure);
  if (toHex(hash.digest()) !== digest) {
    return refuse(`${name} does not match the digest its signed log entry names.`);
  }
  return { ok: true, chunks: ids.length };
}
