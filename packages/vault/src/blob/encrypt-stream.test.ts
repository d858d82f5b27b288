import { createDecipheriv, createHash, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOB_HEADER_LENGTH, DEFAULT_CHUNK_SIZE } from './blob-header';
import { type ChunkSealer, sealChunk, TAG_LENGTH } from './chunk-cipher';
import { decryptBlob } from './decrypt-stream';
import { encryptBlob } from './encrypt-stream';
import {
  collect,
  encryptAll,
  fixedRandom,
  randomData,
  split,
  TEST_BLOB_ID,
  TEST_DEK,
} from './test-kit';

const nodeSha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function roundTrip(data: Uint8Array, pieceSizes: number[], chunkSize: number) {
  const out = await encryptAll(split(data, pieceSizes), { chunkSize, version: 1 });
  const plain = await collect(decryptBlob(out.header, out.chunks, TEST_DEK));
  return { out, plain };
}

// Layout checks here are v1's (version: 1); encrypt-stream-v2.test.ts covers the padded v2.
describe('encryptBlob', () => {
  const cs = 64;
  const cases: [string, number, number][] = [
    ['an empty file', 0, 1],
    ['one byte', 1, 1],
    ['chunkSize - 1', cs - 1, 1],
    ['exactly chunkSize', cs, 1],
    ['chunkSize + 1', cs + 1, 2],
    ['exactly 3 chunks', 3 * cs, 3],
    ['several chunks and a bit', 5 * cs + 17, 6],
  ];
  for (const [name, size, chunkCount] of cases) {
    it(`round-trips ${name} (${size} bytes → ${chunkCount} chunks)`, async () => {
      const data = randomData(size);
      const { out, plain } = await roundTrip(data, [7, 1, 130, 64, 3], cs);
      expect(plain).toEqual(data);
      expect(out.size).toBe(size);
      expect(out.chunkCount).toBe(chunkCount);
      expect(out.chunks.length).toBe(chunkCount);
      expect(out.sha256).toBe(nodeSha256(data));
      expect(out.header.length).toBe(BLOB_HEADER_LENGTH);
      // Every chunk but the last holds exactly chunkSize bytes; the last the rest.
      out.chunks.forEach((chunk, i) => {
        const expected = i < chunkCount - 1 ? cs : size - cs * (chunkCount - 1);
        expect(chunk.length).toBe(expected + TAG_LENGTH);
      });
    });
  }

  it('round-trips any size cut into any pieces (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 700 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 100 }),
        async (data, pieces, chunkSize) => {
          const { out, plain } = await roundTrip(data, pieces, chunkSize);
          expect(plain).toEqual(data);
          expect(out.chunkCount).toBe(Math.max(1, Math.ceil(data.length / chunkSize)));
          expect(out.sha256).toBe(nodeSha256(data));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('round-trips with the real 1 MiB chunk size', async () => {
    const data = randomData(DEFAULT_CHUNK_SIZE * 2 + 12345);
    const { out, plain } = await roundTrip(data, [65536, 100_001, 3], DEFAULT_CHUNK_SIZE);
    expect(out.chunkCount).toBe(3);
    expect(out.chunks[0]?.length).toBe(DEFAULT_CHUNK_SIZE + TAG_LENGTH);
    expect(plain.length).toBe(data.length);
    expect(Buffer.compare(plain, data)).toBe(0);
    expect(out.sha256).toBe(nodeSha256(data));
  });

  it('writes 1 MiB exactly as one full final chunk', async () => {
    const data = randomData(DEFAULT_CHUNK_SIZE);
    const out = await encryptAll([data], { version: 1 });
    expect(out.chunkCount).toBe(1);
    expect(out.chunks[0]?.length).toBe(DEFAULT_CHUNK_SIZE + TAG_LENGTH);
  });

  it('produces chunks node:crypto can open with the documented nonce and associated data', async () => {
    const data = randomData(150);
    const out = await encryptAll([data], { chunkSize: 64, version: 1 });
    const salt = out.header.subarray(25, 57);
    const key = Buffer.from(hkdfSync('sha256', TEST_DEK, salt, 'casebook blob v1', 32));
    const opened = out.chunks.map((chunk, i) => {
      const nonce = Buffer.alloc(12);
      nonce.writeUInt32BE(i, 7);
      nonce[11] = i === out.chunks.length - 1 ? 1 : 0;
      const decipher = createDecipheriv('aes-256-gcm', key, nonce);
      decipher.setAAD(out.header);
      decipher.setAuthTag(chunk.subarray(chunk.length - 16));
      return Buffer.concat([
        decipher.update(chunk.subarray(0, chunk.length - 16)),
        decipher.final(),
      ]);
    });
    expect(new Uint8Array(Buffer.concat(opened))).toEqual(data);
  });

  it('computes the SHA-256 with an injected node:crypto hasher identically', async () => {
    const data = randomData(1000);
    const out = await encryptAll(split(data, [33]), {
      chunkSize: 100,
      hasher: () => createHash('sha256'),
    });
    expect(out.sha256).toBe(nodeSha256(data));
  });

  it('works with a hasher on another thread: whole chunks in order, waits when asked, async digest', async () => {
    const data = randomData(1000);
    const seen: number[] = [];
    let waiting = false;
    const hasher = () => {
      const inner = createHash('sha256');
      return {
        update(bytes: Uint8Array) {
          expect(waiting).toBe(false); // never called again before its last wait is over
          seen.push(bytes.length);
          inner.update(bytes.slice()); // a thread gets a copy
          waiting = true;
          return new Promise<void>((resolve) =>
            setTimeout(() => {
              waiting = false;
              resolve();
            }, 1),
          );
        },
        digest: async () => new Uint8Array(inner.digest()),
      };
    };
    const out = await encryptAll(split(data, [33, 7, 500]), { chunkSize: 100, hasher });
    expect(out.sha256).toBe(nodeSha256(data));
    expect(seen).toEqual(Array(10).fill(100)); // the last chunk is full, not an empty eleventh
  });

  it('seals several chunks at once, in order, to the same bytes, however the seals finish', async () => {
    const data = randomData(1000);
    const options = { chunkSize: 64, random: fixedRandom(3) };
    const one = await encryptAll(split(data, [33, 7, 500]), options);
    let inFlight = 0;
    let most = 0;
    // Later chunks finish first (a second thread that is quicker), and each sealer copies.
    const sealer: ChunkSealer = async (key, header, index, plaintext, isLast) => {
      const copy = plaintext.slice();
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, index % 3 === 0 ? 6 : 1));
      inFlight--;
      return sealChunk(key, header, index, copy, isLast);
    };
    for (const sealAhead of [2, 3]) {
      most = 0;
      const many = await encryptAll(split(data, [33, 7, 500]), { ...options, sealer, sealAhead });
      expect(many.header).toEqual(one.header);
      expect(many.chunks).toEqual(one.chunks);
      expect(many.sha256).toBe(one.sha256);
      expect(most).toBe(sealAhead); // positive control: the seals did overlap
    }
    const plain = await collect(decryptBlob(one.header, one.chunks, TEST_DEK, { size: one.size }));
    expect(plain).toEqual(data);
  });

  it('refuses a sealAhead outside 1..8', async () => {
    for (const sealAhead of [0, 9, 1.5]) {
      await expect(
        collectItems(encryptBlob([], { dek: TEST_DEK, blobId: TEST_BLOB_ID, sealAhead })),
      ).rejects.toThrow(RangeError);
    }
  });

  it('reads a web ReadableStream', async () => {
    const data = randomData(300);
    const stream = new Blob([data]).stream();
    const out = await collectItems(
      encryptBlob(stream, { dek: TEST_DEK, blobId: TEST_BLOB_ID, chunkSize: 64, version: 1 }),
    );
    expect(await collect(decryptBlob(out.header, out.chunks, TEST_DEK))).toEqual(data);
  });

  it('reports progress as cumulative bytes read', async () => {
    const seen: number[] = [];
    await encryptAll(split(randomData(100), [30]), {
      chunkSize: 64,
      onProgress: (n) => seen.push(n),
    });
    expect(seen).toEqual([30, 60, 90, 100]);
  });

  it('uses a fresh random salt per blob', async () => {
    const a = await encryptAll([new Uint8Array(10)]);
    const b = await encryptAll([new Uint8Array(10)]);
    expect(a.header.subarray(25)).not.toEqual(b.header.subarray(25));
    expect(a.chunks[0]).not.toEqual(b.chunks[0]);
  });

  it('stops and throws AbortError when the signal aborts', async () => {
    const controller = new AbortController();
    let produced = 0;
    let sourceClosed = false;
    async function* endless() {
      try {
        for (;;) {
          produced++;
          yield new Uint8Array(50);
        }
      } finally {
        sourceClosed = true;
      }
    }
    const run = collectItems(
      encryptBlob(endless(), {
        dek: TEST_DEK,
        blobId: TEST_BLOB_ID,
        chunkSize: 64,
        signal: controller.signal,
        onProgress: (n) => {
          if (n >= 1000) controller.abort();
        },
      }),
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(sourceClosed).toBe(true);
    expect(produced).toBeLessThan(25);
  });

  it('does not start when the signal is already aborted', async () => {
    const run = collectItems(
      encryptBlob([new Uint8Array(5)], {
        dek: TEST_DEK,
        blobId: TEST_BLOB_ID,
        signal: AbortSignal.abort(),
      }),
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('never seals a stream cut short by an abort as a whole file', async () => {
    const controller = new AbortController();
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        c.enqueue(new Uint8Array(10));
      },
      cancel() {
        cancelled = true;
      },
    });
    const items: string[] = [];
    const run = (async () => {
      for await (const item of encryptBlob(stream, {
        dek: TEST_DEK,
        blobId: TEST_BLOB_ID,
        chunkSize: 64,
        signal: controller.signal,
        onProgress: (n) => {
          if (n >= 200) controller.abort();
        },
      })) {
        items.push(item.type);
      }
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(items).not.toContain('end');
    expect(cancelled).toBe(true);
  });

  it('refuses a wrong-length DEK or blob id and a bad chunk size', async () => {
    const run = (opts: Parameters<typeof encryptBlob>[1]) => collectItems(encryptBlob([], opts));
    await expect(run({ dek: new Uint8Array(31), blobId: TEST_BLOB_ID })).rejects.toThrow(
      RangeError,
    );
    await expect(run({ dek: TEST_DEK, blobId: new Uint8Array(8) })).rejects.toThrow(RangeError);
    await expect(run({ dek: TEST_DEK, blobId: TEST_BLOB_ID, chunkSize: 0 })).rejects.toThrow(
      RangeError,
    );
  });
});

async function collectItems(items: ReturnType<typeof encryptBlob>) {
  let header: Uint8Array = new Uint8Array();
  const chunks: Uint8Array[] = [];
  for await (const item of items) {
    if (item.type === 'header') header = item.header;
    if (item.type === 'chunk') chunks.push(item.chunk);
  }
  return { header, chunks };
}
