/**
 * The evidence bundle's manifest is signed by the casebook's identity key, over the manifest's
 * exact bytes, so that anyone can check it with standard tools (`openssl pkeyutl -verify
 * -rawin`). The identity key signs other things too, always as a domain string followed by
 * canonical JSON ("casebook-…{"); the key signs raw bytes only when they are a well-formed
 * `sha256sum` manifest, which begins with 64 hex digits, so one signature can never be read
 * as another.
 */
import { getSodium } from '../sodium';
import type { HasInternals } from '../vault-internals';

const LINE = /^[0-9a-f]{64} {2}[^\n\r\\]+$/;
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** True when `bytes` are lines of `<sha256 hex>␠␠<path>`, each ending in a newline. */
export function isSha256Manifest(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || bytes.length > MAX_MANIFEST_BYTES) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  if (!text.endsWith('\n')) return false;
  return text
    .slice(0, -1)
    .split('\n')
    .every((line) => LINE.test(line));
}

/** The identity's Ed25519 signature (64 raw bytes) of a manifest; refuses anything else. */
export async function signManifest(vault: HasInternals, manifest: Uint8Array): Promise<Uint8Array> {
  if (!isSha256Manifest(manifest)) {
    throw new Error('Only a sha256sum manifest can be signed with the casebook’s key.');
  }
  const { keys } = vault.internals;
  const sodium = await getSodium();
  return sodium.crypto_sign_detached(manifest, keys.signingKey);
}

/** Checks a manifest signature against an Ed25519 public key; never throws. */
export async function manifestSignatureValid(
  manifest: Uint8Array,
  signature: Uint8Array,
  publicKey: Uint8Array,
): Promise<boolean> {
  const sodium = await getSodium();
  if (signature.length !== sodium.crypto_sign_BYTES) return false;
  if (publicKey.length !== sodium.crypto_sign_PUBLICKEYBYTES) return false;
  try {
    return sodium.crypto_sign_verify_detached(signature, manifest, publicKey);
  } catch {
    return false;
  }
}

/** The casebook's identity public key (32 bytes), which signs its manifests and checkpoints. */
export function identityPublicKey(vault: HasInternals): Uint8Array {
  return vault.internals.keys.publicKey.slice();
}
