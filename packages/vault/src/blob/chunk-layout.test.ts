import { describe, expect, it } from 'vitest';
import { chunkLayout } from './chunk-layout';
import { storedChunkCount, storedPlaintextLength } from './stored-length';

describe('chunkLayout (v1)', () => {
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

describe('chunkLayout (v2, over the padded length)', () => {
  it('counts chunks over paddedLength(size), never fewer than 4 KiB', () => {
    expect(chunkLayout(0, 1024, 2)).toMatchObject({ size: 0, storedSize: 4096, count: 4 });
    expect(chunkLayout(4097, 1024, 2)).toMatchObject({ storedSize: 4352, count: 5 });
    expect(chunkLayout(100, 2 ** 20, 2)).toMatchObject({ storedSize: 4096, count: 1 });
    expect(chunkLayout(200, 64)).toMatchObject({ version: 1, storedSize: 200, count: 4 });
  });

  it('tells stored bytes from the file bytes in each chunk', () => {
    // 5000 bytes pad to 5120: chunks 0..4 hold the file, chunk 5 only padding.
    const layout = chunkLayout(5000, 1000, 2);
    expect(layout.count).toBe(6);
    expect([0, 4, 5].map((i) => layout.plaintextLength(i))).toEqual([1000, 1000, 120]);
    expect([0, 4, 5].map((i) => layout.dataLength(i))).toEqual([1000, 1000, 0]);
    expect(layout.ciphertextLength(5)).toBe(136);
    // 4500 pad to 4608: the last chunk holds 500 file bytes and 108 of padding.
    const split = chunkLayout(4500, 1000, 2);
    expect([split.plaintextLength(4), split.dataLength(4)]).toEqual([608, 500]);
    expect(split.chunkAt(4499)).toBe(4);
    expect(() => split.chunkAt(4500)).toThrow(RangeError); // padding is not part of the file
  });

  it('agrees with storedChunkCount and storedPlaintextLength', () => {
    for (const version of [1, 2] as const) {
      for (const size of [0, 1, 4095, 4096, 4097, 100_000]) {
        const layout = chunkLayout(size, 1000, version);
        expect(layout.count).toBe(storedChunkCount(version, size, 1000));
        expect(layout.storedSize).toBe(storedPlaintextLength(version, size));
        let stored = 0;
        let data = 0;
        for (let i = 0; i < layout.count; i++) {
          stored += layout.plaintextLength(i);
          data += layout.dataLength(i);
        }
        expect([stored, data]).toEqual([layout.storedSize, size]);
      }
    }
    expect(storedPlaintextLength(1, 5000)).toBe(5000);
    expect(storedPlaintextLength(2, 5000)).toBe(5120);
    expect(() => storedChunkCount(2, 5, 0)).toThrow(RangeError);
  });
});
