/**
 * node:crypto's AES-256-GCM for the evidence format's chunks: the same primitive, key, nonce,
 * associated data and output (ciphertext ‖ 16-byte tag) as WebCrypto's `sealChunk` and
 * `openChunk`, byte for byte (node-seal.test.ts), without WebCrypto's thread hop and copies
 * for each chunk.
 */
import { createCipheriv, createDecipheriv, KeyObject } from 'node:crypto';
import { blob } from '@casebook/vault';

const TAG_LENGTH = blob.TAG_LENGTH;
// The payload key is a non-extractable CryptoKey; its KeyObject is taken once per file (null:
// Node would not give one, and WebCrypto does that file's work).
const keyObjects = new WeakMap<CryptoKey, KeyObject | null>();

const warningCode = (rest: unknown[]): unknown =>
  typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { code?: unknown }).code : rest[1];

/**
 * node:crypto's handle on a payload key. Node 24 deprecates `KeyObject.from` for a
 * non-extractable CryptoKey (DEP0204) and prints a warning on the person's terminal; that one
 * warning is held back for this call alone, and if a later Node refuses outright, the
 * chunks go through WebCrypto instead (the same bytes, more slowly). The lasting fix is to
 * derive the payload key with node:crypto's HKDF in the CLI, so no CryptoKey is needed.
 */
function keyObjectOf(key: CryptoKey): KeyObject | undefined {
  const known = keyObjects.get(key);
  if (known !== undefined) return known ?? undefined;
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (warningCode(rest) === 'DEP0204') return;
    (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  let made: KeyObject | null = null;
  try {
    made = KeyObject.from(key);
  } catch {
    made = null;
  } finally {
    process.emitWarning = emit;
  }
  keyObjects.set(key, made);
  return made ?? undefined;
}

export const nodeSealChunk: blob.ChunkSealer = (key, header, index, plaintext, isLast) => {
  const keyObject = keyObjectOf(key);
  if (!keyObject) return blob.sealChunk(key, header, index, plaintext, isLast);
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

/** The other way, as WebCrypto's `openChunk`: undefined when the chunk does not authenticate. */
export const nodeOpenChunk: blob.ChunkOpener = (key, header, index, ciphertext, isLast) => {
  if (ciphertext.length < TAG_LENGTH) return undefined;
  const keyObject = keyObjectOf(key);
  if (!keyObject) return blob.openChunk(key, header, index, ciphertext, isLast);
  const decipher = createDecipheriv('aes-256-gcm', keyObject, blob.chunkNonce(index, isLast), {
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
