import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Hex } from '../types';

/**
 * An incremental SHA-256. `@noble/hashes` by default (runs everywhere); Node callers may
 * pass `() => createHash('sha256')` from node:crypto, which has the same shape and is faster.
 */
export interface Sha256Hasher {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}

export type Sha256HasherFactory = () => Sha256Hasher;

/**
 * An incremental SHA-256 that may run on another thread, so hashing a large file overlaps
 * with its encryption. `update` copies or consumes `data` before it returns (the caller
 * reuses the buffer) and may return a promise: the caller waits for it before the next
 * update, which bounds how much is queued. `digest` may be asynchronous.
 */
export interface PipelinedSha256Hasher {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array | Promise<Uint8Array>;
}

export type PipelinedSha256HasherFactory = () => PipelinedSha256Hasher;

export const nobleSha256: Sha256HasherFactory = () => sha256.create();

/** Lower-case hex of some bytes. */
export function toHex(bytes: Uint8Array): Hex {
  return bytesToHex(bytes) as Hex;
}
