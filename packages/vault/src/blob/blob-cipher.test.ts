import { describe, expect, it } from 'vitest';
import { type ChunkBackend, chunkCipher, webCryptoChunkCipher } from './blob-cipher';
import { BlobIntegrityError } from './blob-errors';
import { requireBlobHeader } from './blob-header';
import { openChunk, sealChunk } from './chunk-cipher';
import { decryptBlob, decryptChunk } from './decrypt-stream';
import { encryptBlob } from './encrypt-stream';
import { derivePayloadKey } from './payload-key';
import { collect, encryptAll, fixedRandom, randomData, TEST_BLOB_ID, TEST_DEK } from './test-kit';

/** A backend whose key is not a CryptoKey: WebCrypto would refuse it if it were ever given one. */
function wrappedBackend() {
  const keys: { inner: CryptoKey }[] = [];
  const seen = { derived: [] as [Uint8Array, Uint8Array, number][], seals: 0, opens: 0 };
  const backend: ChunkBackend<{ inner: CryptoKey }> = {
    deriveKey: async (dek, salt, version) => {
      seen.derived.push([dek.slice(), salt.slice(), version]);
      const key = { inner: await derivePayloadKey(dek, salt, version) };
      keys.push(key);
      return key;
    },
    seal: (key, ...rest) => {
      seen.seals++;
      expect(keys).toContain(key);
      return sealChunk(key.inner, ...rest);
    },
    open: (key, ...rest) => {
      seen.opens++;
      expect(keys).toContain(key);
      return openChunk(key.inner, ...rest);
    },
  };
  return { cipher: chunkCipher(backend), seen };
}

describe('ChunkCipher', () => {
  for (const version of [1, 2] as const) {
    it(`seals a v${version} blob through its own key to WebCrypto's bytes, one key a blob`, async () => {
      const data = randomData(1000);
      const options = { chunkSize: 64, random: fixedRandom(5), version };
      const plain = await encryptAll(data, options);
      const { cipher, seen } = wrappedBackend();
      const through = await encryptAll(data, { ...options, cipher });
      expect(through.header).toEqual(plain.header);
      expect(through.chunks).toEqual(plain.chunks);
      expect(through.sha256).toBe(plain.sha256);
      expect(seen.derived).toEqual([[TEST_DEK, requireBlobHeader(plain.header).salt, version]]);
      expect(seen.seals).toBe(plain.chunkCount);
      expect(plain.chunkCount).toBeGreaterThan(2);
      // WebCrypto's own cipher is the default, byte for byte.
      const web = await encryptAll(data, { ...options, cipher: webCryptoChunkCipher });
      expect(web.chunks).toEqual(plain.chunks);
    });
  }

  it('refuses a sealer and a cipher together (a sealer takes WebCrypto’s key)', async () => {
    const run = encryptBlob([new Uint8Array(3)], {
      dek: TEST_DEK,
      blobId: TEST_BLOB_ID,
      sealer: sealChunk,
      cipher: webCryptoChunkCipher,
    });
    await expect(run.next()).rejects.toThrow(RangeError);
  });

  it('opens chunks for decryptChunk, and a refusal is the same integrity error', async () => {
    const data = randomData(300);
    const out = await encryptAll(data, { chunkSize: 64, version: 1 });
    const { salt, version } = requireBlobHeader(out.header);
    const { cipher, seen } = wrappedBackend();
    const blobCipher = await cipher.forBlob(TEST_DEK, salt, version);
    const pieces: Uint8Array[] = [];
    for (const [index, chunk] of out.chunks.entries()) {
      const isLast = index === out.chunks.length - 1;
      pieces.push(await decryptChunk(out.header, index, chunk, isLast, blobCipher));
    }
    expect(Buffer.concat(pieces).equals(Buffer.from(data))).toBe(true);
    expect(seen.opens).toBe(out.chunks.length);
    expect(await collect(decryptBlob(out.header, out.chunks, TEST_DEK))).toEqual(data);

    const flipped = Uint8Array.from(out.chunks[2] as Uint8Array);
    flipped[5] = (flipped[5] as number) ^ 1;
    const refusal = (key: Parameters<typeof decryptChunk>[4]) =>
      decryptChunk(out.header, 2, flipped, false, key).then(
        () => undefined,
        (error: unknown) => error,
      );
    const ours = await refusal(blobCipher);
    const web = await refusal(TEST_DEK);
    expect(ours).toBeInstanceOf(BlobIntegrityError);
    expect(ours).toMatchObject({ chunkIndex: 2, problem: 'authentication' });
    expect(web).toBeInstanceOf(BlobIntegrityError);
    expect(web).toMatchObject({
      chunkIndex: 2,
      problem: 'authentication',
      message: (ours as Error).message,
    });
  });
});
