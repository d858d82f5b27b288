/**
 * Proof that the person, not just a device, asks to remove a device: a signature by the
 * casebook's identity key (the one that certifies its devices, SECURITY.md "vault format v2")
 * over `"casebook-remove-device-v1" ‖ canonical({space, device})`. The identity's secret is
 * wrapped under the passphrase-derived account key, and the client asks for the passphrase
 * again before it signs one (as the vault does for a passphrase change), so a phone someone
 * takes cannot cut the person's other devices off. A replayed proof only removes the same
 * device again, which changes nothing.
 */
import { type KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from '@casebook/core';

export const REMOVAL_DOMAIN = 'casebook-remove-device-v1';

export function removalMessage(space: string, device: string): Buffer {
  return Buffer.concat([
    Buffer.from(REMOVAL_DOMAIN, 'utf8'),
    Buffer.from(canonicalJson({ space, device }), 'utf8'),
  ]);
}

/** The proof, base64url: what a client sends as `proof`. */
export function signRemoval(identity: KeyObject, space: string, device: string): string {
  return sign(null, removalMessage(space, device), identity).toString('base64url');
}

export function removalProofHolds(
  proof: string,
  identity: KeyObject,
  space: string,
  device: string,
): boolean {
  const bytes = Buffer.from(proof, 'base64url');
  if (bytes.length !== 64 || bytes.toString('base64url') !== proof) return false;
  return verify(null, removalMessage(space, device), identity, bytes);
}
