import { bufferSource } from './buffer-source';
import { chunkNonce } from './chunk-nonce';

/** Bytes of the AES-GCM tag appended to every chunk. */
export const TAG_LENGTH = 16;

/**
 * Encrypts one chunk as `sealChunk` does: AES-256-GCM under `key`, the STREAM nonce of
 * (`index`, `isLast`), the header as associated data, ciphertext ‖ 16-byte tag. It must not
 * keep `plaintext`, which the caller refills at once. `K` is the key type of the backend it
 * runs on: WebCrypto's CryptoKey unless said (node:crypto's goes in a `ChunkCipher`).
 */
export type ChunkSealer<K = CryptoKey> = (
  key: K,
  header: Uint8Array,
  index: number,
  plaintext: Uint8Array,
  isLast: boolean,
) => Uint8Array | Promise<Uint8Array>;

/**
 * Decrypts one chunk as `openChunk` does, undefined when it does not authenticate. `K` as for
 * `ChunkSealer`.
 */
export type ChunkOpener<K = CryptoKey> = (
  key: K,
  header: Uint8Array,
  index: number,
  ciphertext: Uint8Array,
  isLast: boolean,
) => Uint8Array | undefined | Promise<Uint8Array | undefined>;

/** Encrypts one chunk; the header bytes are its associated data. */
export async function sealChunk(
  key: CryptoKey,
  header: Uint8Array,
  index: number,
  plaintext: Uint8Array,
  isLast: boolean,
): Promise<Uint8Array> {
  const ct = await globalThis.crypto.subtle.encrypt(
    params(header, index, isLast),
    key,
    bufferSource(plaintext),
  );
  return new Uint8Array(ct);
}

/** Decrypts one chunk, or returns undefined when it does not authenticate. */
export async function openChunk(
  key: CryptoKey,
  header: Uint8Array,
  index: number,
  ciphertext: Uint8Array,
  isLast: boolean,
): Promise<Uint8Array | undefined> {
  try {
    const pt = await globalThis.crypto.subtle.decrypt(
      params(header, index, isLast),
      key,
      bufferSource(ciphertext),
    );
    return new Uint8Array(pt);
  } catch (error) {
    // WebCrypto reports a bad tag (or a too-short input) as OperationError; anything else is a bug.
    if (error instanceof Error && error.name === 'OperationError') return undefined;
    throw error;
  }
}

function params(header: Uint8Array, index: number, isLast: boolean): AesGcmParams {
  return {
    name: 'AES-GCM',
    iv: chunkNonce(index, isLast),
    additionalData: bufferSource(header),
    tagLength: TAG_LENGTH * 8,
  };
}
