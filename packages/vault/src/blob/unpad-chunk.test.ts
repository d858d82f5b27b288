import { describe, expect, it } from 'vitest';
import { BlobIntegrityError } from './blob-errors';
import { chunkLayout } from './chunk-layout';
import { unpadChunk } from './unpad-chunk';

describe('unpadChunk', () => {
  // 4500 bytes in 1000-byte chunks pad to 4608: chunk 4 is 500 file bytes and 108 zeros.
  const layout = chunkLayout(4500, 1000, 2);

  it('returns the file bytes of a chunk without its padding', () => {
    const chunk = new Uint8Array(608).fill(0);
    chunk.fill(7, 0, 500);
    expect(unpadChunk(layout, 4, chunk)).toEqual(new Uint8Array(500).fill(7));
    expect(unpadChunk(layout, 0, new Uint8Array(1000).fill(1)).length).toBe(1000);
  });

  it('refuses a non-zero padding byte, naming the chunk and the problem', () => {
    const chunk = new Uint8Array(608);
    chunk[607] = 1;
    expect(() => unpadChunk(layout, 4, chunk)).toThrow(
      expect.objectContaining({ chunkIndex: 4, problem: 'padding' }),
    );
    const first = new Uint8Array(608);
    first[500] = 0x80; // the first padding byte
    expect(() => unpadChunk(layout, 4, first)).toThrow(BlobIntegrityError);
  });

  it('refuses a chunk whose length the size does not imply', () => {
    expect(() => unpadChunk(layout, 4, new Uint8Array(607))).toThrow(
      expect.objectContaining({ chunkIndex: 4, problem: 'chunk-length' }),
    );
  });

  it('passes v1 chunks through unchanged (no padding)', () => {
    const v1 = chunkLayout(4500, 1000, 1);
    const chunk = new Uint8Array(500).fill(3);
    expect(unpadChunk(v1, 4, chunk)).toEqual(chunk);
  });
});
