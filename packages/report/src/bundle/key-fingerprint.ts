import { sha256Hex } from './manifest';
import type { Sha256Factory } from './types';

/**
 * The key's fingerprint as Casebook prints it everywhere (`casebook verify` on a casebook
 * file too): the first 16 hex characters of the SHA-256 of the raw 32-byte key, in fours.
 */
export function keyFingerprint(sha256: Sha256Factory, publicKey: Uint8Array): string {
  return sha256Hex(sha256, publicKey).slice(0, 16).match(/.{4}/g)?.join(' ') ?? '';
}
