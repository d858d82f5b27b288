import { BLOB_VERSION_2, type BlobVersion } from './blob-header';
import { type ByteSource, readPieces } from './byte-source';
import { paddedLength } from './padme';

/** A piece of the plaintext stream to encrypt: the file's own bytes, or padding after them. */
export interface PlaintextPiece {
  readonly piece: Uint8Array;
  readonly padding: boolean;
}

/**
 * The source's pieces, then (v2) zero bytes up to `paddedLength(size)`. The size is known only
 * once the source ends, so the padding is produced then, at most one chunk of zeros at a time:
 * a GiB file can need tens of MiB of it. The zero piece is reused; the consumer copies it.
 */
export async function* paddedPieces(
  source: ByteSource,
  version: BlobVersion,
  chunkSize: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<PlaintextPiece, void, undefined> {
  let size = 0;
  for await (const piece of readPieces(source)) {
    size += piece.length;
    yield { piece, padding: false };
  }
  // A source cancelled by an abort may end early: never pad (and so seal) a truncated file.
  signal?.throwIfAborted();
  if (version !== BLOB_VERSION_2) return;
  let remaining = paddedLength(size) - size;
  const zeros = new Uint8Array(Math.min(remaining, chunkSize));
  while (remaining > 0) {
    const n = Math.min(remaining, zeros.length);
    yield { piece: zeros.subarray(0, n), padding: true };
    remaining -= n;
  }
}
