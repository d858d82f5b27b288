import { base64url } from '@casebook/core';
import { z } from 'zod';
import type { ChunkCipher } from './blob/blob-cipher';
import { requireBlobHeader } from './blob/blob-header';
import type { ByteSource } from './blob/byte-source';
import type { ChunkSealer } from './blob/chunk-cipher';
import { chunkLayout } from './blob/chunk-layout';
import { decryptChunk } from './blob/decrypt-stream';
import { encryptBlob } from './blob/encrypt-stream';
import { derivePayloadKey } from './blob/payload-key';
import {
  nobleSha256,
  type PipelinedSha256HasherFactory,
  type Sha256HasherFactory,
} from './blob/sha256-hasher';
import { unpadChunk } from './blob/unpad-chunk';
import { fromBase64, toBase64, toHex } from './encoding';
import { sealEnvelope } from './envelope';
import { VaultIntegrityError } from './errors';
import { getSodium } from './sodium';
import type { Envelope, Hex } from './types';
import type { HasInternals } from './vault-internals';

export const BLOB_KIND = 'blob';

/**
 * 4 chunks (4 MiB) per durable write, with one write in flight while the next batch is read,
 * hashed and encrypted: far fewer flushes than a write a chunk, two batches held at most.
 * (Two writes in flight measured no faster in Chromium and grew memory by another 10 MiB.)
 */
export const CHUNKS_PER_WRITE = 4;
export const WRITES_IN_FLIGHT = 1;

/** A file's manifest, kept as a record of kind 'blob': the DEK lives here, under the case key. */
export const FileManifestSchema = z.object({
  blobId: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  dek: z.string(),
  header: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  chunkSize: z.number().int().positive(),
  chunkCount: z.number().int().positive(),
});
export type FileManifest = z.infer<typeof FileManifestSchema>;

/** What callers see of a stored file; never the key. */
export interface FileInfo {
  readonly blobId: string;
  readonly sha256: Hex;
  readonly size: number;
  readonly chunkCount: number;
}

export interface AddFileOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (bytesIn: number) => void;
  readonly hasher?: PipelinedSha256HasherFactory;
  /** How chunks are sealed under WebCrypto's key; `sealChunk` unless given (see `blob.ChunkSealer`). */
  readonly sealer?: ChunkSealer;
  /** Another backend for the payload key and its AES-256-GCM (see `blob.ChunkCipher`); not with `sealer`. */
  readonly cipher?: ChunkCipher;
  /** Chunks sealed at once (see `blob.EncryptBlobOptions.sealAhead`); 1 unless given. */
  readonly sealAhead?: number;
  /** 1 MiB unless given; the browser uses 512 KiB (apps/web evidence-ops), tests use small chunks. */
  readonly chunkSize?: number;
}

/**
 * A file whose chunks are stored but not yet part of the vault: its manifest is sealed and
 * waits to be committed with other records (`Vault.createMany(items, { files })`), so the
 * file and the records that point at it land in one commit or not at all. Until then a
 * crash, a lock or a reload leaves only uncommitted chunks, which the next unlock sweeps.
 */
export interface StagedFile {
  readonly info: FileInfo;
  /** The sealed manifest record (kind 'blob'); holds the file key under the case key. */
  readonly envelope: Envelope;
}

/**
 * Takes a file in as evidence: encrypts it chunk by chunk into the store (uncommitted), then
 * writes its manifest and 'add-file' log entry in one commit. Cancelled or failed intake
 * leaves nothing behind; a crash leaves uncommitted chunks that the next unlock sweeps.
 */
export async function addFile(
  vault: HasInternals,
  source: ByteSource,
  options: AddFileOptions = {},
): Promise<FileInfo> {
  const staged = await stageFile(vault, source, options);
  const { info, envelope } = staged;
  try {
    await vault.internals.append('add-file', BLOB_KIND, info.blobId, 1, info.sha256, {
      envelopes: [envelope],
      commitBlobs: [info.blobId],
    });
  } catch (error) {
    await discardStagedFile(vault, staged);
    throw error;
  }
  return info;
}

/** Lets go of a staged file that will not be committed (its chunks are removed). */
export async function discardStagedFile(vault: HasInternals, staged: StagedFile): Promise<void> {
  await vault.internals.store.discardBlob(staged.info.blobId);
}

/**
 * Encrypts a file chunk by chunk into the store, uncommitted, and seals its manifest; commits
 * nothing. A cancel or an error removes the chunks again.
 */
export async function stageFile(
  vault: HasInternals,
  source: ByteSource,
  options: AddFileOptions = {},
): Promise<StagedFile> {
  const sodium = await getSodium();
  const { store } = vault.internals;
  const blobIdBytes = sodium.randombytes_buf(16);
  // Same id format as every other Casebook id, so EvidenceItem.blobId can hold it.
  const blobId = base64url(blobIdBytes);
  const dek = sodium.randombytes_buf(32);
  let header: Uint8Array | undefined;
  // Chunks go to storage a few at a time: each durable write costs a flush to disk. Up to
  // WRITES_IN_FLIGHT writes run while the next batch is encrypted; a failed write surfaces
  // at the next flush.
  const pending: { index: number; bytes: Uint8Array }[] = [];
  const writes: Promise<void>[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    while (writes.length >= WRITES_IN_FLIGHT) await writes.shift();
    const write = store.putChunks(blobId, pending.splice(0));
    // Handled when awaited; this only keeps an abandoned intake from an unhandled rejection.
    write.catch(() => undefined);
    writes.push(write);
  };
  const drain = async () => {
    await flush();
    while (writes.length > 0) await writes.shift();
  };
  try {
    for await (const item of encryptBlob(source, {
      dek,
      blobId: blobIdBytes,
      ...(options.chunkSize !== undefined && { chunkSize: options.chunkSize }),
      ...(options.signal !== undefined && { signal: options.signal }),
      ...(options.onProgress !== undefined && { onProgress: options.onProgress }),
      ...(options.hasher !== undefined && { hasher: options.hasher }),
      ...(options.sealer !== undefined && { sealer: options.sealer }),
      ...(options.cipher !== undefined && { cipher: options.cipher }),
      ...(options.sealAhead !== undefined && { sealAhead: options.sealAhead }),
    })) {
      if (item.type === 'header') header = item.header;
      else if (item.type === 'chunk') {
        pending.push({ index: item.index, bytes: item.chunk });
        if (pending.length >= CHUNKS_PER_WRITE) await flush();
      } else {
        await drain();
        if (!header) throw new Error('encryptBlob yielded no header');
        const manifest: FileManifest = {
          blobId,
          dek: toBase64(dek),
          header: toBase64(header),
          sha256: item.sha256,
          size: item.size,
          chunkSize: requireBlobHeader(header).chunkSize,
          chunkCount: item.chunkCount,
        };
        const { keys, now } = vault.internals;
        const { envelope } = await sealEnvelope(keys.ck, BLOB_KIND, blobId, 1, {
          at: now(),
          deleted: false,
          body: manifest,
        });
        const info = { blobId, sha256: item.sha256, size: item.size, chunkCount: item.chunkCount };
        return { info, envelope };
      }
    }
    throw new Error('encryptBlob ended without a digest');
  } catch (error) {
    // Writes still running must end before their chunks are discarded.
    await Promise.allSettled(writes);
    await store.discardBlob(blobId);
    throw error;
  } finally {
    sodium.memzero(dek);
  }
}

export async function getManifest(
  vault: HasInternals,
  blobId: string,
): Promise<FileManifest | undefined> {
  const state = await vault.internals.get(BLOB_KIND, blobId);
  if (!state || state.deleted) return undefined;
  const parsed = FileManifestSchema.safeParse(state.body);
  if (!parsed.success)
    throw new VaultIntegrityError(`The record of file ${blobId.slice(0, 8)} is damaged.`);
  return parsed.data;
}

/** Decrypts chunks [first, last] of a stored file, in order, one at a time. */
export async function* readFileChunks(
  vault: HasInternals,
  manifest: FileManifest,
  first = 0,
  last = manifest.chunkCount - 1,
): AsyncGenerator<Uint8Array> {
  const { store } = vault.internals;
  const header = fromBase64(manifest.header);
  const dek = fromBase64(manifest.dek);
  if (!header || !dek)
    throw new VaultIntegrityError(`The record of file ${manifest.blobId.slice(0, 8)} is damaged.`);
  const parsed = requireBlobHeader(header);
  // v2 pads the stored plaintext (sizes hidden): the layout says which bytes are the file's.
  const layout = chunkLayout(manifest.size, manifest.chunkSize, parsed.version);
  if (layout.count !== manifest.chunkCount) {
    throw new VaultIntegrityError(`The record of file ${manifest.blobId.slice(0, 8)} is damaged.`);
  }
  // Derive the payload key once for the whole read, not once a chunk.
  const key = await derivePayloadKey(dek, parsed.salt, parsed.version);
  for (let index = first; index <= last; index++) {
    const ct = await store.getChunk(manifest.blobId, index);
    if (!ct) {
      throw new VaultIntegrityError(
        `Part ${index + 1} of file ${manifest.blobId.slice(0, 8)} is missing.`,
      );
    }
    const plain = await decryptChunk(header, index, ct, index === manifest.chunkCount - 1, key);
    yield unpadChunk(layout, index, plain);
  }
}

/** The whole plaintext of a stored file, as a stream. */
export async function* readFile(vault: HasInternals, blobId: string): AsyncGenerator<Uint8Array> {
  const manifest = await getManifest(vault, blobId);
  if (!manifest) throw new Error(`No file ${blobId}`);
  yield* readFileChunks(vault, manifest);
}

/** Recomputes a stored file's SHA-256 by decrypting it; throws if any chunk fails. */
export async function hashStoredFile(
  vault: HasInternals,
  manifest: FileManifest,
  hasher: Sha256HasherFactory = nobleSha256,
): Promise<Hex> {
  const count = await vault.internals.store.countChunks(manifest.blobId);
  if (count !== manifest.chunkCount) {
    throw new VaultIntegrityError(
      `File ${manifest.blobId.slice(0, 8)} has ${count} of its ${manifest.chunkCount} parts.`,
    );
  }
  const hash = hasher();
  for await (const piece of readFileChunks(vault, manifest)) hash.update(piece);
  return toHex(hash.digest());
}

/** Deletes a file's record (tombstone with reason) and removes its bytes, in one logged commit. */
export async function purgeFile(
  vault: HasInternals,
  blobId: string,
  reason: string,
): Promise<void> {
  const state = await vault.internals.get(BLOB_KIND, blobId);
  if (!state || state.deleted) return;
  const { keys, append, now } = vault.internals;
  const rev = state.rev + 1;
  const { envelope, canonical } = await sealEnvelope(keys.ck, BLOB_KIND, blobId, rev, {
    at: now(),
    deleted: true,
    reason,
  });
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', canonical as Uint8Array<ArrayBuffer>),
  );
  await append('purge-file', BLOB_KIND, blobId, rev, toHex(digest), {
    envelopes: [envelope],
    purgeBlobs: [blobId],
  });
  vault.internals.forget(BLOB_KIND, blobId);
}
