import { KeyObject, randomBytes } from 'node:crypto';
import { blob } from '@casebook/vault';
import { describe, expect, it, vi } from 'vitest';
import { nodeOpenChunk, nodeSealChunk } from './node-seal';

const header = () => new Uint8Array(randomBytes(40));

async function encryptAll(plaintext: Uint8Array, salt: Uint8Array, sealer?: blob.ChunkSealer) {
  const dek = new Uint8Array(32).fill(7);
  const blobId = new Uint8Array(16).fill(9);
  const out: Uint8Array[] = [];
  for await (const item of blob.encryptBlob([plaintext], {
    dek,
    blobId,
    chunkSize: 1000,
    random: () => salt,
    ...(sealer && { sealer }),
  })) {
    if (item.type === 'header') out.push(item.header);
    if (item.type === 'chunk') out.push(item.chunk);
  }
  return Buffer.concat(out);
}

describe("node:crypto's AES-256-GCM for chunks", () => {
  // First in the file: Node prints a deprecation once per process, so a later test would see
  // nothing either way (the CLI's own check is failures.test.ts, on Node 24 in CI).
  it('prints no deprecation warning on Node 24 (DEP0204), and others still reach the terminal', async () => {
    const seen: string[] = [];
    const onWarning = (w: Error & { code?: string }) => {
      seen.push(w.code ?? w.name);
    };
    process.on('warning', onWarning);
    try {
      const key = await blob.derivePayloadKey(new Uint8Array(randomBytes(32)), header(), 2);
      await nodeSealChunk(key, header(), 0, new Uint8Array(10), true);
      // Control: a warning of another code, emitted right after, is not held back.
      process.emitWarning('a test warning', { code: 'CASEBOOK_TEST' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(seen).toEqual(['CASEBOOK_TEST']);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it("gives WebCrypto's bytes exactly, for any index, last flag, header and length", async () => {
    const key = await blob.derivePayloadKey(new Uint8Array(randomBytes(32)), header(), 2);
    for (const [index, length] of [
      [0, 0],
      [1, 1],
      [2, 15],
      [3, 16],
      [4, 17],
      [2 ** 32 + 5, 1000],
      [2 ** 40, 65_537],
    ] as const) {
      for (const isLast of [false, true]) {
        const aad = header();
        const plaintext = new Uint8Array(randomBytes(length));
        const ours = await nodeSealChunk(key, aad, index, plaintext, isLast);
        const webCrypto = await blob.sealChunk(key, aad, index, plaintext, isLast);
        expect(Buffer.from(ours).equals(Buffer.from(webCrypto))).toBe(true);
      }
    }
  });

  it('differs when anything bound into the chunk differs (the comparison can fail)', async () => {
    const key = await blob.derivePayloadKey(new Uint8Array(randomBytes(32)), header(), 2);
    const aad = header();
    const plaintext = new Uint8Array(randomBytes(100));
    const base = Buffer.from(await nodeSealChunk(key, aad, 3, plaintext, false));
    const last = Buffer.from(await blob.sealChunk(key, aad, 3, plaintext, true));
    const other = Buffer.from(await blob.sealChunk(key, aad, 4, plaintext, false));
    expect(base.equals(last)).toBe(false);
    expect(base.equals(other)).toBe(false);
  });

  it('makes a whole encrypted file byte for byte as WebCrypto does', async () => {
    const plaintext = new Uint8Array(randomBytes(4321));
    const salt = new Uint8Array(randomBytes(blob.BLOB_SALT_LENGTH));
    const a = await encryptAll(plaintext, salt, nodeSealChunk);
    const b = await encryptAll(plaintext, salt);
    expect(a.length).toBeGreaterThan(plaintext.length);
    expect(a.equals(b)).toBe(true);
    // Positive control: another salt gives another key, so other bytes.
    const c = await encryptAll(
      plaintext,
      new Uint8Array(randomBytes(blob.BLOB_SALT_LENGTH)),
      nodeSealChunk,
    );
    expect(a.equals(c)).toBe(false);
  });

  it("opens what WebCrypto sealed, and refuses exactly what WebCrypto's openChunk refuses", async () => {
    const key = await blob.derivePayloadKey(new Uint8Array(randomBytes(32)), header(), 2);
    const other = await blob.derivePayloadKey(new Uint8Array(randomBytes(32)), header(), 2);
    for (const length of [0, 1, 16, 1000, 65_537]) {
      const aad = header();
      const plaintext = new Uint8Array(randomBytes(length));
      const sealed = await blob.sealChunk(key, aad, 7, plaintext, true);
      const opened = await nodeOpenChunk(key, aad, 7, sealed, true);
      expect(opened && Buffer.from(opened).equals(Buffer.from(plaintext))).toBe(true);
      const flipped = Uint8Array.from(sealed);
      flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 1;
      const cases: [CryptoKey, Uint8Array, number, Uint8Array, boolean][] = [
        [key, aad, 7, flipped, true],
        [key, header(), 7, sealed, true],
        [key, aad, 8, sealed, true],
        [key, aad, 7, sealed, false],
        [other, aad, 7, sealed, true],
        [key, aad, 7, sealed.subarray(0, 15), true],
      ];
      for (const args of cases) {
        expect(await nodeOpenChunk(...args)).toBeUndefined();
        expect(await blob.openChunk(...args)).toBeUndefined();
      }
    }
  });

  it('falls back to WebCrypto, with the same bytes, where Node gives no KeyObject', async () => {
    const from = vi.spyOn(KeyObject, 'from').mockImplementation(() => {
      throw new TypeError('refused');
    });
    try {
      const key = await blob.derivePayloadKey(new Uint8Array(randomBytes(32)), header(), 2);
      const aad = header();
      const plaintext = new Uint8Array(randomBytes(300));
      const ours = await nodeSealChunk(key, aad, 2, plaintext, false);
      expect(from).toHaveBeenCalled();
      const webCrypto = await blob.sealChunk(key, aad, 2, plaintext, false);
      expect(Buffer.from(ours).equals(Buffer.from(webCrypto))).toBe(true);
      const opened = await nodeOpenChunk(key, aad, 2, ours, false);
      expect(opened && Buffer.from(opened).equals(Buffer.from(plaintext))).toBe(true);
    } finally {
      from.mockRestore();
    }
  });
});
