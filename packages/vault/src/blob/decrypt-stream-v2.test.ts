import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BlobHeaderError, BlobIntegrityError } from './blob-errors';
import { sealChunk } from './chunk-cipher';
import { decryptBlob, decryptChunk } from './decrypt-stream';
import { derivePayloadKey } from './payload-key';
import { collect, encryptAll, fixedRandom, randomData, TEST_DEK } from './test-kit';

const CS = 1000;
// 4500 bytes pad to 4608: five chunks, the last with 500 file bytes and 108 of padding.
const SIZE = 4500;
const DATA = randomData(SIZE);

async function blob(opts: Parameters<typeof encryptAll>[1] = {}) {
  return encryptAll([DATA], { chunkSize: CS, ...opts });
}

function flip(bytes: Uint8Array, byte: number, bit = 0): Uint8Array {
  const copy = bytes.slice();
  copy[byte] = (copy[byte] ?? 0) ^ (1 << bit);
  return copy;
}

async function failure(header: Uint8Array, chunks: Uint8Array[], size = SIZE, dek = TEST_DEK) {
  try {
    await collect(decryptBlob(header, chunks, dek, { size }));
  } catch (error) {
    return error;
  }
  throw new Error('decryption succeeded');
}

async function integrityFailure(header: Uint8Array, chunks: Uint8Array[], size = SIZE) {
  const error = await failure(header, chunks, size);
  expect(error).toBeInstanceOf(BlobIntegrityError);
  const { chunkIndex, problem, message } = error as BlobIntegrityError;
  return { chunkIndex, problem, message };
}

/** Re-encrypts chunk `index` with the right key after `change`, so it authenticates. */
async function reseal(
  header: Uint8Array,
  chunks: Uint8Array[],
  index: number,
  change: (plaintext: Uint8Array) => void,
) {
  const key = await derivePayloadKey(TEST_DEK, header.subarray(25), 2);
  const isLast = index === chunks.length - 1;
  const plaintext = await decryptChunk(
    header,
    index,
    chunks[index] ?? new Uint8Array(),
    isLast,
    key,
  );
  change(plaintext);
  const tampered = chunks.slice();
  tampered[index] = await sealChunk(key, header, index, plaintext, isLast);
  return tampered;
}

describe('decryptBlob (v2)', () => {
  it('opens the untampered blob (positive control for every case below)', async () => {
    const { header, chunks } = await blob();
    expect(header[4]).toBe(2);
    expect(chunks.map((c) => c.length)).toEqual([1016, 1016, 1016, 1016, 624]);
    expect(await collect(decryptBlob(header, chunks, TEST_DEK, { size: SIZE }))).toEqual(DATA);
  });

  it('opens an empty file: 4 KiB of padding, no file bytes', async () => {
    const { header, chunks } = await encryptAll([], { chunkSize: CS });
    expect(chunks.length).toBe(5);
    expect(await collect(decryptBlob(header, chunks, TEST_DEK, { size: 0 }))).toEqual(
      new Uint8Array(),
    );
  });

  it('needs the true size, and says so', async () => {
    const { header, chunks } = await blob();
    await expect(collect(decryptBlob(header, chunks, TEST_DEK))).rejects.toThrow(/size/);
    await expect(collect(decryptBlob(header, chunks, TEST_DEK))).rejects.toBeInstanceOf(RangeError);
  });

  it('names a bit flip in any chunk body or tag', async () => {
    const { header, chunks } = await blob();
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i] ?? new Uint8Array();
      for (const byte of [0, chunk.length - 17, chunk.length - 16, chunk.length - 1]) {
        const tampered = chunks.slice();
        tampered[i] = flip(chunk, byte, 5);
        expect(await integrityFailure(header, tampered)).toEqual({
          chunkIndex: i,
          problem: 'authentication',
          message: `chunk ${i} failed authentication`,
        });
      }
    }
  });

  it('detects a bit flip anywhere in the header, with a typed error', async () => {
    const { header, chunks } = await blob();
    for (let byte = 0; byte < header.length; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const error = await failure(flip(header, byte, bit), chunks);
        if (byte < 4)
          expect(error).toMatchObject({ name: 'BlobHeaderError', problem: 'bad-magic' });
        else if (byte === 4) expect(error).toMatchObject({ problem: 'unsupported-version' });
        else if (byte < 9) expect(error).toBeInstanceOf(Error);
        else expect(error).toMatchObject({ chunkIndex: 0, problem: 'authentication' });
        expect(error instanceof BlobHeaderError || error instanceof BlobIntegrityError).toBe(true);
      }
    }
  });

  it('refuses a header relabelled as v1 (a downgrade): other key, other associated data', async () => {
    const { header, chunks } = await blob();
    const v1 = header.slice();
    v1[4] = 1;
    expect(await integrityFailure(v1, chunks)).toMatchObject({
      chunkIndex: 0,
      problem: 'authentication',
    });
    // Even with the right associated data, a v1 payload key does not open a v2 chunk.
    const v1Key = await derivePayloadKey(TEST_DEK, header.subarray(25), 1);
    await expect(
      decryptChunk(header, 0, chunks[0] ?? new Uint8Array(), false, v1Key),
    ).rejects.toMatchObject({
      problem: 'authentication',
    });
    // decryptChunk given the DEK derives the key for the header's version.
    expect(await decryptChunk(header, 0, chunks[0] ?? new Uint8Array(), false, TEST_DEK)).toEqual(
      DATA.subarray(0, CS),
    );
  });

  it('names a dropped final chunk, a dropped middle chunk and an empty stream', async () => {
    const { header, chunks } = await blob();
    expect(await integrityFailure(header, chunks.slice(0, 4))).toMatchObject({
      chunkIndex: 4,
      problem: 'truncated',
    });
    expect(
      await integrityFailure(header, [...chunks.slice(0, 2), ...chunks.slice(3)]),
    ).toMatchObject({
      chunkIndex: 2,
      problem: 'authentication',
    });
    expect(await integrityFailure(header, [])).toMatchObject({
      chunkIndex: 0,
      problem: 'truncated',
    });
  });

  it('names a truncated final chunk', async () => {
    const { header, chunks } = await blob();
    const last = chunks[4] ?? new Uint8Array();
    expect(
      await integrityFailure(header, [...chunks.slice(0, 4), last.subarray(0, 500)]),
    ).toMatchObject({
      chunkIndex: 4,
      problem: 'authentication',
    });
    expect(
      await integrityFailure(header, [...chunks.slice(0, 4), last.subarray(0, 15)]),
    ).toMatchObject({
      chunkIndex: 4,
      problem: 'chunk-length',
    });
  });

  it('names reordered and duplicated chunks', async () => {
    const { header, chunks } = await blob();
    const [c0, c1, c2, c3, c4] = chunks as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    expect(await integrityFailure(header, [c0, c2, c1, c3, c4])).toMatchObject({
      chunkIndex: 1,
      problem: 'authentication',
    });
    expect(await integrityFailure(header, [c0, c1, c2, c4, c3])).toMatchObject({
      chunkIndex: 3,
      problem: 'chunk-length',
    });
    expect(await integrityFailure(header, [c0, c1, c1, c2, c3, c4])).toMatchObject({
      chunkIndex: 2,
      problem: 'authentication',
    });
  });

  it('names data after the final chunk', async () => {
    const { header, chunks } = await blob();
    expect(
      await integrityFailure(header, [...chunks, chunks[4] ?? new Uint8Array()]),
    ).toMatchObject({
      chunkIndex: 5,
      problem: 'trailing-data',
    });
  });

  it('names a chunk spliced from another blob, even with the same salt', async () => {
    const a = await blob({ random: fixedRandom(1) });
    const b = await blob({ random: fixedRandom(1), blobId: new Uint8Array(16).fill(0xee) });
    expect(a.header.subarray(25)).toEqual(b.header.subarray(25));
    const tampered = a.chunks.slice();
    tampered[1] = b.chunks[1] ?? new Uint8Array();
    expect(await integrityFailure(a.header, tampered)).toMatchObject({
      chunkIndex: 1,
      problem: 'authentication',
    });
  });

  it('fails at chunk 0 under the wrong DEK', async () => {
    const { header, chunks } = await blob();
    const error = await failure(header, chunks, SIZE, new Uint8Array(32).fill(8));
    expect(error).toMatchObject({ chunkIndex: 0, problem: 'authentication' });
  });

  it('refuses a non-zero padding byte even when it authenticates (re-encrypted with the key)', async () => {
    const { header, chunks } = await blob();
    // Positive control: resealing without a change still opens.
    const same = await reseal(header, chunks, 4, () => undefined);
    expect(await collect(decryptBlob(header, same, TEST_DEK, { size: SIZE }))).toEqual(DATA);
    for (const at of [500, 607]) {
      const tampered = await reseal(header, chunks, 4, (p) => {
        p[at] = 1;
      });
      expect(await integrityFailure(header, tampered)).toMatchObject({
        chunkIndex: 4,
        problem: 'padding',
      });
    }
  });

  it('refuses a non-zero byte in a chunk that is only padding', async () => {
    // 5000 bytes pad to 5120: chunk 5 holds 120 bytes of padding and nothing else.
    const data = randomData(5000);
    const { header, chunks } = await encryptAll([data], { chunkSize: CS });
    expect(chunks.length).toBe(6);
    const tampered = await reseal(header, chunks, 5, (p) => {
      p[60] = 0xff;
    });
    expect(await integrityFailure(header, tampered, 5000)).toMatchObject({
      chunkIndex: 5,
      problem: 'padding',
    });
  });

  it('refuses a wrong size: smaller in the same bucket, or in another bucket', async () => {
    const { header, chunks } = await blob();
    // 4400 also pads to 4608: the file's bytes 4400.. are then "padding", and not zero.
    expect(await integrityFailure(header, chunks, 4400)).toMatchObject({
      chunkIndex: 4,
      problem: 'padding',
    });
    // 4000 pads to 4096: chunk 4 should hold 96 bytes, it holds 608.
    expect(await integrityFailure(header, chunks, 4000)).toMatchObject({
      chunkIndex: 4,
      problem: 'chunk-length',
    });
    // 9000 pads to 9216, ten chunks: the stream's last chunk comes at index 4.
    expect(await integrityFailure(header, chunks, 9000)).toEqual({
      chunkIndex: 4,
      problem: 'chunk-length',
      message: 'the file has 5 chunks where its size implies 10',
    });
    // 1000 pads to 4096: chunk 1 should be all padding, and holds the file's bytes.
    expect(await integrityFailure(header, chunks, 1000)).toMatchObject({
      chunkIndex: 1,
      problem: 'padding',
    });
  });

  it('reads padding zeros as the file for a larger size in the same bucket: the SHA-256 tells', async () => {
    // Why the size must come from the authenticated manifest, and files are checked by hash.
    const { header, chunks, sha256 } = await blob();
    const read = await collect(decryptBlob(header, chunks, TEST_DEK, { size: 4600 }));
    expect(read.subarray(0, SIZE)).toEqual(DATA);
    expect(read.length).toBe(4600);
    expect(createHash('sha256').update(read).digest('hex')).not.toBe(sha256);
  });

  it('checks a size given for a v1 blob too', async () => {
    const { header, chunks } = await blob({ version: 1 });
    expect(await collect(decryptBlob(header, chunks, TEST_DEK, { size: SIZE }))).toEqual(DATA);
    expect(await integrityFailure(header, chunks, SIZE + 1)).toMatchObject({ chunkIndex: 4 });
    expect(await integrityFailure(header, chunks, SIZE - 1)).toMatchObject({ chunkIndex: 4 });
  });
});
