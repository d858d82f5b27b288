/**
 * Made the committed evidence file v2 fixtures once:
 * `npx tsx packages/vault/test/golden/blob-v2-make.ts`.
 * Do not re-run it to "fix" a failing golden test: the test exists to prove that files
 * written by v2 stay readable. Add a new golden file for a new version instead.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { writeBlobFile } from '../../src/blob/blob-file';
import { encryptBlob } from '../../src/blob/encrypt-stream';
import { paddedLength } from '../../src/blob/padme';

const here = new URL('./', import.meta.url);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fill = (length: number, start: number) =>
  Uint8Array.from({ length }, (_, i) => (start + i) % 256);
const text = (size: number) => {
  const line = new TextEncoder().encode(
    'Casebook golden vector v2: 3 May, 21:40, he waited outside again. ',
  );
  return Uint8Array.from({ length: size }, (_, i) => line[i % line.length] ?? 0);
};

const specs = [
  { file: 'blob-v2-small.bin', size: 150, chunkSize: 1024, seed: 0x10 },
  { file: 'blob-v2-split.bin', size: 4500, chunkSize: 1000, seed: 0x20 },
  { file: 'blob-v2-padding-chunk.bin', size: 5000, chunkSize: 1000, seed: 0x30 },
  { file: 'blob-v2-empty.bin', size: 0, chunkSize: 1024, seed: 0x40 },
  { file: 'blob-v2-default-chunk.bin', size: 100, chunkSize: 1048576, seed: 0x50 },
];

const vectors = [];
for (const spec of specs) {
  const dek = fill(32, 0);
  const blobId = fill(16, spec.seed);
  const salt = fill(32, spec.seed + 0x4a);
  const plaintext = text(spec.size);
  const parts: Uint8Array[] = [];
  let chunkCount = 0;
  let sha256 = '';
  for await (const item of encryptBlob([plaintext], {
    dek,
    blobId,
    chunkSize: spec.chunkSize,
    random: () => salt,
    version: 2,
  })) {
    if (item.type === 'header') parts.push(item.header);
    else if (item.type === 'chunk') parts.push(item.chunk);
    else ({ chunkCount, sha256 } = item);
  }
  const [header, ...chunks] = parts;
  if (!header) throw new Error('no header');
  const file: Uint8Array[] = [];
  for await (const piece of writeBlobFile(header, chunks)) file.push(piece);
  await writeFile(new URL(spec.file, here), Buffer.concat(file));
  if (sha256 !== createHash('sha256').update(plaintext).digest('hex')) throw new Error('sha256');
  vectors.push({
    file: spec.file,
    version: 2,
    chunkSize: spec.chunkSize,
    dek: hex(dek),
    blobId: hex(blobId),
    salt: hex(salt),
    size: spec.size,
    paddedLength: paddedLength(spec.size),
    chunkCount,
    plaintext: hex(plaintext),
    sha256,
  });
}
const description =
  'Evidence file format v2 fixtures, written by the v2 writer. Never regenerate: every later version must read these.';
await writeFile(
  new URL('blob-v2.json', here),
  `${JSON.stringify({ description, vectors }, null, 2)}\n`,
);
