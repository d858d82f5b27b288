/**
 * Checking the server's countersignature (PROTOCOL.md, "Countersigned history") on the
 * client: Ed25519 by the server key pinned at enrolment, over the canonical JSON of the
 * fields. A countersignature the client does not check proves nothing: a server (or anyone
 * between) could answer "confirmed up to entry 900" for a history it never saw.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Countersigned } from './answers';
import { fromBase64 } from './base64';

/** Checks an Ed25519 signature; WebCrypto's by default (Node 20, current browsers). */
export type Ed25519Verify = (
  message: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
) => Promise<boolean>;

export const webCryptoVerify: Ed25519Verify = async (message, signature, publicKey) => {
  try {
    const key = await crypto.subtle.importKey(
      'raw',
      publicKey as Uint8Array<ArrayBuffer>,
      { name: 'Ed25519' },
      false,
      ['verify'],
    );
    return await crypto.subtle.verify(
      { name: 'Ed25519' },
      key,
      signature as Uint8Array<ArrayBuffer>,
      message as Uint8Array<ArrayBuffer>,
    );
  } catch {
    return false;
  }
};

/**
 * Canonical JSON of a flat object of strings and numbers: keys sorted by UTF-16 code units,
 * values as JSON.stringify writes them, no whitespace. Byte for byte @casebook/core's
 * canonicalJson for such an object (apps/server/test/sync-client-trust.test.ts checks it);
 * written out here because this package imports nothing of ours.
 */
export function flatCanonicalJson(value: Readonly<Record<string, string | number>>): string {
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(value[k])}`).join(',')}}`;
}

export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** Whether `value.sig` is the pinned server key's signature over the other fields. */
export async function countersignatureHolds(
  value: Countersigned,
  serverKey: string,
  verify: Ed25519Verify,
): Promise<boolean> {
  const { sig, ...fields } = value;
  let signature: Uint8Array;
  let publicKey: Uint8Array;
  try {
    signature = fromBase64(sig);
    publicKey = fromBase64(serverKey);
  } catch {
    return false;
  }
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  const message = new TextEncoder().encode(flatCanonicalJson(fields));
  return verify(message, signature, publicKey);
}
