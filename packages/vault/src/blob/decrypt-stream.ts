import type { BlobCipher } from './blob-cipher';
import { BlobIntegrityError } from './blob-errors';
import { BLOB_VERSION_2, type BlobHeader, requireBlobHeader } from './blob-header';
import { type ByteSource, readPieces } from './byte-source';
import { openChunk, TAG_LENGTH } from './chunk-cipher';
import { type ChunkLayout, chunkLayout } from './chunk-layout';
import { derivePayloadKey } from './payload-key';
import { unpadChunk } from './unpad-chunk';

export interface DecryptBlobOptions {
  /** Checked before every chunk. */
  readonly signal?: AbortSignal;
  /**
   * The file's true size, from its (authenticated) manifest. Required for a v2 blob, whose
   * padding is cut off at this size; for v1 optional, and when given it is checked too.
   */
  readonly size?: number;
}

/**
 * Decrypts a v1 or v2 blob from its header and its ciphertext chunks in order, yielding the
 * file's bytes one piece per chunk (v2: without the padding, which must be zero). Throws
 * `BlobHeaderError` for a header it cannot read, a RangeError for a v2 blob without `size`,
 * and `BlobIntegrityError` for any truncation, reordering, duplication, splicing, altered byte
 * or a size the chunks do not match. Plaintext is released chunk by chunk: only a run that
 * ends without an error is the whole, unaltered file, so a caller must discard what it
 * received when one is thrown.
 */
export async function* decryptBlob(
  header: Uint8Array,
  chunks: ByteSource,
  dek: Uint8Array,
  opts: DecryptBlobOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const parsed = requireBlobHeader(header);
  if (parsed.version === BLOB_VERSION_2 && opts.size === undefined) {
    throw new RangeError(
      'a v2 evidence file can only be read with its size (from its manifest): pass `size`',
    );
  }
  const layout =
    opts.size === undefined ? undefined : chunkLayout(opts.size, parsed.chunkSize, parsed.version);
  const key = await derivePayloadKey(dek, parsed.salt, parsed.version);
  // One-chunk lookahead: whether a chunk must be the last depends on what follows it.
  let held: Uint8Array | undefined;
  let index = 0;
  for await (const chunk of readPieces(chunks)) {
    opts.signal?.throwIfAborted();
    if (held !== undefined) {
      const plaintext = await openInStream(key, header, parsed, index, held, true);
      yield fitToSize(layout, index, plaintext, false);
      index++;
    }
    held = chunk;
  }
  opts.signal?.throwIfAborted();
  if (held === undefined) throw truncated(0);
  const plaintext = await openInStream(key, header, parsed, index, held, false);
  yield fitToSize(layout, index, plaintext, true);
}

/**
 * Checks an authenticated chunk against the layout the true size implies and cuts off its
 * padding. Only a key holder can make chunks, so a disagreement here means the size is wrong.
 */
function fitToSize(
  layout: ChunkLayout | undefined,
  index: number,
  plaintext: Uint8Array,
  isLast: boolean,
): Uint8Array {
  if (layout === undefined) return plaintext;
  if (index >= layout.count || isLast !== (index === layout.count - 1)) {
    throw new BlobIntegrityError(
      index,
      'chunk-length',
      `the file has ${isLast ? '' : 'more than '}${index + 1} chunks where its size implies ${layout.count}`,
    );
  }
  return unpadChunk(layout, index, plaintext);
}

/**
 * Decrypts one chunk for random access. `isLast` must say whether it is the blob's final
 * chunk (see `chunkLayout`, and `storedChunkCount` for v2). `key` is the DEK, or a payload
 * key for this header's salt and version (saves a derivation per chunk): WebCrypto's from
 * `derivePayloadKey`, or another backend's inside a `BlobCipher` (`ChunkCipher.forBlob`).
 * Returns the chunk's stored plaintext: in v2 that includes any padding, which `unpadChunk`
 * checks and cuts off.
 */
export async function decryptChunk(
  header: Uint8Array,
  index: number,
  ciphertext: Uint8Array,
  isLast: boolean,
  key: Uint8Array | CryptoKey | BlobCipher,
): Promise<Uint8Array> {
  const parsed = requireBlobHeader(header);
  const payloadKey =
    key instanceof Uint8Array ? await derivePayloadKey(key, parsed.salt, parsed.version) : key;
  checkLength(parsed, index, ciphertext, isLast);
  const plaintext =
    'open' in payloadKey
      ? await payloadKey.open(header, index, ciphertext, isLast)
      : await openChunk(payloadKey, header, index, ciphertext, isLast);
  if (plaintext === undefined) throw failedAuthentication(index);
  if (isLast && index > 0 && plaintext.length === 0) throw emptyFinal(index);
  return plaintext;
}

async function openInStream(
  key: CryptoKey,
  header: Uint8Array,
  parsed: BlobHeader,
  index: number,
  ciphertext: Uint8Array,
  hasMore: boolean,
): Promise<Uint8Array> {
  if (ciphertext.length < TAG_LENGTH) {
    throw new BlobIntegrityError(
      index,
      'chunk-length',
      `chunk ${index} is too short to hold its authentication tag`,
    );
  }
  if (ciphertext.length > parsed.chunkSize + TAG_LENGTH) throw tooLong(index);
  const full = ciphertext.length === parsed.chunkSize + TAG_LENGTH;
  if (hasMore) {
    const plaintext = full ? await openChunk(key, header, index, ciphertext, false) : undefined;
    if (plaintext !== undefined) return plaintext;
    // Tell a genuine last chunk with something appended apart from a damaged chunk.
    if (await openChunk(key, header, index, ciphertext, true)) throw trailing(index + 1);
    if (!full) {
      throw new BlobIntegrityError(
        index,
        'chunk-length',
        `chunk ${index} is shorter than the chunk size but is not the last chunk`,
      );
    }
    throw failedAuthentication(index);
  }
  const plaintext = await openChunk(key, header, index, ciphertext, true);
  if (plaintext !== undefined) {
    if (index > 0 && plaintext.length === 0) throw emptyFinal(index);
    return plaintext;
  }
  // A full chunk that is valid as a middle chunk: the chunks after it are missing.
  if (full && (await openChunk(key, header, index, ciphertext, false))) throw truncated(index + 1);
  throw failedAuthentication(index);
}

function checkLength(
  parsed: BlobHeader,
  index: number,
  ciphertext: Uint8Array,
  isLast: boolean,
): void {
  const max = parsed.chunkSize + TAG_LENGTH;
  if (ciphertext.length > max) throw tooLong(index);
  if (isLast ? ciphertext.length < TAG_LENGTH : ciphertext.length !== max) {
    throw new BlobIntegrityError(
      index,
      'chunk-length',
      `chunk ${index} has a length that cannot occur at its place`,
    );
  }
}

function failedAuthentication(index: number): BlobIntegrityError {
  return new BlobIntegrityError(index, 'authentication', `chunk ${index} failed authentication`);
}

function truncated(index: number): BlobIntegrityError {
  return new BlobIntegrityError(
    index,
    'truncated',
    `stream ended before the final chunk (chunk ${index} is missing)`,
  );
}

function trailing(index: number): BlobIntegrityError {
  return new BlobIntegrityError(
    index,
    'trailing-data',
    `data after the final chunk (chunk ${index - 1} is marked last, chunk ${index} follows)`,
  );
}

function tooLong(index: number): BlobIntegrityError {
  return new BlobIntegrityError(
    index,
    'chunk-length',
    `chunk ${index} is longer than the header's chunk size allows`,
  );
}

function emptyFinal(index: number): BlobIntegrityError {
  return new BlobIntegrityError(
    index,
    'empty-final',
    `chunk ${index} is an empty final chunk, which Casebook never writes`,
  );
}
