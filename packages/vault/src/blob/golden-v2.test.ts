// Evidence files written by v2 must stay readable by every later version (SECURITY.md, test 6).
// The fixtures in test/golden/blob-v2* were made once by test/golden/blob-v2-make.ts; never
// regenerate them.
import { createDecipheriv, createHash, hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { blobFileLength, decryptBlobFile, readBlobFile, writeBlobFile } from './blob-file';
import { parseBlobHeader } from './blob-header';
import { TAG_LENGTH } from './chunk-cipher';
import { encryptBlob } from './encrypt-stream';
import { paddedLength } from './padme';
import { storedChunkCount } from './stored-length';
import { collect } from './test-kit';

const GOLDEN = new URL('../../test/golden/', import.meta.url);

const hex = z.string().regex(/^([0-9a-f]{2})*$/);
const Vectors = z.object({
  vectors: z.array(
    z.object({
      file: z.string(),
      version: z.literal(2),
      chunkSize: z.number().int(),
      dek: hex,
      blobId: hex,
      salt: hex,
      size: z.number().int(),
      paddedLength: z.number().int(),
      chunkCount: z.number().int(),
      plaintext: hex,
      sha256: hex,
    }),
  ),
});

const { vectors } = Vectors.parse(
  JSON.parse(readFileSync(new URL('blob-v2.json', GOLDEN), 'utf8')),
);
const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const fixture = (file: string) => new Uint8Array(readFileSync(new URL(file, GOLDEN)));

describe('evidence file v2 golden vectors', () => {
  it('has the five vectors: small, data and padding in one chunk, a padding-only chunk, empty, 1 MiB chunks', () => {
    expect(vectors.map((v) => v.file)).toEqual([
      'blob-v2-small.bin',
      'blob-v2-split.bin',
      'blob-v2-padding-chunk.bin',
      'blob-v2-empty.bin',
      'blob-v2-default-chunk.bin',
    ]);
  });

  for (const v of vectors) {
    describe(v.file, () => {
      it('decrypts with its size to the recorded plaintext, whose SHA-256 is the recorded one', async () => {
        const plain = await collect(
          decryptBlobFile([fixture(v.file)], bytes(v.dek), { size: v.size }),
        );
        expect(Buffer.from(plain).toString('hex')).toBe(v.plaintext);
        expect(plain.length).toBe(v.size);
        expect(createHash('sha256').update(plain).digest('hex')).toBe(v.sha256);
      });

      it('has the recorded header fields, length and chunk count', async () => {
        const file = fixture(v.file);
        expect(parseBlobHeader(file.subarray(0, 57))).toEqual({
          ok: true,
          header: {
            version: 2,
            chunkSize: v.chunkSize,
            blobId: bytes(v.blobId),
            salt: bytes(v.salt),
          },
        });
        expect(paddedLength(v.size)).toBe(v.paddedLength);
        expect(storedChunkCount(2, v.size, v.chunkSize)).toBe(v.chunkCount);
        expect(file.length).toBe(blobFileLength(v.size, v.chunkSize, 2));
        const { chunks } = await readBlobFile([file]);
        let count = 0;
        for await (const _ of chunks) count++;
        expect(count).toBe(v.chunkCount);
      });

      it('opens with node:crypto as FORMAT.md describes: the file, then zeros', () => {
        const file = fixture(v.file);
        const header = file.subarray(0, 57);
        const key = Buffer.from(
          hkdfSync('sha256', bytes(v.dek), bytes(v.salt), 'casebook blob v2', 32),
        );
        const opened: Buffer[] = [];
        let offset = 57;
        for (let i = 0; i < v.chunkCount; i++) {
          const length = Math.min(v.chunkSize + TAG_LENGTH, file.length - offset);
          const chunk = file.subarray(offset, offset + length);
          offset += length;
          const nonce = Buffer.alloc(12);
          nonce.writeUInt32BE(i, 7);
          nonce[11] = i === v.chunkCount - 1 ? 1 : 0;
          const decipher = createDecipheriv('aes-256-gcm', key, nonce);
          decipher.setAAD(header);
          decipher.setAuthTag(chunk.subarray(chunk.length - TAG_LENGTH));
          opened.push(
            decipher.update(chunk.subarray(0, chunk.length - TAG_LENGTH)),
            decipher.final(),
          );
        }
        expect(offset).toBe(file.length);
        const stored = Buffer.concat(opened);
        expect(stored.length).toBe(v.paddedLength);
        expect(stored.subarray(0, v.size).toString('hex')).toBe(v.plaintext);
        expect(stored.subarray(v.size).every((b) => b === 0)).toBe(true);
      });

      it('fails when one byte of it changes (positive control)', async () => {
        const tampered = fixture(v.file);
        const at = tampered.length - 1;
        tampered[at] = (tampered[at] ?? 0) ^ 1;
        await expect(
          collect(decryptBlobFile([tampered], bytes(v.dek), { size: v.size })),
        ).rejects.toMatchObject({ name: 'BlobIntegrityError' });
      });

      it('is what the current writer produces from the same DEK and salt', async () => {
        const parts: Uint8Array[] = [];
        let end: { sha256: string; size: number; chunkCount: number } | undefined;
        for await (const item of encryptBlob([bytes(v.plaintext)], {
          dek: bytes(v.dek),
          blobId: bytes(v.blobId),
          chunkSize: v.chunkSize,
          random: () => bytes(v.salt),
          version: 2,
        })) {
          if (item.type === 'header') parts.push(item.header);
          else if (item.type === 'chunk') parts.push(item.chunk);
          else end = item;
        }
        expect(end).toEqual({
          type: 'end',
          sha256: v.sha256,
          size: v.size,
          chunkCount: v.chunkCount,
        });
        const written = await collect(writeBlobFile(parts[0] ?? new Uint8Array(), parts.slice(1)));
        expect(Buffer.from(written).equals(Buffer.from(fixture(v.file)))).toBe(true);
      });
    });
  }
});
