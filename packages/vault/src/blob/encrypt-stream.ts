import type { Hex } from '../types';
import type { BlobCipher, ChunkCipher } from './blob-cipher';
import {
  BLOB_ID_LENGTH,
  BLOB_SALT_LENGTH,
  BLOB_VERSION,
  type BlobVersion,
  DEFAULT_CHUNK_SIZE,
  encodeBlobHeader,
  isBlobVersion,
  isValidChunkSize,
  MAX_CHUNK_SIZE,
} from './blob-header';
import type { ByteSource } from './byte-source';
import { type ChunkSealer, sealChunk } from './chunk-cipher';
import { paddedPieces } from './padded-pieces';
import { derivePayloadKey } from './payload-key';
import { nobleSha256, type PipelinedSha256HasherFactory, toHex } from './sha256-hasher';

export interface EncryptBlobOptions {
  /** The file's data encryption key, 32 bytes. */
  readonly dek: Uint8Array;
  /** 16 bytes; bound into every chunk through the header. */
  readonly blobId: Uint8Array;
  /** Plaintext bytes per chunk; 1 MiB unless a test asks for less. */
  readonly chunkSize?: number;
  /**
   * Format version to write: 2 (the default) pads the file so its exact size does not show;
   * 1 writes the original format, byte for byte, for golden tests and old readers.
   */
  readonly version?: BlobVersion;
  /** Source of the salt; `crypto.getRandomValues` unless a golden vector needs it fixed. */
  readonly random?: (length: number) => Uint8Array;
  /** Incremental SHA-256 to use (a plain one or one on another thread); `@noble/hashes` unless given. */
  readonly hasher?: PipelinedSha256HasherFactory;
  /**
   * How each chunk is encrypted under WebCrypto's payload key (`sealChunk` unless given; see
   * `ChunkSealer`). Not with `cipher`.
   */
  readonly sealer?: ChunkSealer;
  /**
   * Another backend for the payload key and its AES-256-GCM, e.g. node:crypto's in the CLI (see
   * `ChunkCipher`); the same bytes as WebCrypto's. Not with `sealer`.
   */
  readonly cipher?: ChunkCipher;
  /**
   * Chunks being sealed at once, 1 unless given (at most 8). More only help a sealer that
   * works on more than one thread (the web intake's, which sends a chunk to its hash thread
   * whenever that thread has none in hand); each one in flight holds a chunk of ciphertext.
   */
  readonly sealAhead?: number;
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
      /** SHA-256 of the file's bytes (never of the padding). */
      readonly sha256: Hex;
      /** The file's true size: keep it in the manifest, v2 readers need it. */
      readonly size: number;
      /** Chunks written, over the padded length in v2 (see `storedChunkCount`). */
      readonly chunkCount: number;
    };

/**
 * Encrypts a file as evidence format v2 (or v1 if asked) in one pass: STREAM over AES-256-GCM,
 * computing the file's SHA-256 on the way. v2 appends zero bytes after the source ends, up to
 * `paddedLength(size)`. Yields the header, then each encrypted chunk in order, then an 'end'
 * item with the digest, the true size and the chunk count.
 * Holds about `sealAhead` + 2 chunks in memory (the one being filled, those in flight, the one
 * being yielded), plus what the hasher queues, whatever the size of the input pieces or the padding.
 */
export async function* encryptBlob(
  source: ByteSource,
  opts: EncryptBlobOptions,
): AsyncGenerator<EncryptedBlobItem, void, undefined> {
  const { signal, onProgress } = opts;
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const version = opts.version ?? BLOB_VERSION;
  if (!isBlobVersion(version)) throw new RangeError(`blob version ${version} cannot be written`);
  if (!isValidChunkSize(chunkSize)) {
    throw new RangeError(`chunk size must be an integer in 1..${MAX_CHUNK_SIZE}`);
  }
  if (opts.blobId.length !== BLOB_ID_LENGTH) {
    throw new RangeError(`blob id must be ${BLOB_ID_LENGTH} bytes`);
  }
  const salt = (opts.random ?? randomBytes)(BLOB_SALT_LENGTH);
  if (salt.length !== BLOB_SALT_LENGTH) throw new RangeError('random returned the wrong length');

  const header = encodeBlobHeader({ version, chunkSize, blobId: opts.blobId, salt });
  const cipher = await blobCipher(opts, salt, version);
  const hash = (opts.hasher ?? nobleSha256)();
  signal?.throwIfAborted();
  yield { type: 'header', header };

  // `sealAhead` chunks are encrypted (off this thread where the sealer can) while the next is
  // read and hashed; they are yielded in order.
  const sealAhead = opts.sealAhead ?? 1;
  if (!Number.isInteger(sealAhead) || sealAhead < 1 || sealAhead > MAX_SEAL_AHEAD) {
    throw new RangeError(`sealAhead must be an integer in 1..${MAX_SEAL_AHEAD}`);
  }
  const inFlight: { index: number; ciphertext: Promise<Uint8Array> }[] = [];
  const seal = (index: number, plaintext: Uint8Array) => {
    // A synchronous sealer's throw becomes this chunk's rejection, as WebCrypto's would.
    const ciphertext = new Promise<Uint8Array>((resolve) =>
      resolve(cipher.seal(header, index, plaintext, false)),
    );
    // Handled when awaited; this only keeps an abandoned run from an unhandled rejection.
    ciphertext.catch(() => undefined);
    return { index, ciphertext };
  };

  const buffer = new Uint8Array(chunkSize);
  let fill = 0;
  // The file's bytes in `buffer` are [0, dataFill); padding only ever follows them.
  let dataFill = 0;
  let nextIndex = 0;
  let size = 0;
  // Whole chunks are hashed, in order, just before they are sealed: the digest covers exactly
  // the file's bytes encrypted, and a hasher on another thread gets one message a chunk.
  // Padding is not the file's, so it is not hashed (and a chunk of only padding sends nothing).
  const hashChunk = async (plaintext: Uint8Array) => {
    if (plaintext.length === 0) return;
    const wait = hash.update(plaintext);
    if (isPromiseLike(wait)) await wait;
  };
  for await (const { piece, padding } of paddedPieces(source, version, chunkSize, signal)) {
    signal?.throwIfAborted();
    if (piece.length === 0) continue;
    if (!padding) {
      size += piece.length;
      onProgress?.(size);
    }
    let offset = 0;
    while (offset < piece.length) {
      if (fill === chunkSize) {
        // More bytes follow, so the full buffer is not the last chunk.
        while (inFlight.length >= sealAhead) {
          const done = inFlight.shift() as (typeof inFlight)[number];
          yield { type: 'chunk', index: done.index, chunk: await done.ciphertext };
          signal?.throwIfAborted();
        }
        // The hasher and the sealers copy their input when called, so the buffer is free to
        // refill at once.
        await hashChunk(buffer.subarray(0, dataFill));
        inFlight.push(seal(nextIndex++, buffer));
        fill = 0;
        dataFill = 0;
      }
      const n = Math.min(chunkSize - fill, piece.length - offset);
      buffer.set(piece.subarray(offset, offset + n), fill);
      fill += n;
      if (!padding) dataFill = fill;
      offset += n;
    }
  }
  // A source cancelled by the abort may end early: never seal a truncated file as whole.
  signal?.throwIfAborted();
  for (let done = inFlight.shift(); done !== undefined; done = inFlight.shift()) {
    yield { type: 'chunk', index: done.index, chunk: await done.ciphertext };
    signal?.throwIfAborted();
  }
  const lastIndex = nextIndex;
  await hashChunk(buffer.subarray(0, dataFill));
  const last = await cipher.seal(header, lastIndex, buffer.subarray(0, fill), true);
  yield { type: 'chunk', index: lastIndex, chunk: last };
  yield { type: 'end', sha256: toHex(await hash.digest()), size, chunkCount: lastIndex + 1 };
}

/** The blob's payload key with what seals under it: `cipher`'s, or WebCrypto's with `sealer`. */
async function blobCipher(
  opts: EncryptBlobOptions,
  salt: Uint8Array,
  version: BlobVersion,
): Promise<Pick<BlobCipher, 'seal'>> {
  if (opts.cipher !== undefined) {
    // A sealer takes WebCrypto's key, which a cipher of another backend never makes.
    if (opts.sealer !== undefined) throw new RangeError('pass a sealer or a cipher, not both');
    return opts.cipher.forBlob(opts.dek, salt, version);
  }
  const key = await derivePayloadKey(opts.dek, salt, version);
  const sealer = opts.sealer ?? sealChunk;
  return {
    seal: (header, index, plaintext, isLast) => sealer(key, header, index, plaintext, isLast),
  };
}

/** More chunks at once than any machine has threads to seal them gains nothing but memory. */
const MAX_SEAL_AHEAD = 8;

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
