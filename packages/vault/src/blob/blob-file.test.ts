import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlobHeaderError } from './blob-errors';
import { blobFileLength, decryptBlobFile, readBlobFile, writeBlobFile } from './blob-file';
import { collect, encryptAll, randomData, split, TEST_DEK } from './test-kit';

async function fileOf(data: Uint8Array, chunkSize: number) {
  const { header, chunks } = await encryptAll([data], { chunkSize, version: 1 });
  return collect(writeBlobFile(header, chunks));
}

describe('blob file (v1)', () => {
  it('is header ‖ chunks, of the predicted length', async () => {
    for (const size of [0, 1, 63, 64, 65, 300]) {
      const { header, chunks } = await encryptAll([randomData(size)], {
        chunkSize: 64,
        version: 1,
      });
      const file = await collect(writeBlobFile(header, chunks));
      expect(file.length).toBe(blobFileLength(size, 64));
      expect(file.subarray(0, 57)).toEqual(header);
    }
  });

  it('reads back into the same header and chunks, whatever the piece sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 90 }),
        async (data, pieces, chunkSize) => {
          const { header, chunks } = await encryptAll([data], { chunkSize, version: 1 });
          const file = await collect(writeBlobFile(header, chunks));
          const parts = await readBlobFile(split(file, pieces));
          expect(parts.header).toEqual(header);
          const cut: Uint8Array[] = [];
          for await (const chunk of parts.chunks) cut.push(chunk.slice());
          expect(cut).toEqual(chunks);
          expect(await collect(decryptBlobFile(split(file, pieces), TEST_DEK))).toEqual(data);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('reads a web ReadableStream', async () => {
    const data = randomData(500);
    const file = await fileOf(data, 64);
    expect(await collect(decryptBlobFile(new Blob([file]).stream(), TEST_DEK))).toEqual(data);
  });

  it('names a file cut inside the header or inside a chunk', async () => {
    const file = await fileOf(randomData(200), 64);
    await expect(readBlobFile([file.subarray(0, 40)])).rejects.toMatchObject({
      name: 'BlobHeaderError',
      problem: 'truncated',
    });
    await expect(readBlobFile([])).rejects.toBeInstanceOf(BlobHeaderError);
    await expect(
      collect(decryptBlobFile([file.subarray(0, 57 + 80 + 30)], TEST_DEK)),
    ).rejects.toMatchObject({
      chunkIndex: 1,
    });
    await expect(collect(decryptBlobFile([file.subarray(0, 57)], TEST_DEK))).rejects.toMatchObject({
      chunkIndex: 0,
      problem: 'truncated',
    });
  });

  it('names bytes appended to the file', async () => {
    const append = (file: Uint8Array) => {
      const longer = new Uint8Array(file.length + 5);
      longer.set(file);
      return [longer];
    };
    // Unframed, the extra bytes join the short last chunk, which then fails authentication…
    const short = await fileOf(randomData(100), 64);
    await expect(collect(decryptBlobFile(append(short), TEST_DEK))).rejects.toMatchObject({
      chunkIndex: 1,
      problem: 'authentication',
    });
    // …or, after a full last chunk, form a chunk of their own after the final one.
    const exact = await fileOf(randomData(128), 64);
    await expect(collect(decryptBlobFile(append(exact), TEST_DEK))).rejects.toMatchObject({
      chunkIndex: 2,
      problem: 'trailing-data',
    });
  });

  it('refuses something that is not a blob file before reading on', async () => {
    await expect(
      readBlobFile([new TextEncoder().encode('PK\u0003\u0004 not a blob')]),
    ).rejects.toMatchObject({
      problem: 'bad-magic',
    });
  });
});
