// Evidence files written by v1 must stay readable by every later version (SECURITY.md, test 6).
// The fixtures in test/golden were made once by the v1 writer; never regenerate them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decryptBlobFile, writeBlobFile } from './blob-file';
import { parseBlobHeader } from './blob-header';
import { encryptBlob } from './encrypt-stream';
import { collect } from './test-kit';

const GOLDEN = new URL('../../test/golden/', import.meta.url);

const hex = z.string().regex(/^([0-9a-f]{2})*$/);
const Vectors = z.object({
  vectors: z.array(
    z.object({
      file: z.string(),
      chunkSize: z.number().int(),
      dek: hex,
      blobId: hex,
      salt: hex,
      size: z.number().int(),
      chunkCount: z.number().int(),
      plaintext: hex,
      sha256: hex,
    }),
  ),
});

const { vectors } = Vectors.parse(
  JSON.parse(readFileSync(new URL('blob-v1.json', GOLDEN), 'utf8')),
);
const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const fixture = (file: string) => new Uint8Array(readFileSync(new URL(file, GOLDEN)));

describe('evidence file v1 golden vectors', () => {
  it('has the four vectors: several chunks, exact multiple, empty, default chunk size', () => {
    expect(vectors.map((v) => v.file)).toEqual([
      'blob-v1-multi.bin',
      'blob-v1-exact.bin',
      'blob-v1-empty.bin',
      'blob-v1-default-chunk.bin',
    ]);
  });

  for (const v of vectors) {
    describe(v.file, () => {
      it('decrypts to the recorded plaintext, whose SHA-256 is the recorded one', async () => {
        const plain = await collect(decryptBlobFile([fixture(v.file)], bytes(v.dek)));
        expect(Buffer.from(plain).toString('hex')).toBe(v.plaintext);
        expect(plain.length).toBe(v.size);
        expect(createHash('sha256').update(plain).digest('hex')).toBe(v.sha256);
      });

      it('has the recorded header fields', () => {
        const parsed = parseBlobHeader(fixture(v.file).subarray(0, 57));
        expect(parsed).toEqual({
          ok: true,
          header: {
            version: 1,
            chunkSize: v.chunkSize,
            blobId: bytes(v.blobId),
            salt: bytes(v.salt),
          },
        });
      });

      it('fails when one byte of it changes (positive control)', async () => {
        const tampered = fixture(v.file);
        const at = tampered.length - 1;
        tampered[at] = (tampered[at] ?? 0) ^ 1;
        await expect(collect(decryptBlobFile([tampered], bytes(v.dek)))).rejects.toMatchObject({
          name: 'BlobIntegrityError',
        });
      });

      it('is what the current writer produces from the same DEK and salt', async () => {
        const parts: Uint8Array[] = [];
        let end: { sha256: string; chunkCount: number } | undefined;
        for await (const item of encryptBlob([bytes(v.plaintext)], {
          dek: bytes(v.dek),
          blobId: bytes(v.blobId),
          chunkSize: v.chunkSize,
          random: () => bytes(v.salt),
          // Since v2 is the default, v1 output is asked for by name.
          version: 1,
        })) {
          if (item.type === 'header') parts.push(item.header);
          else if (item.type === 'chunk') parts.push(item.chunk);
          else end = item;
        }
        expect(end).toMatchObject({ sha256: v.sha256, chunkCount: v.chunkCount });
        const written = await collect(writeBlobFile(parts[0] ?? new Uint8Array(), parts.slice(1)));
        expect(Buffer.from(written).equals(Buffer.from(fixture(v.file)))).toBe(true);
      });
    });
  }
});
