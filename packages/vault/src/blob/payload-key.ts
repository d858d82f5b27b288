import { bufferSource } from './buffer-source';

export const DEK_LENGTH = 32;
const INFO = new TextEncoder().encode('casebook blob v1');

/**
 * The AES-256-GCM key that encrypts one blob's chunks:
 * HKDF-SHA256(ikm = DEK, salt = header salt, info = "casebook blob v1"), non-extractable.
 */
export async function derivePayloadKey(dek: Uint8Array, salt: Uint8Array): Promise<CryptoKey> {
  if (dek.length !== DEK_LENGTH) throw new RangeError(`DEK must be ${DEK_LENGTH} bytes`);
  const subtle = globalThis.crypto.subtle;
  const ikm = await subtle.importKey('raw', bufferSource(dek), 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: bufferSource(salt), info: INFO },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}
