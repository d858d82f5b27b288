import { BlobHeaderError } from './blob-errors';
import { BLOB_HEADER_LENGTH, requireBlobHeader } from './blob-header';
import { type ByteSource, readPieces } from './byte-source';
import { TAG_LENGTH } from './chunk-cipher';
import { chunkLayout } from './chunk-layout';
import { type DecryptBlobOptions, decryptBlob } from './decrypt-stream';

/*
 * A blob as one byte stream (backup files): header (57 bytes) ‖ chunk 0 ‖ chunk 1 ‖ …
 * Every chunk but the last is chunkSize + 16 bytes; the last is the rest. Nothing marks
 * the end, so a container holding several blobs must frame each (see `blobFileLength`).
 */

/** Bytes of a whole blob file for a plaintext of `size` bytes. */
export function blobFileLength(size: number, chunkSize: number): number {
  return BLOB_HEADER_LENGTH + size + chunkLayout(size, chunkSize).count * TAG_LENGTH;
}

/** Serialises a blob as one byte stream: its header, then its ciphertext chunks in order. */
export async function* writeBlobFile(
  header: Uint8Array,
  chunks: ByteSource,
): AsyncGenerator<Uint8Array, void, undefined> {
  yield header;
  yield* readPieces(chunks);
}

/** A blob file split back into its header and its ciphertext chunks. */
export interface BlobFileParts {
  readonly header: Uint8Array;
  /** Ciphertext chunks, cut at the header's chunk size; must be consumed or returned. */
  readonly chunks: AsyncGenerator<Uint8Array, void, undefined>;
}

/**
 * Reads a blob file's header from a byte stream (throwing `BlobHeaderError` if it is not a
 * v1 blob) and cuts the rest into ciphertext chunks of chunkSize + 16 bytes, the last one
 * shorter. Lengths and order are verified by `decryptBlob`, not here.
 */
export async function readBlobFile(source: ByteSource): Promise<BlobFileParts> {
  const pieces = readPieces(source);
  const head = new Uint8Array(BLOB_HEADER_LENGTH);
  let fill = 0;
  let rest: Uint8Array = new Uint8Array(0);
  while (fill < BLOB_HEADER_LENGTH) {
    const next = await pieces.next();
    if (next.done) {
      // Report a wrong magic or version before "too short" when there is enough to tell.
      requireBlobHeader(head.subarray(0, fill));
      throw new BlobHeaderError('truncated', 'the file ends before its header is complete');
    }
    const n = Math.min(BLOB_HEADER_LENGTH - fill, next.value.length);
    head.set(next.value.subarray(0, n), fill);
    fill += n;
    rest = next.value.subarray(n);
  }
  try {
    const parsed = requireBlobHeader(head);
    return { header: head, chunks: cutChunks(rest, pieces, parsed.chunkSize + TAG_LENGTH) };
  } catch (error) {
    await pieces.return();
    throw error;
  }
}

/** Decrypts a whole blob file from a byte stream; see `decryptBlob` for the guarantees. */
export async function* decryptBlobFile(
  source: ByteSource,
  dek: Uint8Array,
  opts: DecryptBlobOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const { header, chunks } = await readBlobFile(source);
  try {
    yield* decryptBlob(header, chunks, dek, opts);
  } finally {
    await chunks.return();
  }
}

async function* cutChunks(
  first: Uint8Array,
  pieces: AsyncGenerator<Uint8Array, void, undefined>,
  length: number,
): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    let buffer = new Uint8Array(length);
    let fill = 0;
    let piece: Uint8Array | undefined = first;
    while (piece !== undefined) {
      let offset = 0;
      while (offset < piece.length) {
        const n = Math.min(length - fill, piece.length - offset);
        buffer.set(piece.subarray(offset, offset + n), fill);
        fill += n;
        offset += n;
        if (fill === length) {
          yield buffer;
          buffer = new Uint8Array(length);
          fill = 0;
        }
      }
      const next = await pieces.next();
      piece = next.done ? undefined : next.value;
    }
    if (fill > 0) yield buffer.subarray(0, fill);
  } finally {
    await pieces.return();
  }
}
