import { BLOB_VERSION_1, type BlobVersion } from './blob-header';
import { TAG_LENGTH } from './chunk-cipher';
import { storedChunkCount, storedPlaintextLength } from './stored-length';

/** Where a blob's plaintext bytes (and, in v2, its padding) lie among its chunks. */
export interface ChunkLayout {
  readonly version: BlobVersion;
  /** Plaintext size of the whole file: its true size, without padding. */
  readonly size: number;
  /** Plaintext bytes stored: `size` in v1, `paddedLength(size)` in v2. */
  readonly storedSize: number;
  readonly chunkSize: number;
  /** Number of chunks stored; at least 1 (an empty v1 file has one empty final chunk). */
  readonly count: number;
  /** Index of the chunk holding file byte `offset` (0 ≤ offset < size). */
  chunkAt(offset: number): number;
  /** Plaintext bytes stored in chunk `index`, padding included: what it decrypts to. */
  plaintextLength(index: number): number;
  /** Bytes of the file in chunk `index`; the rest of the chunk is padding (v2 only). */
  dataLength(index: number): number;
  /** Stored bytes of chunk `index` (plaintext + 16-byte tag). */
  ciphertextLength(index: number): number;
}

/**
 * The chunk layout of a file of `size` bytes cut into `chunkSize` chunks, for a blob of
 * `version` (default 1, as before v2): in v2 the chunks cover the padded length.
 */
export function chunkLayout(
  size: number,
  chunkSize: number,
  version: BlobVersion = BLOB_VERSION_1,
): ChunkLayout {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError('size must be ≥ 0');
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1)
    throw new RangeError('chunk size must be ≥ 1');
  const storedSize = storedPlaintextLength(version, size);
  const count = storedChunkCount(version, size, chunkSize);
  const checkIndex = (index: number) => {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`chunk index ${index} is outside 0..${count - 1}`);
    }
  };
  const plaintextLength = (index: number) => {
    checkIndex(index);
    return index < count - 1 ? chunkSize : storedSize - chunkSize * (count - 1);
  };
  return {
    version,
    size,
    storedSize,
    chunkSize,
    count,
    chunkAt(offset) {
      if (!Number.isInteger(offset) || offset < 0 || offset >= size) {
        throw new RangeError(`offset ${offset} is outside the file`);
      }
      return Math.floor(offset / chunkSize);
    },
    plaintextLength,
    dataLength: (index) => {
      const stored = plaintextLength(index);
      return Math.min(stored, Math.max(0, size - index * chunkSize));
    },
    ciphertextLength: (index) => plaintextLength(index) + TAG_LENGTH,
  };
}
