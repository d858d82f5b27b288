import { BlobIntegrityError } from './blob-errors';
import type { ChunkLayout } from './chunk-layout';

/**
 * The file's bytes in decrypted chunk `index`, without its padding. Checks that the chunk
 * holds exactly what the layout (that is, the file size) implies and that every padding byte
 * is zero. The padding is authenticated like the rest, so a non-zero byte means the size
 * given is wrong (too small) or the blob was not written by Casebook; either way, refuse it.
 */
export function unpadChunk(layout: ChunkLayout, index: number, plaintext: Uint8Array): Uint8Array {
  if (plaintext.length !== layout.plaintextLength(index)) {
    throw new BlobIntegrityError(
      index,
      'chunk-length',
      `chunk ${index} does not hold the number of bytes the file size implies`,
    );
  }
  const data = layout.dataLength(index);
  for (let i = data; i < plaintext.length; i++) {
    if (plaintext[i] !== 0) {
      throw new BlobIntegrityError(
        index,
        'padding',
        `chunk ${index} has a non-zero padding byte (at offset ${i}): the file size does not match`,
      );
    }
  }
  return plaintext.subarray(0, data);
}
