import { BLOB_VERSION_2, type BlobVersion } from './blob-header';
import { paddedLength } from './padme';

/*
 * What a blob stores for a file of `size` bytes. The true size is not in the blob (that is
 * the point of v2); it comes from the file's manifest, which is authenticated elsewhere.
 */

/** Plaintext bytes a blob of this version encrypts for a file of `size` bytes. */
export function storedPlaintextLength(version: BlobVersion, size: number): number {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError('size must be ≥ 0');
  return version === BLOB_VERSION_2 ? paddedLength(size) : size;
}

/** Chunks a blob of this version stores for a file of `size` bytes (at least 1). */
export function storedChunkCount(version: BlobVersion, size: number, chunkSize: number): number {
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError('chunk size must be ≥ 1');
  }
  return Math.max(1, Math.ceil(storedPlaintextLength(version, size) / chunkSize));
}
