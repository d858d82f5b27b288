import { BlobHeaderError } from './blob-errors';
import {
  BLOB_HEADER_LENGTH,
  BLOB_VERSION_1,
  type BlobHeader,
  type BlobVersion,
  requireBlobHeader,
} from './blob-header';
import { type ByteSource, readPieces } from './byte-source';
import { TAG_LENGTH } from './chunk-cipher';
import { chunkLayout } from './chunk-layout';
import { type DecryptBlobOptions, decryptBlob } from './decrypt-stream';

/*
 * A blob as one byte stream (backup files): header (57 bytes) ‖ chunk 0 ‖ chunk 1 ‖ …
 * Every chunk but the last is chunkSize + 16 bytes; the last is the rest. Nothing marks
 * the end, so a container holding several blobs must frame each (see `blobFileLength`).
 */

/**
 * Bytes of a whole blob file for a file of `size` bytes, in a blob of `version` (default 1,
 * as before v2; v2 stores the padded length, so pass the header's version).
 */
export function blobFileLength(
  size: number,
  chunkSize: number,
  version: BlobVersion = BLOB_VERSION_1,
): number {
  const layout = chunkLayout(size, chunkSize, version);
  return BLOB_HEADER_LENGTH + layout.storedSize + layout.count * TAG_LENGTH;
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
  /** The header's fields (its version says whether a size is needed to decrypt). */
  readonly parsed: BlobHeader;
  /** Ciphertext chunks, cut at the header's chunk size; must be consumed or returned. */
  readonly chunks: AsyncGenerator<Uint8Array, void, undefined>;
}

/**
 * Reads a blob file's header from a byte stream (throwing `BlobHeaderError` if it is not a
 * v1 or v2 blob) and cuts the rest into ciphertext chunks of chunkSize + 16 bytes, the last one
 * shorter. Lengths and order are verified by `decryptBlob`, not here.
 */
export async function readBlobFile(source: ByteSource): Promise<BlobFileParts> {
  const { header, parsed, chunks } = await openBlobFile(source);
  return { header, parsed, chunks };
}

/**
 * `readBlobFile` with a way to release the source. Returning a generator that never started
 * does not run its cleanup, so a reader that fails before its first chunk (a v2 file read
 * without a size, a DEK of the wrong length) must close the source itself.
 */
async function openBlobFile(
  source: ByteSource,
): Promise<BlobFileParts & { readonly close: () => Promise<unknown> }> {
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
    const chunks = cutChunks(rest, pieces, parsed.chunkSize + TAG_LENGTH);
    return { header: head, parsed, chunks, close: () => pieces.return() };
  } catch (error) {
    await pieces.return();
    throw error;
  }
}

/**
 * Decrypts a whole blob file from a byte stream; see `decryptBlob` for the guarantees and for
 * `opts.size`, which a v2 file needs.
 */
export async function* decryptBlobFile(
  source: ByteSource,
  dek: Uint8Array,
  opts: DecryptBlobOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const { header, chunks, close } = await openBlobFile(source);
  try {
    yield* decryptBlob(header, chunks, dek, opts);
  } finally {
    await chunks.return();
    await close();
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
