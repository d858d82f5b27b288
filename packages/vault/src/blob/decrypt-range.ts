import { BlobIntegrityError } from './blob-errors';
import { requireBlobHeader } from './blob-header';
import { chunkLayout } from './chunk-layout';
import { decryptChunk } from './decrypt-stream';
import { derivePayloadKey } from './payload-key';
import { unpadChunk } from './unpad-chunk';

export interface DecryptRangeOptions {
  /** The blob's header bytes. */
  readonly header: Uint8Array;
  readonly dek: Uint8Array;
  /** Plaintext size of the whole file, from its (authenticated) manifest. */
  readonly size: number;
  /** First plaintext byte wanted. */
  readonly start: number;
  /** One past the last plaintext byte wanted; start ≤ end ≤ size. */
  readonly end: number;
  /** Fetches one stored ciphertext chunk; undefined when it is not stored. */
  readonly getChunk: (index: number) => Promise<Uint8Array | undefined> | Uint8Array | undefined;
  readonly signal?: AbortSignal;
}

/**
 * Decrypts the plaintext range [start, end), fetching and authenticating only the chunks it
 * spans, and yields its bytes in order (one piece per chunk). In v1 a wrong `size` makes the
 * last-chunk flag or a chunk length disagree, so the size is verified too. In v2 the chunks
 * cover `paddedLength(size)`: a size in another padding bucket fails the same way, a smaller
 * one within the bucket usually meets non-zero "padding", but a larger one within it reads
 * padding zeros as the file's. The manifest's authentication is what vouches for the size.
 */
export async function* decryptRange(
  opts: DecryptRangeOptions,
): AsyncGenerator<Uint8Array, void, undefined> {
  const { header, size, start, end, signal } = opts;
  if (
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(end) ||
    start < 0 ||
    start > end ||
    end > size
  ) {
    throw new RangeError(`range [${start}, ${end}) is not within a file of ${size} bytes`);
  }
  if (start === end) return;
  const parsed = requireBlobHeader(header);
  const layout = chunkLayout(size, parsed.chunkSize, parsed.version);
  const key = await derivePayloadKey(opts.dek, parsed.salt, parsed.version);
  const first = layout.chunkAt(start);
  const last = layout.chunkAt(end - 1);
  for (let index = first; index <= last; index++) {
    signal?.throwIfAborted();
    const ciphertext = await opts.getChunk(index);
    if (ciphertext === undefined) {
      throw new BlobIntegrityError(index, 'missing', `chunk ${index} is missing`);
    }
    const isLast = index === layout.count - 1;
    const plaintext = unpadChunk(
      layout,
      index,
      await decryptChunk(header, index, ciphertext, isLast, key),
    );
    const base = index * parsed.chunkSize;
    yield plaintext.subarray(Math.max(start - base, 0), Math.min(end - base, plaintext.length));
  }
}
