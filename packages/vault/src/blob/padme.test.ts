import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_PADDED_LENGTH, paddedLength, padme } from './padme';

// Sizes up to 2^50: far beyond any evidence file, and their padding stays a safe integer.
const anySize = fc.integer({ min: 0, max: 2 ** 50 });
const floor = (k: number) => Math.floor(Math.log2(k));

describe('paddedLength (Padmé, at least 4 KiB)', () => {
  it('pads every file below 4 KiB to exactly 4 KiB', () => {
    for (const size of [0, 1, 100, 4095, 4096]) expect(paddedLength(size)).toBe(MIN_PADDED_LENGTH);
  });

  it('matches values worked out by hand from the definition', () => {
    // 4097: E = 12, S = 4, so the low 8 bits are zeroed rounding up (steps of 256).
    expect(paddedLength(4097)).toBe(4352);
    expect(paddedLength(4352)).toBe(4352);
    expect(paddedLength(4353)).toBe(4608);
    expect(paddedLength(8191)).toBe(8192);
    // 1 MiB + 1: E = 20, S = 5, steps of 2^15.
    expect(paddedLength(2 ** 20)).toBe(2 ** 20);
    expect(paddedLength(2 ** 20 + 1)).toBe(2 ** 20 + 2 ** 15);
    // 1 GiB + 1: E = 30, S = 5, steps of 32 MiB: padding can be tens of MiB.
    expect(paddedLength(2 ** 30 + 1)).toBe(2 ** 30 + 2 ** 25);
    // Beyond 32 bits (no bitwise shortcuts): E = 40, S = 6, steps of 2^34.
    expect(paddedLength(2 ** 40 + 1)).toBe(2 ** 40 + 2 ** 34);
  });

  it('leaves tiny lengths (almost) as they are', () => {
    expect([1, 2, 3, 5, 7, 8].map(padme)).toEqual([1, 2, 3, 5, 7, 8]);
    // 9 = 0b1001: E = 3, S = 2, so one low bit is zeroed, rounding up.
    expect(padme(9)).toBe(10);
  });

  it('refuses sizes that are not non-negative safe integers, and results beyond them', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => paddedLength(bad)).toThrow(RangeError);
    }
    expect(() => padme(0)).toThrow(RangeError);
    expect(() => paddedLength(Number.MAX_SAFE_INTEGER)).toThrow(RangeError);
  });

  it('is never smaller than the size (property)', () => {
    fc.assert(fc.property(anySize, (size) => paddedLength(size) >= size));
  });

  it('is monotone (property)', () => {
    fc.assert(
      fc.property(anySize, anySize, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return paddedLength(lo) <= paddedLength(hi);
      }),
    );
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(anySize, (size) => paddedLength(paddedLength(size)) === paddedLength(size)),
    );
  });

  it('costs at most 12 % for sizes from 4 KiB on (property and every size up to 64 KiB)', () => {
    const overhead = (size: number) => (paddedLength(size) - size) / size;
    fc.assert(
      fc.property(fc.integer({ min: MIN_PADDED_LENGTH, max: 2 ** 50 }), (s) => overhead(s) <= 0.12),
    );
    let worst = 0;
    for (let size = MIN_PADDED_LENGTH; size <= 2 ** 16; size++)
      worst = Math.max(worst, overhead(size));
    expect(worst).toBeLessThanOrEqual(0.12);
    expect(worst).toBeGreaterThan(0.05); // the bound is close to met, so the check can fail
  });

  it('maps each [2^k, 2^(k+1)) to at most 2^S + 1 lengths, S = floor(log2 k) + 1 (PURBs bound)', () => {
    // Exhaustively for every size from 4 KiB to 512 KiB.
    for (let k = 12; k <= 18; k++) {
      const seen = new Set<number>();
      for (let size = 2 ** k; size < 2 ** (k + 1); size++) seen.add(paddedLength(size));
      const bound = 2 ** (floor(k) + 1) + 1;
      expect(seen.size).toBeLessThanOrEqual(bound);
      // O(log log): at most 2k + 1 of the 2^k sizes remain distinguishable.
      expect(seen.size).toBeLessThanOrEqual(2 * k + 1);
      expect(seen.size).toBeGreaterThan(1);
    }
  });

  it('puts any size in [2^k, 2^(k+1)) on the lattice of 2^S + 1 values (property, k to 50)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 12, max: 49 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (k, f) => {
          const size = Math.min(2 ** (k + 1) - 1, 2 ** k + Math.floor(f * 2 ** k));
          const padded = paddedLength(size);
          const step = 2 ** (k - (floor(k) + 1));
          // Multiples of `step` in [2^k, 2^(k+1)]: exactly 2^S + 1 of them.
          return padded % step === 0 && padded >= 2 ** k && padded <= 2 ** (k + 1);
        },
      ),
    );
  });
});
