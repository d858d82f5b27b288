import { KeyObject, randomBytes } from 'node:crypto';
import { blob } from '@casebook/vault';
import { describe, expect, it, vi } from 'vitest';
import { nodeChunkCipher, nodeOpenChunk, nodePayloadKey, nodeSealChunk } from './node-seal';

const header = () => new Uint8Array(randomBytes(40));
const dek = () => new Uint8Array(randomBytes(blob.DEK_LENGTH));
const salt = () => new Uint8Array(randomBytes(blob.BLOB_SALT_LENGTH));
const same = (a: Uint8Array | undefined, b: Uint8Array) =>
  a !== undefined && Buffer.from(a).equals(Buffer.from(b));

/** node:crypto's key and WebCrypto's for the same DEK, salt and version. */
async function keyPair(version: blob.BlobVersion = 2) {
  const d = dek();
  const s = salt();
  return { node: nodePayloadKey(d, s, version), web: await blob.derivePayloadKey(d, s, version) };
}

interface Encrypted {
  readonly header: Uint8Array;
  readonly chunks: Uint8Array[];
  readonly size: number;
}

const FILE_DEK = new Uint8Array(32).fill(7);

async function encryptAll(
  plaintext: Uint8Array,
  options: { salt: Uint8Array; version: blob.BlobVersion; cipher?: blob.ChunkCipher },
): Promise<Encrypted> {
  let head: Uint8Array | undefined;
  const chunks: Uint8Array[] = [];
  let size = -1;
  for await (const item of blob.encryptBlob([plaintext], {
    dek: FILE_DEK,
    blobId: new Uint8Array(16).fill(9),
    chunkSize: 1000,
    version: options.version,
    random: () => options.salt,
    ...(options.cipher && { cipher: options.cipher }),
  })) {
    if (item.type === 'header') head = item.header;
    else if (item.type === 'chunk') chunks.push(item.chunk);
    else size = item.size;
  }
  if (!head) throw new Error('no header');
  return { header: head, chunks, size };
}

const bytesOf = (file: Encrypted) => Buffer.concat([file.header, ...file.chunks]);

/** WebCrypto alone, as the web app reads a file. */
async function webDecrypt(file: Encrypted): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of blob.decryptBlob(file.header, file.chunks, FILE_DEK, {
    size: file.size,
  }))
    parts.push(part);
  return Buffer.concat(parts);
}

/** node:crypto alone, chunk by chunk as the CLI's restore check reads a file. */
async function nodeDecrypt(file: Encrypted): Promise<Buffer> {
  const parsed = blob.parseBlobHeader(file.header);
  if (!parsed.ok) throw new Error(parsed.reason);
  const { salt: s, version, chunkSize } = parsed.header;
  const layout = blob.chunkLayout(file.size, chunkSize, version);
  const cipher = await nodeChunkCipher.forBlob(FILE_DEK, s, version);
  const parts: Uint8Array[] = [];
  for (const [index, chunk] of file.chunks.entries()) {
    const isLast = index === file.chunks.length - 1;
    const plain = await blob.decryptChunk(file.header, index, chunk, isLast, cipher);
    parts.push(blob.unpadChunk(layout, index, plain));
  }
  return Buffer.concat(parts);
}

const refusalOf = (run: Promise<unknown>) =>
  run.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("node:crypto's HKDF and AES-256-GCM for chunks", () => {
  // First in the file: Node prints a deprecation once per process, so a later test would see
  // nothing either way (the CLI's own check is failures.test.ts, on Node 24 in CI).
  it('never calls KeyObject.from, so prints no DEP0204 warning on Node 24; others still reach the terminal', async () => {
    const from = vi.spyOn(KeyObject, 'from');
    const seen: string[] = [];
    const onWarning = (w: Error & { code?: string }) => {
      seen.push(w.code ?? w.name);
    };
    process.on('warning', onWarning);
    try {
      // The whole path the CLI takes: a file sealed, then opened, through its cipher.
      const plaintext = new Uint8Array(randomBytes(2500));
      const file = await encryptAll(plaintext, {
        salt: salt(),
        version: 2,
        cipher: nodeChunkCipher,
      });
      expect((await nodeDecrypt(file)).equals(Buffer.from(plaintext))).toBe(true);
      expect(from).not.toHaveBeenCalled();
      // Control: the spy sees a call (an extractable key, which Node does not deprecate).
      const extractable = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
        'encrypt',
      ]);
      KeyObject.from(extractable);
      expect(from).toHaveBeenCalledTimes(1);
      // Control: a warning emitted right after reaches the listener.
      process.emitWarning('a test warning', { code: 'CASEBOOK_TEST' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(seen).toEqual(['CASEBOOK_TEST']);
    } finally {
      process.off('warning', onWarning);
      from.mockRestore();
    }
  });

  it("derives WebCrypto's payload key exactly, for both versions", async () => {
    for (const version of [1, 2] as const) {
      const d = dek();
      const s = salt();
      const key = nodePayloadKey(d, s, version);
      expect(key.type).toBe('secret');
      expect(key.symmetricKeySize).toBe(32);
      // WebCrypto's HKDF, as bits: what derivePayloadKey imports as its AES-256-GCM key.
      const ikm = await crypto.subtle.importKey('raw', d, 'HKDF', false, ['deriveBits']);
      const bits = await crypto.subtle.deriveBits(
        { name: 'HKDF', hash: 'SHA-256', salt: s, info: blob.payloadKeyInfo(version) },
        ikm,
        256,
      );
      expect(key.export().equals(Buffer.from(bits))).toBe(true);
      // And through the cipher: derivePayloadKey's own key seals to the same bytes.
      const aad = header();
      const plaintext = new Uint8Array(randomBytes(100));
      const web = await blob.derivePayloadKey(d, s, version);
      expect(
        same(
          await nodeSealChunk(key, aad, 1, plaintext, false),
          await blob.sealChunk(web, aad, 1, plaintext, false),
        ),
      ).toBe(true);
      // Control: the other version's key is another key.
      expect(key.equals(nodePayloadKey(d, s, version === 1 ? 2 : 1))).toBe(false);
    }
  });

  it('refuses the DEKs and versions derivePayloadKey refuses', async () => {
    const s = salt();
    expect(() => nodePayloadKey(new Uint8Array(16), s, 2)).toThrow(RangeError);
    await expect(blob.derivePayloadKey(new Uint8Array(16), s, 2)).rejects.toThrow(RangeError);
    expect(() => nodePayloadKey(dek(), s, 3 as unknown as 1)).toThrow(RangeError);
    await expect(nodeChunkCipher.forBlob(dek(), s, 3 as unknown as 1)).rejects.toThrow(RangeError);
  });

  it("gives WebCrypto's bytes exactly, for any index, last flag, header and length", async () => {
    const { node, web } = await keyPair();
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
        const ours = await nodeSealChunk(node, aad, index, plaintext, isLast);
        const webCrypto = await blob.sealChunk(web, aad, index, plaintext, isLast);
        expect(same(ours, webCrypto)).toBe(true);
      }
    }
  });

  it('differs when anything bound into the chunk differs (the comparison can fail)', async () => {
    const { node, web } = await keyPair();
    const aad = header();
    const plaintext = new Uint8Array(randomBytes(100));
    const base = await nodeSealChunk(node, aad, 3, plaintext, false);
    expect(same(base, await blob.sealChunk(web, aad, 3, plaintext, true))).toBe(false);
    expect(same(base, await blob.sealChunk(web, aad, 4, plaintext, false))).toBe(false);
    expect(same(base, await blob.sealChunk(web, aad, 3, plaintext, false))).toBe(true);
  });

  for (const version of [1, 2] as const) {
    it(`makes a whole v${version} file as WebCrypto does, and each reads the other's`, async () => {
      const plaintext = new Uint8Array(randomBytes(4321));
      const s = salt();
      const ours = await encryptAll(plaintext, { salt: s, version, cipher: nodeChunkCipher });
      const web = await encryptAll(plaintext, { salt: s, version });
      expect(ours.chunks.length).toBeGreaterThan(3);
      expect(bytesOf(ours).equals(bytesOf(web))).toBe(true);
      expect((await webDecrypt(ours)).equals(Buffer.from(plaintext))).toBe(true);
      expect((await nodeDecrypt(web)).equals(Buffer.from(plaintext))).toBe(true);
      // Positive control: another salt gives another key, so other bytes.
      const other = await encryptAll(plaintext, { salt: salt(), version, cipher: nodeChunkCipher });
      expect(bytesOf(ours).equals(bytesOf(other))).toBe(false);
    });

    it(`refuses a v${version} chunk with a wrong tag as WebCrypto does`, async () => {
      const plaintext = new Uint8Array(randomBytes(3500));
      const file = await encryptAll(plaintext, { salt: salt(), version, cipher: nodeChunkCipher });
      for (const at of [1, file.chunks.length - 1]) {
        const chunks = file.chunks.map((chunk) => Uint8Array.from(chunk));
        const chunk = chunks[at] as Uint8Array;
        chunk[chunk.length - 1] = (chunk[chunk.length - 1] as number) ^ 1;
        const damaged = { ...file, chunks };
        const ours = await refusalOf(nodeDecrypt(damaged));
        const webs = await refusalOf(webDecrypt(damaged));
        expect(ours).toBeInstanceOf(blob.BlobIntegrityError);
        expect(webs).toBeInstanceOf(blob.BlobIntegrityError);
        expect(ours).toMatchObject({ chunkIndex: at, problem: 'authentication' });
        expect(webs).toMatchObject({ chunkIndex: at, problem: 'authentication' });
      }
    });
  }

  it("opens what WebCrypto sealed, and refuses exactly what WebCrypto's openChunk refuses", async () => {
    const { node, web } = await keyPair();
    const other = await keyPair();
    for (const length of [0, 1, 16, 1000, 65_537]) {
      const aad = header();
      const plaintext = new Uint8Array(randomBytes(length));
      const sealed = await blob.sealChunk(web, aad, 7, plaintext, true);
      expect(same(await nodeOpenChunk(node, aad, 7, sealed, true), plaintext)).toBe(true);
      const flipped = Uint8Array.from(sealed);
      flipped[flipped.length - 1] = (flipped[flipped.length - 1] as number) ^ 1;
      const cases: [typeof other, Uint8Array, number, Uint8Array, boolean][] = [
        [{ node, web }, aad, 7, flipped, true],
        [{ node, web }, header(), 7, sealed, true],
        [{ node, web }, aad, 8, sealed, true],
        [{ node, web }, aad, 7, sealed, false],
        [other, aad, 7, sealed, true],
        [{ node, web }, aad, 7, sealed.subarray(0, 15), true],
      ];
      for (const [keys, ...args] of cases) {
        expect(await nodeOpenChunk(keys.node, ...args)).toBeUndefined();
        expect(await blob.openChunk(keys.web, ...args)).toBeUndefined();
      }
    }
  });
});
