import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptRange } from './decrypt-range';
import { collect, encryptAll, randomData, TEST_DEK } from './test-kit';

const CS = 64;

async function setup(size: number) {
  const data = randomData(size);
  const { header, chunks } = await encryptAll([data], { chunkSize: CS, version: 1 });
  const fetched: number[] = [];
  const getChunk = (index: number) => {
    fetched.push(index);
    return chunks[index];
  };
  return { data, header, chunks, fetched, getChunk };
}

describe('decryptRange (v1)', () => {
  it('equals the slice, touching only the chunks the range spans', async () => {
    const { data, header, fetched, getChunk } = await setup(5 * CS + 10);
    const range = (start: number, end: number) =>
      collect(decryptRange({ header, dek: TEST_DEK, size: data.length, start, end, getChunk }));
    expect(await range(70, 200)).toEqual(data.slice(70, 200));
    expect(fetched).toEqual([1, 2, 3]);
    fetched.length = 0;
    expect(await range(320, 330)).toEqual(data.slice(320, 330));
    expect(fetched).toEqual([5]);
    fetched.length = 0;
    expect(await range(64, 128)).toEqual(data.slice(64, 128));
    expect(fetched).toEqual([1]);
    fetched.length = 0;
    expect(await range(5, 5)).toEqual(new Uint8Array());
    expect(fetched).toEqual([]);
  });

  it('equals the slice for any range (property)', async () => {
    const { data, header, getChunk } = await setup(7 * CS + 33);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: data.length }),
        fc.integer({ min: 0, max: data.length }),
        async (a, b) => {
          const [start, end] = a <= b ? [a, b] : [b, a];
          const got = await collect(
            decryptRange({ header, dek: TEST_DEK, size: data.length, start, end, getChunk }),
          );
          expect(got).toEqual(data.slice(start, end));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('fails when the size is wrong (the last-chunk flag disagrees)', async () => {
    const { data, header, getChunk } = await setup(5 * CS + 10);
    const run = collect(
      decryptRange({ header, dek: TEST_DEK, size: 4 * CS, start: 200, end: 256, getChunk }),
    );
    await expect(run).rejects.toMatchObject({ chunkIndex: 3, problem: 'authentication' });
    // A size that is too large asks for a chunk 5 of the wrong length.
    const larger = collect(
      decryptRange({
        header,
        dek: TEST_DEK,
        size: data.length + 1,
        start: 320,
        end: 321,
        getChunk,
      }),
    );
    await expect(larger).rejects.toMatchObject({ chunkIndex: 5 });
  });

  it('names a missing or altered chunk', async () => {
    const { data, header, chunks } = await setup(3 * CS);
    const missing = collect(
      decryptRange({
        header,
        dek: TEST_DEK,
        size: data.length,
        start: 0,
        end: 100,
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
        size: data.length,
        start: 10,
        end: 150,
        getChunk: (i) => altered[i],
      }),
    );
    await expect(bad).rejects.toMatchObject({ chunkIndex: 1, problem: 'authentication' });
  });

  it('rejects a range outside the file', async () => {
    const { header, getChunk } = await setup(100);
    const run = (start: number, end: number) =>
      collect(decryptRange({ header, dek: TEST_DEK, size: 100, start, end, getChunk }));
    await expect(run(-1, 5)).rejects.toThrow(RangeError);
    await expect(run(50, 101)).rejects.toThrow(RangeError);
    await expect(run(60, 50)).rejects.toThrow(RangeError);
  });
});
