// Builders shared by the blob tests; not part of the public API.
import { randomBytes } from 'node:crypto';
import { type EncryptBlobOptions, encryptBlob } from './encrypt-stream';

export const TEST_DEK = new Uint8Array(32).fill(7);
export const TEST_BLOB_ID = new Uint8Array(16).fill(9);

export function randomData(length: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(randomBytes(length));
}

/** Cuts bytes into pieces of the given sizes, cycling through them. */
export function split(data: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let offset = 0;
  for (let i = 0; offset < data.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    pieces.push(data.slice(offset, offset + size));
    offset += size;
  }
  return pieces;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return concat(parts);
}

export interface EncryptedForTest {
  header: Uint8Array;
  chunks: Uint8Array[];
  sha256: string;
  size: number;
  chunkCount: number;
}

/** Runs encryptBlob to the end and gathers its output, checking the item order as it goes. */
export async function encryptAll(
  data: Uint8Array | Uint8Array[],
  opts: Partial<EncryptBlobOptions> = {},
): Promise<EncryptedForTest> {
  const pieces = Array.isArray(data) ? data : [data];
  let header: Uint8Array | undefined;
  const chunks: Uint8Array[] = [];
  let end: { sha256: string; size: number; chunkCount: number } | undefined;
  for await (const item of encryptBlob(pieces, { dek: TEST_DEK, blobId: TEST_BLOB_ID, ...opts })) {
    if (end) throw new Error('item after end');
    if (item.type === 'header') {
      if (header || chunks.length > 0) throw new Error('header not first');
      header = item.header;
    } else if (item.type === 'chunk') {
      if (item.index !== chunks.length) throw new Error(`chunk ${item.index} out of order`);
      chunks.push(item.chunk);
    } else {
      end = item;
    }
  }
  if (!header || !end) throw new Error('missing header or end');
  return { header, chunks, ...end };
}

/** A fixed salt source, for reproducible output. */
export function fixedRandom(byte: number): (length: number) => Uint8Array {
  return (length) => new Uint8Array(length).fill(byte);
}
