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

export const nobleSha256: Sha256HasherFactory = () => sha256.create();

/** Lower-case hex of some bytes. */
export function toHex(bytes: Uint8Array): Hex {
  return bytesToHex(bytes) as Hex;
}
