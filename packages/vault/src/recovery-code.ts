import { fail, ok, type Result } from './result';

// Crockford's base32: no I, L, O or U, so a handwritten code is hard to misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_BYTES = 15; // 120 bits, exactly 24 characters
const CODE_LENGTH = 24;

/** Formats 15 random bytes as six groups of four characters, e.g. `7KQ2-M9XD-…`. */
export function formatRecoveryCode(random: Uint8Array): string {
  if (random.length !== CODE_BYTES) throw new RangeError('recovery code needs 15 bytes');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of random) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)?.join('-') ?? out;
}

export const RECOVERY_CODE_BYTES = CODE_BYTES;

/**
 * Normalises what a person typed: case, spaces and dashes do not matter, and the
 * look-alikes O, I and L are read as 0, 1 and 1.
 */
export function normaliseRecoveryCode(typed: string): Result<string, 'bad-recovery-code'> {
  const cleaned = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== CODE_LENGTH) {
    return fail(
      'bad-recovery-code',
      `That recovery code has ${cleaned.length} characters; it should have ${CODE_LENGTH} (six groups of four). Check it against your copy and try again.`,
    );
  }
  const bad = [...cleaned].find((c) => !ALPHABET.includes(c));
  if (bad !== undefined) {
    return fail(
      'bad-recovery-code',
      `A recovery code never contains "${bad}". Check it against your copy and try again.`,
    );
  }
  return ok(cleaned.match(/.{4}/g)?.join('-') ?? cleaned);
}
