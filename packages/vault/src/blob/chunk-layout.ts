import { TAG_LENGTH } from './chunk-cipher';

/** Where a blob's plaintext bytes lie among its chunks. */
export interface ChunkLayout {
  /** Plaintext size of the whole file. */
  readonly size: number;
  readonly chunkSize: number;
  /** Number of chunks; at least 1 (an empty file has one empty final chunk). */
  readonly count: number;
  /** Index of the chunk holding plaintext byte `offset` (0 ≤ offset < size). */
  chunkAt(offset: number): number;
  /** Plaintext bytes in chunk `index`. */
  plaintextLength(index: number): number;
  /** Stored bytes of chunk `index` (plaintext + 16-byte tag). */
  ciphertextLength(index: number): number;
}

/** The chunk layout of a file of `size` plaintext bytes cut into `chunkSize` chunks. */
export function chunkLayout(size: number, chunkSize: number): ChunkLayout {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError('size must be ≥ 0');
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1)
    throw new RangeError('chunk size must be ≥ 1');
  const count = Math.max(1, Math.ceil(size / chunkSize));
  const checkIndex = (index: number) => {
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new RangeError(`chunk index ${index} is outside 0..${count - 1}`);
    }
  };
  const plaintextLength = (index: number) => {
    checkIndex(index);
    return index < count - 1 ? chunkSize : size - chunkSize * (count - 1);
  };
  return {
    size,
    chunkSize,
    count,
    chunkAt(offset) {
      if (!Number.isInteger(offset) || offset < 0 || offset >= size) {
        throw new RangeError(`offset ${offset} is outside the file`);
      }
      return Math.floor(offset / chunkSize);
    },
    plaintextLength,
    ciphertextLength: (index) => plaintextLength(index) + TAG_LENGTH,
  };
}
