import { canonicalJson } from '@casebook/core';
import { fromBase64, fromUtf8, toBase64, utf8 } from './encoding';
import { getSodium } from './sodium';
import type { Envelope, RecordKind } from './types';

/** Plaintext is padded to a multiple of this, so sizes leak only coarsely. */
export const PAD_BLOCK = 256;

/** Associated data: the canonical bytes of (v, kind, id, rev); an envelope cannot be moved. */
export function envelopeAd(v: 1, kind: RecordKind, id: string, rev: number): Uint8Array {
  return utf8(envelopeAdText(v, kind, id, rev));
}

/**
 * `canonicalJson({ v, kind, id, rev })`, written out for the usual types (its keys in sorted
 * order, each value as JSON.stringify writes it, as canonicalJson does): the general writer was
 * a fifth of opening 10,000 envelopes at unlock. Anything else, such as a damaged stored
 * envelope whose fields are not strings and a number, goes through canonicalJson itself.
 */
export function envelopeAdText(v: 1, kind: RecordKind, id: string, rev: number): string {
  if (v === 1 && typeof kind === 'string' && typeof id === 'string' && Number.isFinite(rev)) {
    return `{"id":${JSON.stringify(id)},"kind":${JSON.stringify(kind)},"rev":${JSON.stringify(rev)},"v":1}`;
  }
  return canonicalJson({ v, kind, id, rev });
}

/**
 * Random nonces from WebCrypto's CSPRNG, drawn a few kilobytes at a time. libsodium-wrappers
 * fills its randombytes_buf four bytes per getRandomValues call, which was most of the cost
 * of sealing a record in an import of thousands. Nonces are not secret; each byte is used once.
 */
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let poolAt = 0;
function freshNonce(length: number): Uint8Array {
  if (poolAt + length > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    poolAt = 0;
  }
  const nonce = pool.slice(poolAt, poolAt + length);
  // Wiped as handed out, so no nonce is ever handed out twice.
  pool.fill(0, poolAt, poolAt + length);
  poolAt += length;
  return nonce;
}

export interface Opened {
  readonly value: unknown;
  /** The canonical plaintext bytes (unpadded): what the audit log hashes. */
  readonly canonical: Uint8Array;
}

export async function sealEnvelope(
  key: Uint8Array,
  kind: RecordKind,
  id: string,
  rev: number,
  value: unknown,
): Promise<{ envelope: Envelope; canonical: Uint8Array }> {
  const sodium = await getSodium();
  const canonical = utf8(canonicalJson(value));
  const nonce = freshNonce(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    sodium.pad(canonical, PAD_BLOCK),
    envelopeAd(1, kind, id, rev),
    null,
    nonce,
    key,
  );
  return {
    envelope: { v: 1, kind, id, rev, nonce: toBase64(nonce), ct: toBase64(ct) },
    canonical,
  };
}

/** An envelope's decoded parts, or undefined when it is not a well-formed v1 envelope. */
export interface EnvelopeParts {
  readonly nonce: Uint8Array;
  readonly ct: Uint8Array;
  readonly ad: Uint8Array;
}

const NONCE_BYTES = 24; // crypto_aead_xchacha20poly1305_ietf_NPUBBYTES

export function envelopeParts(envelope: Envelope): EnvelopeParts | undefined {
  const nonce = fromBase64(envelope.nonce);
  const ct = fromBase64(envelope.ct);
  if (envelope.v !== 1 || !nonce || !ct || nonce.length !== NONCE_BYTES) return undefined;
  try {
    return { nonce, ct, ad: envelopeAd(1, envelope.kind, envelope.id, envelope.rev) };
  } catch {
    // A damaged stored envelope (no revision, say) has no associated data to check against.
    return undefined;
  }
}

/** The unpadded plaintext as a value; undefined when it is not UTF-8 JSON. */
export function parseOpened(canonical: Uint8Array): Opened | undefined {
  try {
    return { value: JSON.parse(fromUtf8(canonical)), canonical };
  } catch {
    return undefined;
  }
}

/**
 * Opens an envelope. Returns undefined when it fails authentication: altered bytes, a
 * different key, or an envelope moved to another kind, id or revision.
 */
export async function openEnvelope(
  key: Uint8Array,
  envelope: Envelope,
): Promise<Opened | undefined> {
  const sodium = await getSodium();
  const parts = envelopeParts(envelope);
  if (!parts) return undefined;
  let canonical: Uint8Array;
  try {
    const padded = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      parts.ct,
      parts.ad,
      parts.nonce,
      key,
    );
    canonical = sodium.unpad(padded, PAD_BLOCK);
  } catch {
    return undefined;
  }
  return parseOpened(canonical);
}
