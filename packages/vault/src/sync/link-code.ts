/**
 * The linking code a person reads off one device and types on the other (SECURITY.md "Linking
 * a device"). Version 2 is two parts in seven groups of four:
 *
 *   XXXX-XXXX-XXXX-XXXX  the server's code: its id (20 bits) and secret (60 bits), checked
 *                        by the server (one use, ten minutes, burnt after five wrong tries)
 *   XXXX-XXXX-XXXX       made on the device that shows the code (60 bits); never sent
 *
 * The link package's key comes from the whole code, and only the server's part goes to the
 * server, so nothing the server sees or stores opens the package. Version 1 was the server's
 * code alone (its 16 characters also keyed the package); it is still read, so a device that
 * links with an older device's code keeps working.
 */
import { getSodium } from '../sodium';

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The server's code: a 4-character id and a 12-character secret (apps/server auth/codes.ts). */
export const SERVER_CODE_LENGTH = 16;
/** The device's part: 12 characters of 5 bits, from the device's own random source. */
export const DEVICE_PART_LENGTH = 12;

/** A linking code as read: its version, all of it, and the part the server may see. */
export interface LinkCode {
  readonly v: 1 | 2;
  /** Every character, upper case, no hyphens: the package key's input. */
  readonly whole: string;
  /** What `POST /v1/link` sends: the server's own code, and nothing of the device's part. */
  readonly serverPart: string;
}

/** Any case, spaces or hyphens, O for 0, I or L for 1: as the server reads its codes. */
function clean(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

const inAlphabet = (code: string) => [...code].every((c) => CODE_ALPHABET.includes(c));
const grouped = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? '';

/**
 * A linking code as a person typed it: version 2 (28 characters) or version 1 (16, the
 * server's code alone); undefined when it is neither, and then nothing of it may be sent.
 */
export function readLinkCode(text: string): LinkCode | undefined {
  const code = clean(text);
  if (!inAlphabet(code)) return undefined;
  if (code.length === SERVER_CODE_LENGTH) return { v: 1, whole: code, serverPart: code };
  if (code.length === SERVER_CODE_LENGTH + DEVICE_PART_LENGTH) {
    return { v: 2, whole: code, serverPart: grouped(code.slice(0, SERVER_CODE_LENGTH)) };
  }
  return undefined;
}

/** The server's code as the server would read it (16 characters), or undefined. */
export function normaliseLinkCode(text: string): string | undefined {
  const code = clean(text);
  return code.length === SERVER_CODE_LENGTH && inAlphabet(code) ? code : undefined;
}

/**
 * The code to show: the server's code with this device's part after it, in groups of four.
 * The 32-letter alphabet takes 5 bits of a random byte exactly, so every letter is as likely.
 */
export async function extendLinkCode(serverCode: string): Promise<string> {
  const server = normaliseLinkCode(serverCode);
  if (!server) throw new Error('The server gave something that is not a linking code.');
  const sodium = await getSodium();
  const random = sodium.randombytes_buf(DEVICE_PART_LENGTH);
  const part = [...random].map((byte) => CODE_ALPHABET[byte & 31]).join('');
  sodium.memzero(random);
  return grouped(`${server}${part}`);
}
