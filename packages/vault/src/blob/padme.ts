/*
 * Padmé (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files and Communication
 * with PURBs", PETS 2019): round a length L up by zeroing its low E − S bits, where
 * E = floor(log2 L) and S = floor(log2 E) + 1. Lengths in [2^E, 2^(E+1)) then fall on at most
 * 2^S + 1 values, so a stored length reveals O(log log L) bits instead of log L, at a cost
 * of at most 2^−S of L (≤ 6.25 % from 4 KiB on, as S ≥ 4 there).
 */

/** Every v2 file is padded to at least this many bytes, so small files all look alike. */
export const MIN_PADDED_LENGTH = 4096;

/** Padmé of `length` (≥ 1). Exact for any safe integer; throws if the result is not one. */
export function padme(length: number): number {
  if (!Number.isSafeInteger(length) || length < 1) {
    throw new RangeError('Padmé needs a length that is a positive safe integer');
  }
  const e = bitLength(length) - 1;
  const s = bitLength(e);
  if (e < s) return length;
  // Arithmetic, not bitwise operators: those work on 32 bits and files can be larger.
  // Dividing and multiplying by a power of two is exact for safe integers.
  const step = 2 ** (e - s);
  const padded = Math.ceil(length / step) * step;
  if (!Number.isSafeInteger(padded)) throw new RangeError('padded length is too large');
  return padded;
}

/** The plaintext length a v2 blob stores for a file of `size` bytes: Padmé of max(size, 4 KiB). */
export function paddedLength(size: number): number {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError('size must be ≥ 0');
  return padme(Math.max(size, MIN_PADDED_LENGTH));
}

/** Number of bits in the binary form of a positive safe integer (exact, unlike Math.log2). */
function bitLength(n: number): number {
  return n.toString(2).length;
}
