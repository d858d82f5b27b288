import { describe, expect, it } from 'vitest';
import { BlobHeaderError, BlobIntegrityError } from './blob-errors';
import { decryptBlob, decryptChunk } from './decrypt-stream';
import { derivePayloadKey } from './payload-key';
import { collect, encryptAll, fixedRandom, randomData, TEST_BLOB_ID, TEST_DEK } from './test-kit';

const CS = 64;
// Five chunks: four full, the last with 10 bytes.
const DATA = randomData(4 * CS + 10);

async function blob(opts: Parameters<typeof encryptAll>[1] = {}) {
  return encryptAll([DATA], { chunkSize: CS, version: 1, ...opts });
}

function flip(bytes: Uint8Array, byte: number, bit = 0): Uint8Array {
  const copy = bytes.slice();
  copy[byte] = (copy[byte] ?? 0) ^ (1 << bit);
  return copy;
}

async function failure(header: Uint8Array, chunks: Uint8Array[], dek = TEST_DEK) {
  try {
    await collect(decryptBlob(header, chunks, dek));
  } catch (error) {
    return error;
  }
  throw new Error('decryption succeeded');
}

async function integrityFailure(header: Uint8Array, chunks: Uint8Array[], dek = TEST_DEK) {
  const error = await failure(header, chunks, dek);
  expect(error).toBeInstanceOf(BlobIntegrityError);
  const { chunkIndex, problem, message } = error as BlobIntegrityError;
  return { chunkIndex, problem, message };
}

// v1 blobs; v2 (padded) has its own tamper tests in decrypt-stream-v2.test.ts.
describe('decryptBlob (v1)', () => {
  it('opens the untampered blob (positive control for every case below)', async () => {
    const { header, chunks } = await blob();
    expect(chunks.length).toBe(5);
    expect(await collect(decryptBlob(header, chunks, TEST_DEK))).toEqual(DATA);
  });

  it('names a bit flip in any chunk body or tag', async () => {
    const { header, chunks } = await blob();
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i] ?? new Uint8Array();
      for (const byte of [0, chunk.length - 17, chunk.length - 16, chunk.length - 1]) {
        const tampered = chunks.slice();
        tampered[i] = flip(chunk, byte, 3);
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

  it('names a changed nonce: wrong counter or wrong last-chunk flag', async () => {
    const { header, chunks } = await blob();
    const key = await derivePayloadKey(TEST_DEK, header.subarray(25));
    const c1 = chunks[1] ?? new Uint8Array();
    expect(await decryptChunk(header, 1, c1, false, key)).toEqual(DATA.subarray(CS, 2 * CS));
    await expect(decryptChunk(header, 2, c1, false, key)).rejects.toMatchObject({
      chunkIndex: 2,
      problem: 'authentication',
    });
    await expect(decryptChunk(header, 1, c1, true, key)).rejects.toMatchObject({
      chunkIndex: 1,
      problem: 'authentication',
    });
  });

  it('names a dropped final chunk: the stream ends early', async () => {
    const { header, chunks } = await blob();
    expect(await integrityFailure(header, chunks.slice(0, 4))).toMatchObject({
      chunkIndex: 4,
      problem: 'truncated',
      message: 'stream ended before the final chunk (chunk 4 is missing)',
    });
  });

  it('names a stream with no chunks at all', async () => {
    const { header } = await blob();
    expect(await integrityFailure(header, [])).toMatchObject({
      chunkIndex: 0,
      problem: 'truncated',
    });
  });

  it('names a dropped middle chunk', async () => {
    const { header, chunks } = await blob();
    const tampered = [...chunks.slice(0, 2), ...chunks.slice(3)];
    expect(await integrityFailure(header, tampered)).toMatchObject({
      chunkIndex: 2,
      problem: 'authentication',
    });
  });

  it('names a truncated final chunk', async () => {
    const { header, chunks } = await blob();
    const last = chunks[4] ?? new Uint8Array();
    expect(await integrityFailure(header, [...chunks.slice(0, 4), last.subarray(0, 20)])).toEqual({
      chunkIndex: 4,
      problem: 'authentication',
      message: 'chunk 4 failed authentication',
    });
    expect(
      await integrityFailure(header, [...chunks.slice(0, 4), last.subarray(0, 15)]),
    ).toMatchObject({
      chunkIndex: 4,
      problem: 'chunk-length',
    });
  });

  it('names reordered chunks', async () => {
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
    // The final chunk moved forward: it authenticates as last at no other place.
    expect(await integrityFailure(header, [c0, c1, c2, c4, c3])).toMatchObject({
      chunkIndex: 3,
      problem: 'chunk-length',
    });
  });

  it('names a duplicated chunk', async () => {
    const { header, chunks } = await blob();
    const [c0, c1, c2, c3, c4] = chunks as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    expect(await integrityFailure(header, [c0, c1, c1, c2, c3, c4])).toMatchObject({
      chunkIndex: 2,
      problem: 'authentication',
    });
  });

  it('names data after the final chunk', async () => {
    const { header, chunks } = await blob();
    const last = chunks[4] ?? new Uint8Array();
    expect(await integrityFailure(header, [...chunks, last])).toEqual({
      chunkIndex: 5,
      problem: 'trailing-data',
      message: 'data after the final chunk (chunk 4 is marked last, chunk 5 follows)',
    });
    expect(await integrityFailure(header, [...chunks, new Uint8Array(3)])).toMatchObject({
      chunkIndex: 5,
      problem: 'trailing-data',
    });
  });

  it('names data after a full-size final chunk', async () => {
    const { header, chunks } = await encryptAll([DATA.subarray(0, 2 * CS)], {
      chunkSize: CS,
      version: 1,
    });
    expect(chunks.length).toBe(2);
    expect(await integrityFailure(header, [...chunks, new Uint8Array(CS + 16)])).toMatchObject({
      chunkIndex: 2,
      problem: 'trailing-data',
    });
    expect(await integrityFailure(header, chunks.slice(0, 1))).toMatchObject({
      chunkIndex: 1,
      problem: 'truncated',
    });
  });

  it('names a chunk spliced from another blob under the same DEK and blob id', async () => {
    const a = await blob();
    const b = await blob();
    const tampered = a.chunks.slice();
    tampered[2] = b.chunks[2] ?? new Uint8Array();
    expect(await integrityFailure(a.header, tampered)).toMatchObject({
      chunkIndex: 2,
      problem: 'authentication',
    });
  });

  it('names a chunk spliced from another blob even with the same payload key (same salt)', async () => {
    const a = await blob({ random: fixedRandom(1) });
    const b = await blob({ random: fixedRandom(1), blobId: new Uint8Array(16).fill(0xee) });
    // Positive control: only the blob id differs, so the payload key is the same.
    expect(a.header.subarray(25)).toEqual(b.header.subarray(25));
    const tampered = a.chunks.slice();
    tampered[1] = b.chunks[1] ?? new Uint8Array();
    expect(await integrityFailure(a.header, tampered)).toMatchObject({
      chunkIndex: 1,
      problem: 'authentication',
    });
  });

  it('names a chunk longer than the chunk size allows', async () => {
    const { header, chunks } = await blob();
    const tampered = chunks.slice();
    tampered[1] = new Uint8Array(CS + 17);
    expect(await integrityFailure(header, tampered)).toMatchObject({
      chunkIndex: 1,
      problem: 'chunk-length',
    });
  });

  it('fails at chunk 0 under the wrong DEK', async () => {
    const { header, chunks } = await blob();
    expect(await integrityFailure(header, chunks, new Uint8Array(32).fill(8))).toMatchObject({
      chunkIndex: 0,
      problem: 'authentication',
    });
  });

  it('refuses an empty final chunk after other chunks', async () => {
    // Only a key holder can make one; v1 never writes it, so readers refuse it.
    const { header, chunks } = await encryptAll([DATA.subarray(0, CS + 1)], {
      chunkSize: CS,
      version: 1,
    });
    const key = await derivePayloadKey(TEST_DEK, header.subarray(25));
    const iv = new Uint8Array(12);
    iv[10] = 1; // chunk 1
    iv[11] = 1; // last
    const emptyLast = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: header.slice() },
        key,
        new Uint8Array(),
      ),
    );
    const full0 = chunks[0] ?? new Uint8Array();
    expect(await integrityFailure(header, [full0, emptyLast])).toMatchObject({
      chunkIndex: 1,
      problem: 'empty-final',
    });
  });

  it('refuses an unknown magic or version with a BlobHeaderError', async () => {
    const { header, chunks } = await blob();
    const wrongVersion = header.slice();
    wrongVersion[4] = 9;
    await expect(collect(decryptBlob(wrongVersion, chunks, TEST_DEK))).rejects.toMatchObject({
      name: 'BlobHeaderError',
      problem: 'unsupported-version',
    });
    await expect(collect(decryptBlob(new Uint8Array(57), chunks, TEST_DEK))).rejects.toBeInstanceOf(
      BlobHeaderError,
    );
  });

  it('stops at an aborted signal', async () => {
    const { header, chunks } = await blob();
    await expect(
      collect(decryptBlob(header, chunks, TEST_DEK, { signal: AbortSignal.abort() })),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('opens an empty file, which is one empty final chunk', async () => {
    const { header, chunks } = await encryptAll([], {
      chunkSize: CS,
      blobId: TEST_BLOB_ID,
      version: 1,
    });
    expect(chunks.map((c) => c.length)).toEqual([16]);
    expect(await collect(decryptBlob(header, chunks, TEST_DEK))).toEqual(new Uint8Array());
  });
});
