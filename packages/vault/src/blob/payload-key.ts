import { BLOB_VERSION_1, type BlobVersion } from './blob-header';
import { bufferSource } from './buffer-source';

export const DEK_LENGTH = 32;
const encoder = new TextEncoder();
// One info string per version: a v2 key never opens a v1 chunk, so a header whose version
// byte was changed fails on the key as well as on the associated data.
const INFO: Readonly<Record<BlobVersion, Uint8Array<ArrayBuffer>>> = {
  1: encoder.encode('casebook blob v1'),
  2: encoder.encode('casebook blob v2'),
};

/**
 * The HKDF info of a blob version's payload key, a fresh copy, for a derivation outside
 * WebCrypto (the CLI's node:crypto one) that must give the same key. RangeError for a version
 * with no payload key.
 */
export function payloadKeyInfo(version: BlobVersion): Uint8Array<ArrayBuffer> {
  const info = INFO[version];
  // A version from outside the type (an unchecked cast) must not derive a key at all.
  if (info === undefined) throw new RangeError(`no payload key for blob version ${version}`);
  return info.slice();
}

/**
 * The AES-256-GCM key that encrypts one blob's chunks:
 * HKDF-SHA256(ikm = DEK, salt = header salt, info = "casebook blob v<version>"), non-extractable.
 * `version` is the header's; it defaults to 1 for callers written before v2.
 */
export async function derivePayloadKey(
  dek: Uint8Array,
  salt: Uint8Array,
  version: BlobVersion = BLOB_VERSION_1,
): Promise<CryptoKey> {
  if (dek.length !== DEK_LENGTH) throw new RangeError(`DEK must be ${DEK_LENGTH} bytes`);
  const info = payloadKeyInfo(version);
  const subtle = globalThis.crypto.subtle;
  const ikm = await subtle.importKey('raw', bufferSource(dek), 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: bufferSource(salt), info },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}
