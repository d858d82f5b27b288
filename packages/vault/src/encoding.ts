import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import type { Base64, Hex } from './types';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Strict UTF-8 decoding: invalid bytes throw rather than turn into U+FFFD. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

// btoa/atob exist in browsers, workers and Node alike (Buffer does not exist in browsers).
export function toBase64(bytes: Uint8Array): Base64 {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary) as Base64;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Each character's six bits, or -1; only the 128 ASCII codes (anything above is refused). */
const SEXTET = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) SEXTET[ALPHABET.charCodeAt(i)] = i;
const EQUALS = 61;

/** The platform's decoder (TC39's Uint8Array.fromBase64: Chromium 140+, Node with --js-base-64). */
export type NativeFromBase64 = (text: string) => Uint8Array;
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: NativeFromBase64 }).fromBase64;

/**
 * Decodes standard base64; returns undefined for anything that is not exactly that: length a
 * multiple of 4, only the 64 characters, "=" or "==" only at the end. It accepts what the
 * regular expression `^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$` with
 * `atob` did (a property test holds the two together), in one pass: that test and atob's
 * binary string were a third of the time to open 10,000 envelopes at unlock. Unused low bits
 * of the last character are ignored, as atob ignores them; every writer here leaves them zero.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  // Stored envelopes reach here before any schema check: a damaged one may lack the field.
  if (typeof text !== 'string') return undefined;
  return nativeFromBase64 ? fromBase64Native(text, nativeFromBase64) : fromBase64Js(text);
}

function paddingOf(text: string): number {
  const n = text.length;
  if (n === 0 || text.charCodeAt(n - 1) !== EQUALS) return 0;
  return text.charCodeAt(n - 2) === EQUALS ? 2 : 1;
}

/**
 * The same rules through the platform's decoder, several times faster. Its default ("loose")
 * mode also refuses other characters, "=" anywhere but the end and an incomplete padded chunk,
 * and ignores unused low bits as atob does; it differs only in skipping ASCII whitespace and in
 * allowing an unpadded last chunk. Both make the output shorter than a length that is a
 * multiple of 4 implies, so checking that length refuses exactly those. A property test holds
 * it to the regular expression and atob (testing/base64-native-probe.ts, on a Node that has it).
 */
export function fromBase64Native(text: string, decode: NativeFromBase64): Uint8Array | undefined {
  const n = text.length;
  if (n % 4 !== 0) return undefined;
  let out: Uint8Array;
  try {
    out = decode(text);
  } catch {
    return undefined;
  }
  return out.length === (n / 4) * 3 - paddingOf(text) ? out : undefined;
}

/** The decoder written out, for platforms without Uint8Array.fromBase64 (Node 20 and 24). */
export function fromBase64Js(text: string): Uint8Array | undefined {
  const n = text.length;
  if (n % 4 !== 0) return undefined;
  const pad = paddingOf(text);
  const out = new Uint8Array((n / 4) * 3 - pad);
  const whole = pad === 0 ? n : n - 4;
  let at = 0;
  for (let i = 0; i < whole; i += 4) {
    const a = sextet(text.charCodeAt(i));
    const b = sextet(text.charCodeAt(i + 1));
    const c = sextet(text.charCodeAt(i + 2));
    const d = sextet(text.charCodeAt(i + 3));
    if ((a | b | c | d) < 0) return undefined;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[at++] = v >> 16;
    out[at++] = (v >> 8) & 0xff;
    out[at++] = v & 0xff;
  }
  if (pad > 0) {
    const a = sextet(text.charCodeAt(n - 4));
    const b = sextet(text.charCodeAt(n - 3));
    if ((a | b) < 0) return undefined;
    out[at++] = (a << 2) | (b >> 4);
    if (pad === 1) {
      const c = sextet(text.charCodeAt(n - 2));
      if (c < 0) return undefined;
      out[at++] = ((b & 0x0f) << 4) | (c >> 2);
    }
  }
  return out;
}

function sextet(code: number): number {
  return code < 128 ? (SEXTET[code] as number) : -1;
}

export function toHex(bytes: Uint8Array): Hex {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out as Hex;
}

export function fromHex(text: string): Uint8Array | undefined {
  if (!/^(?:[0-9a-f]{2})*$/.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Below this, hashing in JavaScript beats a WebCrypto job's round trip (records, log entries). */
const SMALL_DIGEST = 16 * 1024;

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  // The same SHA-256 either way; an import hashes thousands of small records in a row, where
  // each async WebCrypto job cost more than the hash itself.
  if (bytes.length <= SMALL_DIGEST) return nobleSha256(bytes);
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}
