/**
 * node:crypto for the evidence format's chunks, the CLI's `blob.ChunkCipher`: the payload key
 * by node's HKDF-SHA256 and AES-256-GCM under it, with the same key, nonce, associated data
 * and output (ciphertext ‖ 16-byte tag) as WebCrypto's `derivePayloadKey`, `sealChunk` and
 * `openChunk`, byte for byte (node-seal.test.ts), without WebCrypto's thread hop and copies for
 * each chunk. No CryptoKey is ever made, so no `KeyObject.from` (deprecated on Node 24 for a
 * non-extractable key, DEP0204, a warning on the person's terminal) is needed.
 */
import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';
import { blob } from '@casebook/vault';

const TAG_LENGTH = blob.TAG_LENGTH;
const KEY_LENGTH = 32;

/**
 * A blob's payload key as `blob.derivePayloadKey` makes it: HKDF-SHA256(ikm = DEK, salt =
 * header salt, info = "casebook blob v<version>"), 32 bytes, refusing the same DEKs and versions.
 */
export function nodePayloadKey(
  dek: Uint8Array,
  salt: Uint8Array,
  version: blob.BlobVersion,
): KeyObject {
  if (dek.length !== blob.DEK_LENGTH) throw new RangeError(`DEK must be ${blob.DEK_LENGTH} bytes`);
  const okm = new Uint8Array(
    hkdfSync('sha256', dek, salt, blob.payloadKeyInfo(version), KEY_LENGTH),
  );
  try {
    return createSecretKey(okm);
  } finally {
    // createSecretKey copied the bytes; this copy is wiped, as stageFile wipes the DEK. The
    // KeyObject (and HKDF's own copy of the DEK) cannot be wiped: they live until collected.
    okm.fill(0);
  }
}

export const nodeSealChunk: blob.ChunkSealer<KeyObject> = (
  key,
  header,
  index,
  plaintext,
  isLast,
) => {
  const cipher = createCipheriv('aes-256-gcm', key, blob.chunkNonce(index, isLast), {
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
export const nodeOpenChunk: blob.ChunkOpener<KeyObject> = (
  key,
  header,
  index,
  ciphertext,
  isLast,
) => {
  if (ciphertext.length < TAG_LENGTH) return undefined;
  const decipher = createDecipheriv('aes-256-gcm', key, blob.chunkNonce(index, isLast), {
    authTagLength: TAG_LENGTH,
  });
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

/** What the CLI passes as `cipher` wherever it seals or opens chunks (add, verify, the restore check). */
export const nodeChunkCipher: blob.ChunkCipher = blob.chunkCipher({
  deriveKey: nodePayloadKey,
  seal: nodeSealChunk,
  open: nodeOpenChunk,
});
