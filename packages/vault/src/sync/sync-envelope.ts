/**
 * A sync envelope (apps/server/PROTOCOL.md, "Sync"): what one change looks like to the
 * server. Sealed under the case key (XChaCha20-Poly1305, as a record envelope is), with a
 * fresh random id as the server's id and that id bound in as associated data, so an envelope
 * cannot be moved to another id. Its length is a multiple of 256 bytes: nonce ‖ ciphertext of
 * the canonical JSON padded (ISO/IEC 7816-4, libsodium's `pad`) so the whole comes out on a
 * 256-byte boundary. Inside: a log entry and the record revision it wrote (never in the
 * clear: kind, id, rev and title are all inside).
 */
import { base64url, canonicalJson } from '@casebook/core';
import { concatBytes, fromUtf8, utf8 } from '../encoding';
import { getSodium } from '../sodium';

export const SYNC_ENVELOPE_BLOCK = 256;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
const OVERHEAD = NONCE_BYTES + TAG_BYTES;
const AD_DOMAIN = utf8('casebook-sync-envelope-v1\u0000');
/** 16 random bytes: the protocol takes 16-48. */
const ID_BYTES = 16;

export interface SealedChange {
  /** base64url of 16 random bytes: says nothing about what is inside. */
  readonly id: string;
  readonly data: Uint8Array;
}

const ad = (id: string) => concatBytes(AD_DOMAIN, utf8(id));

export async function sealSyncEnvelope(ck: Uint8Array, value: unknown): Promise<SealedChange> {
  const sodium = await getSodium();
  const id = base64url(sodium.randombytes_buf(ID_BYTES));
  const canonical = utf8(canonicalJson(value));
  // Padded as if the nonce and tag came first, so nonce ‖ ciphertext is a whole number of blocks.
  const padded = sodium
    .pad(concatBytes(new Uint8Array(OVERHEAD), canonical), SYNC_ENVELOPE_BLOCK)
    .subarray(OVERHEAD);
  const nonce = sodium.randombytes_buf(NONCE_BYTES);
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(padded, ad(id), null, nonce, ck);
  return { id, data: concatBytes(nonce, ct) };
}

/** The value inside, or undefined for anything that does not open under this key and id. */
export async function openSyncEnvelope(
  ck: Uint8Array,
  id: string,
  data: Uint8Array,
): Promise<unknown | undefined> {
  if (data.length < SYNC_ENVELOPE_BLOCK || data.length % SYNC_ENVELOPE_BLOCK !== 0) {
    return undefined;
  }
  const sodium = await getSodium();
  try {
    const padded = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      data.subarray(NONCE_BYTES),
      ad(id),
      data.subarray(0, NONCE_BYTES),
      ck,
    );
    const canonical = sodium
      .unpad(concatBytes(new Uint8Array(OVERHEAD), padded), SYNC_ENVELOPE_BLOCK)
      .subarray(OVERHEAD);
    return JSON.parse(fromUtf8(canonical));
  } catch {
    return undefined;
  }
}
