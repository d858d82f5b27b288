import { describe, expect, it } from 'vitest';
import { chunkLayout } from './chunk-layout';

describe('chunkLayout', () => {
  it('counts chunks, an empty file being one empty chunk', () => {
    expect(chunkLayout(0, 64).count).toBe(1);
    expect(chunkLayout(1, 64).count).toBe(1);
    expect(chunkLayout(63, 64).count).toBe(1);
    expect(chunkLayout(64, 64).count).toBe(1);
    expect(chunkLayout(65, 64).count).toBe(2);
    expect(chunkLayout(128, 64).count).toBe(2);
  });

  it('finds the chunk holding a byte offset', () => {
    const layout = chunkLayout(200, 64);
    expect([0, 63, 64, 127, 128, 199].map((o) => layout.chunkAt(o))).toEqual([0, 0, 1, 1, 2, 3]);
    expect(() => layout.chunkAt(200)).toThrow(RangeError);
    expect(() => layout.chunkAt(-1)).toThrow(RangeError);
  });

  it('gives plaintext and ciphertext lengths per chunk', () => {
    const layout = chunkLayout(200, 64);
    expect([0, 1, 2, 3].map((i) => layout.plaintextLength(i))).toEqual([64, 64, 64, 8]);
    expect(layout.ciphertextLength(3)).toBe(24);
    expect(chunkLayout(0, 64).ciphertextLength(0)).toBe(16);
    expect(() => layout.plaintextLength(4)).toThrow(RangeError);
  });
});
