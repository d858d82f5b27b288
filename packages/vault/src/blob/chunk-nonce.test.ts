import { describe, expect, it } from 'vitest';
import { chunkNonce } from './chunk-nonce';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('chunkNonce', () => {
  it('is an 11-byte big-endian counter followed by the last-chunk flag', () => {
    expect(hex(chunkNonce(0, false))).toBe('000000000000000000000000');
    expect(hex(chunkNonce(0, true))).toBe('000000000000000000000001');
    expect(hex(chunkNonce(1, false))).toBe('000000000000000000000100');
    expect(hex(chunkNonce(0x01020304, true))).toBe('000000000000000102030401');
    expect(hex(chunkNonce(2 ** 32 + 5, false))).toBe('000000000000010000000500');
    expect(hex(chunkNonce(Number.MAX_SAFE_INTEGER, true))).toBe('000000001fffffffffffff01');
  });

  it('rejects indices that are not non-negative safe integers', () => {
    expect(() => chunkNonce(-1, false)).toThrow(RangeError);
    expect(() => chunkNonce(1.5, false)).toThrow(RangeError);
    expect(() => chunkNonce(2 ** 53, false)).toThrow(RangeError);
  });
});
