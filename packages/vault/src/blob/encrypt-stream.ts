import type { Hex } from '../types';
import {
  BLOB_ID_LENGTH,
  BLOB_SALT_LENGTH,
  DEFAULT_CHUNK_SIZE,
  encodeBlobHeader,
  isValidChunkSize,
  MAX_CHUNK_SIZE,
} from './blob-header';
import { type ByteSource, readPieces } from './byte-source';
import { sealChunk } from './chunk-cipher';
import { derivePayloadKey } from './payload-key';
import { nobleSha256, type PipelinedSha256HasherFactory, toHex } from './sha256-hasher';

export interface EncryptBlobOptions {
  /** The file's data encryption key, 32 bytes. */
  readonly dek: Uint8Array;
  /** 16 bytes; bound into every chunk through the header. */
  readonly blobId: Uint8Array;
  /** Plaintext bytes per chunk; 1 MiB unless a test asks for less. */
  readonly chunkSize?: number;
  /** Source of the salt; `crypto.getRandomValues` unless a golden vector needs it fixed. */
  readonly random?: (length: number) => Uint8Array;
  /** Incremental SHA-256 to use (a plain one or one on another thread); `@noble/hashes` unless given. */
  readonly hasher?: PipelinedSha256HasherFactory;
  /** Checked between input pieces and before every output item. */
  readonly signal?: AbortSignal;
  /** Called after each input piece with the plaintext bytes read so far. */
  readonly onProgress?: (bytesIn: number) => void;
}

export type EncryptedBlobItem =
  | { readonly type: 'header'; readonly header: Uint8Array }
  | { readonly type: 'chunk'; readonly index: number; readonly chunk: Uint8Array }
  | {
      readonly type: 'end';
      readonly sha256: Hex;
      readonly size: number;
      readonly chunkCount: number;
    };

/**
 * Encrypts a file as evidence format v1 (STREAM, AES-256-GCM) in one pass, computing the
 * plaintext SHA-256 on the way. Yields the header, then each encrypted chunk in order, then
 * an 'end' item with the digest, the plaintext size and the chunk count.
 * Holds about two chunks in memory, whatever the size of the input pieces.
 */
export async function* encryptBlob(
  source: ByteSource,
  opts: EncryptBlobOptions,
): AsyncGenerator<EncryptedBlobItem, void, undefined> {
  const { signal, onProgress } = opts;
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!isValidChunkSize(chunkSize)) {
    throw new RangeError(`chunk size must be an integer in 1..${MAX_CHUNK_SIZE}`);
  }
  if (opts.blobId.length !== BLOB_ID_LENGTH) {
    throw new RangeError(`blob id must be ${BLOB_ID_LENGTH} bytes`);
  }
  const salt = (opts.random ?? randomBytes)(BLOB_SALT_LENGTH);
  if (salt.length !== BLOB_SALT_LENGTH) throw new RangeError('random returned the wrong length');

  const header = encodeBlobHeader({ version: 1, chunkSize, blobId: opts.blobId, salt });
  const key = await derivePayloadKey(opts.dek, salt);
  const hash = (opts.hasher ?? nobleSha256)();
  signal?.throwIfAborted();
  yield { type: 'header', header };

  // One chunk is encrypted (off the main thread in Node) while the next is read and hashed.
  let inFlight: { index: number; ciphertext: Promise<Uint8Array> } | undefined;
  const seal = (index: number, plaintext: Uint8Array) => {
    const ciphertext = sealChunk(key, header, index, plaintext, false);
    // Handled when awaited; this only keeps an abandoned run from an unhandled rejection.
    ciphertext.catch(() => undefined);
    return { index, ciphertext };
  };

  const buffer = new Uint8Array(chunkSize);
  let fill = 0;
  let nextIndex = 0;
  let size = 0;
  // Whole chunks are hashed, in order, just before they are sealed: the digest covers exactly
  // the bytes encrypted, and a hasher on another thread gets one message a chunk.
  const hashChunk = async (plaintext: Uint8Array) => {
    const wait = hash.update(plaintext);
    if (isPromiseLike(wait)) await wait;
  };
  for await (const piece of readPieces(source)) {
    signal?.throwIfAborted();
    if (piece.length === 0) continue;
    size += piece.length;
    onProgress?.(size);
    let offset = 0;
    while (offset < piece.length) {
      if (fill === chunkSize) {
        // More bytes follow, so the full buffer is not the last chunk.
        if (inFlight) {
          const done = inFlight;
          yield { type: 'chunk', index: done.index, chunk: await done.ciphertext };
          signal?.throwIfAborted();
        }
        // The hasher and WebCrypto both copy their input when called, so the buffer is free
        // to refill at once.
        await hashChunk(buffer);
        inFlight = seal(nextIndex++, buffer);
        fill = 0;
      }
      const n = Math.min(chunkSize - fill, piece.length - offset);
      buffer.set(piece.subarray(offset, offset + n), fill);
      fill += n;
      offset += n;
    }
  }
  // A source cancelled by the abort may end early: never seal a truncated file as whole.
  signal?.throwIfAborted();
  if (inFlight) {
    const done = inFlight;
    yield { type: 'chunk', index: done.index, chunk: await done.ciphertext };
    signal?.throwIfAborted();
  }
  const lastIndex = nextIndex;
  await hashChunk(buffer.subarray(0, fill));
  const last = await sealChunk(key, header, lastIndex, buffer.subarray(0, fill), true);
  yield { type: 'chunk', index: lastIndex, chunk: last };
  yield { type: 'end', sha256: toHex(await hash.digest()), size, chunkCount: lastIndex + 1 };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}
