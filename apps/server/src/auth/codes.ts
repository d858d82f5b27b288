/**
 * Invite and linking codes, read aloud or typed: Crockford base32 in groups of four. The first
 * group names the code (so attempts at one code can be counted); the rest is the secret, kept
 * only as a SHA-256 hash.
 */
import { createHash, randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomGroup(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

export interface NewCode {
  readonly text: string;
  readonly id: string;
  readonly secretHash: Buffer;
}

/** `idLength` characters of id, then `secretLength` of secret (5 bits each). */
export function newCode(idLength: number, secretLength: number): NewCode {
  const id = randomGroup(idLength);
  const secret = randomGroup(secretLength);
  const text = `${id}${secret}`.match(/.{1,4}/g)?.join('-') ?? '';
  return { text, id, secretHash: hashSecret(secret) };
}

/** Reads a code as a person typed it: any case, spaces or hyphens, O for 0, I or L for 1. */
export function readCode(
  text: string,
  idLength: number,
  secretLength: number,
): { id: string; secretHash: Buffer } | undefined {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (clean.length !== idLength + secretLength) return undefined;
  if ([...clean].some((c) => !ALPHABET.includes(c))) return undefined;
  return { id: clean.slice(0, idLength), secretHash: hashSecret(clean.slice(idLength)) };
}

function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(`casebook-code-v1:${secret}`).digest();
}

export const INVITE = { id: 8, secret: 16 } as const;
export const LINK = { id: 4, secret: 12 } as const;
/**
 * The characters a linking device adds to the code it shows (packages/vault link-code.ts).
 * The server never needs them; it reads them only to notice a whole code sent by mistake.
 */
export const LINK_DEVICE_PART = 12;
