import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobFileLength, decryptBlobFile, readBlobFile, writeBlobFile } from './blob-file';
import { collect, encryptAll, randomData, split, TEST_DEK } from './test-kit';

async function fileOf(data: Uint8Array, chunkSize: number) {
  const { header, chunks } = await encryptAll([data], { chunkSize });
  return collect(writeBlobFile(header, chunks));
}

describe('blob file (v2)', () => {
  it('is header ‖ chunks, of the predicted length over the padded size', async () => {
    for (const size of [0, 1, 4095, 4096, 4097, 10_000]) {
      const file = await fileOf(randomData(size), 1000);
      expect(file.length).toBe(blobFileLength(size, 1000, 2));
    }
    expect(blobFileLength(0, 1000, 2)).toBe(57 + 4096 + 5 * 16);
    expect(blobFileLength(0, 1000)).toBe(57 + 16); // v1 unless told
  });

  it('reads back and decrypts with the true size, whatever the piece sizes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 5000 }),
        fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 200, max: 2000 }),
        async (data, pieces, chunkSize) => {
          const { header, chunks } = await encryptAll([data], { chunkSize });
          const file = await collect(writeBlobFile(header, chunks));
          const parts = await readBlobFile(split(file, pieces));
          expect(parts.header).toEqual(header);
          expect(parts.parsed.version).toBe(2);
          const cut: Uint8Array[] = [];
          for await (const chunk of parts.chunks) cut.push(chunk.slice());
          expect(cut).toEqual(chunks);
          const plain = await collect(
            decryptBlobFile(split(file, pieces), TEST_DEK, { size: data.length }),
          );
          expect(plain).toEqual(data);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses to decrypt a v2 file without its size, and releases the source', async () => {
    const file = await fileOf(randomData(100), 1000);
    let closed = false;
    async function* source() {
      try {
        yield file;
      } finally {
        closed = true;
      }
    }
    await expect(collect(decryptBlobFile(source(), TEST_DEK))).rejects.toThrow(RangeError);
    expect(closed).toBe(true);
  });

  it('names a file cut inside a chunk, and bytes appended', async () => {
    const file = await fileOf(randomData(100), 1000);
    await expect(
      collect(decryptBlobFile([file.subarray(0, 57 + 1016 + 30)], TEST_DEK, { size: 100 })),
    ).rejects.toMatchObject({ chunkIndex: 1 });
    const longer = new Uint8Array(file.length + 5);
    longer.set(file);
    await expect(collect(decryptBlobFile([longer], TEST_DEK, { size: 100 }))).rejects.toMatchObject(
      {
        chunkIndex: 4,
        problem: 'authentication',
      },
    );
  });
});
