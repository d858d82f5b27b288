import { canonicalJson } from '@casebook/core';
import { concatBytes, fromBase64, toBase64, utf8 } from '../encoding';
import { getSodium } from '../sodium';
import type { Base64 } from '../types';

/** Ed25519 over a domain string and the canonical bytes of a value: one signature, one meaning. */
export async function signValue(
  domain: string,
  value: unknown,
  secretKey: Uint8Array,
): Promise<Base64> {
  const sodium = await getSodium();
  const message = concatBytes(utf8(domain), utf8(canonicalJson(value)));
  return toBase64(sodium.crypto_sign_detached(message, secretKey));
}

/** False for a bad signature, a malformed one, or a key of the wrong length: never throws. */
export async function checkValue(
  domain: string,
  value: unknown,
  sig: string,
  publicKey: Uint8Array,
): Promise<boolean> {
  const sodium = await getSodium();
  const bytes = fromBase64(sig);
  if (!bytes || bytes.length !== sodium.crypto_sign_BYTES) return false;
  if (publicKey.length !== sodium.crypto_sign_PUBLICKEYBYTES) return false;
  try {
    const message = concatBytes(utf8(domain), utf8(canonicalJson(value)));
    return sodium.crypto_sign_verify_detached(bytes, message, publicKey);
  } catch {
    return false;
  }
}
