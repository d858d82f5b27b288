import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealChunk } from './chunk-cipher';
import { decryptRange } from './decrypt-range';
import { decryptChunk } from './decrypt-stream';
import { derivePayloadKey } from './payload-key';
import { collect, encryptAll, randomData, TEST_DEK } from './test-kit';

const CS = 1000;

async function setup(size: number) {
  const data = randomData(size);
  const { header, chunks } = await encryptAll([data], { chunkSize: CS });
  const fetched: number[] = [];
  const getChunk = (index: number) => {
    fetched.push(index);
    return chunks[index];
  };
  const range = (start: number, end: number, claimed = size) =>
    collect(decryptRange({ header, dek: TEST_DEK, size: claimed, start, end, getChunk }));
  return { data, header, chunks, fetched, range };
}

describe('decryptRange (v2)', () => {
  it('serves only the file, touching only the chunks the range spans, never padding chunks', async () => {
    // 5000 bytes pad to 5120: chunk 5 is only padding.
    const { data, chunks, fetched, range } = await setup(5000);
    expect(chunks.length).toBe(6);
    expect(await range(1500, 3200)).toEqual(data.slice(1500, 3200));
    expect(fetched).toEqual([1, 2, 3]);
    fetched.length = 0;
    expect(await range(4990, 5000)).toEqual(data.slice(4990, 5000));
    expect(fetched).toEqual([4]);
    fetched.length = 0;
    expect(await range(0, 5000)).toEqual(data);
    expect(fetched).toEqual([0, 1, 2, 3, 4]);
    await expect(range(4990, 5001)).rejects.toThrow(RangeError); // padding is not served
  });

  it('equals the slice for any range (property)', async () => {
    const { data, range } = await setup(4500);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: data.length }),
        fc.integer({ min: 0, max: data.length }),
        async (a, b) => {
          const [start, end] = a <= b ? [a, b] : [b, a];
          expect(await range(start, end)).toEqual(data.slice(start, end));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a non-zero padding byte in a chunk it serves, even when it authenticates', async () => {
    const { header, chunks } = await setup(4500);
    const key = await derivePayloadKey(TEST_DEK, header.subarray(25), 2);
    const plaintext = await decryptChunk(header, 4, chunks[4] ?? new Uint8Array(), true, key);
    plaintext[600] = 9;
    const tampered = chunks.slice();
    tampered[4] = await sealChunk(key, header, 4, plaintext, true);
    const run = collect(
      decryptRange({
        header,
        dek: TEST_DEK,
        size: 4500,
        start: 4400,
        end: 4410,
        getChunk: (i) => tampered[i],
      }),
    );
    await expect(run).rejects.toMatchObject({ chunkIndex: 4, problem: 'padding' });
  });

  it('refuses a wrong size: padding that is not zero, or a layout that does not fit', async () => {
    const { range } = await setup(4500);
    await expect(range(4000, 4100, 4400)).rejects.toMatchObject({
      chunkIndex: 4,
      problem: 'padding',
    });
    // 9000 pads to 9216 (ten chunks): chunk 4 should be a full middle chunk.
    await expect(range(4000, 4100, 9000)).rejects.toMatchObject({
      chunkIndex: 4,
      problem: 'chunk-length',
    });
    // 4100 pads to 4352: chunk 4 is the last but should hold 352 bytes, it holds 608.
    await expect(range(4050, 4100, 4100)).rejects.toMatchObject({
      chunkIndex: 4,
      problem: 'chunk-length',
    });
  });

  it('names a missing or altered chunk', async () => {
    const { header, chunks } = await setup(3000);
    const missing = collect(
      decryptRange({
        header,
        dek: TEST_DEK,
        size: 3000,
        start: 0,
        end: 10,
        getChunk: () => undefined,
      }),
    );
    await expect(missing).rejects.toMatchObject({ chunkIndex: 0, problem: 'missing' });
    const altered = chunks.map((c) => c.slice());
    altered[1]?.fill(0, 0, 1);
    const bad = collect(
      decryptRange({
        header,
        dek: TEST_DEK,
        size: 3000,
        start: 10,
        end: 1500,
        getChunk: (i) => altered[i],
      }),
    );
    await expect(bad).rejects.toMatchObject({ chunkIndex: 1, problem: 'authentication' });
  });
});
