/**
 * node:crypto's AES-256-GCM for the evidence format's chunks: the same primitive, key, nonce,
 * associated data and output (ciphertext ‖ 16-byte tag) as WebCrypto's `sealChunk` and
 * `openChunk`, byte for byte (node-seal.test.ts), without WebCrypto's thread hop and copies
 * for each chunk.
 */
import { createCipheriv, createDecipheriv, KeyObject } from 'node:crypto';
import { blob } from '@casebook/vault';

const TAG_LENGTH = blob.TAG_LENGTH;
// The payload key is a non-extractable CryptoKey; its KeyObject is taken once per file.
const keyObjects = new WeakMap<CryptoKey, KeyObject>();

function keyObjectOf(key: CryptoKey): KeyObject {
  let keyObject = keyObjects.get(key);
  if (!keyObject) {
    keyObject = KeyObject.from(key);
    keyObjects.set(key, keyObject);
  }
  return keyObject;
}

export const nodeSealChunk: blob.ChunkSealer = (key, header, index, plaintext, isLast) => {
  const cipher = createCipheriv('aes-256-gcm', keyObjectOf(key), blob.chunkNonce(index, isLast), {
    authTagLength: TAG_LENGTH,
  });
  cipher.setAAD(header);
  const out = new Uint8Array(plaintext.length + TAG_LENGTH);
  out.set(cipher.update(plaintext), 0);
  const rest = cipher.final();
  if (rest.length !== 0) throw new Error('AES-GCM gave more bytes than it was given.');
  out.set(cipher.getAuthTag(), plaintext.length);
  return out;
};

/** The other way, as WebCrypto's `openChunk`: undefined when the chunk does not authenticate. */
export const nodeOpenChunk: blob.ChunkOpener = (key, header, index, ciphertext, isLast) => {
  if (ciphertext.length < TAG_LENGTH) return undefined;
  const decipher = createDecipheriv(
    'aes-256-gcm',
    keyObjectOf(key),
    blob.chunkNonce(index, isLast),
    {
      authTagLength: TAG_LENGTH,
    },
  );
  decipher.setAAD(header);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - TAG_LENGTH));
  const plain = decipher.update(ciphertext.subarray(0, ciphertext.length - TAG_LENGTH));
  try {
    decipher.final();
  } catch {
    // A wrong tag: what was decrypted is wiped and never handed out.
    plain.fill(0);
    return undefined;
  }
  return new Uint8Array(plain.buffer, plain.byteOffset, plain.length);
};
