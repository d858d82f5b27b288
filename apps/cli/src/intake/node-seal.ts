/**
 * node:crypto's AES-256-GCM for the evidence format's chunks: the same primitive, key, nonce,
 * associated data and output (ciphertext ‖ 16-byte tag) as WebCrypto's `sealChunk`, byte for
 * byte (node-seal.test.ts), without WebCrypto's thread hop and copies for each chunk.
 */
import { createCipheriv, KeyObject } from 'node:crypto';
import { blob } from '@casebook/vault';

const TAG_LENGTH = blob.TAG_LENGTH;
// The payload key is a non-extractable CryptoKey; its KeyObject is taken once per file.
const keyObjects = new WeakMap<CryptoKey, KeyObject>();

export const nodeSealChunk: blob.ChunkSealer = (key, header, index, plaintext, isLast) => {
  let keyObject = keyObjects.get(key);
  if (!keyObject) {
    keyObject = KeyObject.from(key);
    keyObjects.set(key, keyObject);
  }
  const cipher = createCipheriv('aes-256-gcm', keyObject, blob.chunkNonce(index, isLast), {
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
