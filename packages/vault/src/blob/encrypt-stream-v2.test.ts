import { createDecipheriv, createHash, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobFileLength, writeBlobFile } from './blob-file';
import { BLOB_HEADER_LENGTH, DEFAULT_CHUNK_SIZE, parseBlobHeader } from './blob-header';
import { TAG_LENGTH } from './chunk-cipher';
import { chunkLayout } from './chunk-layout';
import { decryptBlob } from './decrypt-stream';
import { encryptBlob } from './encrypt-stream';
import { paddedPieces } from './padded-pieces';
import { paddedLength } from './padme';
import { storedChunkCount } from './stored-length';
import { collect, encryptAll, randomData, split, TEST_DEK } from './test-kit';

const nodeSha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function roundTrip(data: Uint8Array, chunkSize: number, pieces = [7, 1, 130, 64, 3]) {
  const out = await encryptAll(split(data, pieces), { chunkSize });
  const plain = await collect(decryptBlob(out.header, out.chunks, TEST_DEK, { size: data.length }));
  return { out, plain };
}

describe('encryptBlob v2 (padded)', () => {
  it('writes v2 unless asked for v1', async () => {
    const v2 = await encryptAll([new Uint8Array(10)]);
    const v1 = await encryptAll([new Uint8Array(10)], { version: 1 });
    expect(parseBlobHeader(v2.header)).toMatchObject({ ok: true, header: { version: 2 } });
    expect(parseBlobHeader(v1.header)).toMatchObject({ ok: true, header: { version: 1 } });
    expect(v2.chunks.map((c) => c.length)).toEqual([4096 + TAG_LENGTH]);
    expect(v1.chunks.map((c) => c.length)).toEqual([10 + TAG_LENGTH]);
  });

  for (const cs of [64, 1000, 4096, 5000]) {
    const sizes = [0, 1, 4095, 4096, 4097, cs - 1, cs, cs + 1, 3 * cs, 5 * cs + 17, 20_000];
    it(`round-trips sizes around 4 KiB and the chunk size ${cs}, laid out as documented`, async () => {
      for (const size of sizes) {
        const data = randomData(size);
        const { out, plain } = await roundTrip(data, cs);
        expect(plain).toEqual(data);
        expect(out.size).toBe(size);
        expect(out.sha256).toBe(nodeSha256(data));
        const layout = chunkLayout(size, cs, 2);
        expect(out.chunkCount).toBe(layout.count);
        expect(out.chunkCount).toBe(storedChunkCount(2, size, cs));
        expect(out.chunks.map((c) => c.length)).toEqual(
          Array.from({ length: layout.count }, (_, i) => layout.ciphertextLength(i)),
        );
        const file = await collect(writeBlobFile(out.header, out.chunks));
        expect(file.length).toBe(blobFileLength(size, cs, 2));
        expect(file.length).toBe(
          BLOB_HEADER_LENGTH + paddedLength(size) + TAG_LENGTH * layout.count,
        );
      }
    });
  }

  it('round-trips any size cut into any pieces (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 9000 }),
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 100, max: 3000 }),
        async (data, pieces, chunkSize) => {
          const { out, plain } = await roundTrip(data, chunkSize, pieces);
          expect(plain).toEqual(data);
          expect(out.chunkCount).toBe(storedChunkCount(2, data.length, chunkSize));
          expect(out.sha256).toBe(nodeSha256(data));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('round-trips with the real 1 MiB chunk size, padding in a final chunk of its own', async () => {
    // 2 MiB + 1 pads to 2 MiB + 64 KiB: chunk 2 holds one file byte and 65535 zeros.
    const data = randomData(2 * DEFAULT_CHUNK_SIZE + 1);
    const { out, plain } = await roundTrip(data, DEFAULT_CHUNK_SIZE, [65536, 100_001, 3]);
    expect(out.chunks.map((c) => c.length)).toEqual([
      DEFAULT_CHUNK_SIZE + TAG_LENGTH,
      DEFAULT_CHUNK_SIZE + TAG_LENGTH,
      65536 + TAG_LENGTH,
    ]);
    expect(Buffer.compare(plain, data)).toBe(0);
    expect(out.sha256).toBe(nodeSha256(data));
  });

  it('produces chunks node:crypto opens with "casebook blob v2": the file, then zeros', async () => {
    const data = randomData(150);
    const out = await encryptAll([data], { chunkSize: 1000 });
    const salt = out.header.subarray(25, 57);
    const key = Buffer.from(hkdfSync('sha256', TEST_DEK, salt, 'casebook blob v2', 32));
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
    const expected = new Uint8Array(4096);
    expected.set(data);
    expect(new Uint8Array(Buffer.concat(opened))).toEqual(expected);
  });

  it('hashes only the file bytes, one message per chunk that holds any', async () => {
    const seen: number[] = [];
    const hasher = () => {
      const inner = createHash('sha256');
      return {
        update(bytes: Uint8Array) {
          seen.push(bytes.length);
          inner.update(bytes);
        },
        digest: () => new Uint8Array(inner.digest()),
      };
    };
    const data = randomData(250);
    const out = await encryptAll(split(data, [33]), { chunkSize: 100, hasher });
    expect(out.sha256).toBe(nodeSha256(data));
    expect(seen).toEqual([100, 100, 50]);
    expect(out.chunkCount).toBe(41); // 4096 bytes stored
  });

  it('reports progress in file bytes only, never the padding', async () => {
    const seen: number[] = [];
    await encryptAll(split(randomData(100), [30]), {
      chunkSize: 64,
      onProgress: (n) => seen.push(n),
    });
    expect(seen).toEqual([30, 60, 90, 100]);
  });

  it('stops with AbortError during the padding, before any end item', async () => {
    const controller = new AbortController();
    const items: string[] = [];
    const run = (async () => {
      for await (const item of encryptBlob([new Uint8Array(10)], {
        dek: TEST_DEK,
        blobId: new Uint8Array(16),
        chunkSize: 64,
        signal: controller.signal,
      })) {
        items.push(item.type);
        if (items.length === 5) controller.abort();
      }
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(items.length).toBe(5);
    expect(items).not.toContain('end');
  });
});

describe('paddedPieces', () => {
  it('pads a 1 GiB + 1 byte file with 32 MiB of zeros, at most one chunk at a time', async () => {
    // The source repeats one 1 MiB buffer, so nothing here holds the file or its padding.
    const mib = new Uint8Array(DEFAULT_CHUNK_SIZE);
    function* source() {
      for (let i = 0; i < 1024; i++) yield mib;
      yield new Uint8Array(1);
    }
    let data = 0;
    let padding = 0;
    let largest = 0;
    const zeroBuffers = new Set<ArrayBufferLike>();
    for await (const { piece, padding: isPadding } of paddedPieces(
      source(),
      2,
      DEFAULT_CHUNK_SIZE,
      undefined,
    )) {
      if (!isPadding) {
        expect(padding).toBe(0); // padding only ever follows the file
        data += piece.length;
        continue;
      }
      padding += piece.length;
      largest = Math.max(largest, piece.length);
      zeroBuffers.add(piece.buffer);
      expect(piece.every((b) => b === 0)).toBe(true);
    }
    expect(data).toBe(2 ** 30 + 1);
    expect(padding).toBe(paddedLength(2 ** 30 + 1) - (2 ** 30 + 1));
    expect(padding).toBe(2 ** 25 - 1);
    expect(largest).toBe(DEFAULT_CHUNK_SIZE);
    expect(zeroBuffers.size).toBe(1);
  });

  it('adds nothing for v1', async () => {
    const pieces: boolean[] = [];
    for await (const { padding } of paddedPieces([new Uint8Array(10)], 1, 64, undefined))
      pieces.push(padding);
    expect(pieces).toEqual([false]);
  });
});
