export const NONCE_LENGTH = 12;
const TWO_32 = 2 ** 32;

/**
 * The STREAM nonce of a chunk: 11-byte big-endian chunk counter ‖ last-chunk flag
 * (0x01 on the final chunk, else 0x00). Counters above 2^53 - 1 cannot occur (JS numbers).
 */
export function chunkNonce(index: number, isLast: boolean): Uint8Array<ArrayBuffer> {
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new RangeError('chunk index must be a non-negative safe integer');
  }
  const nonce = new Uint8Array(NONCE_LENGTH);
  const view = new DataView(nonce.buffer);
  // Bytes 0..2 stay zero: a safe integer fits in the low 53 bits (bytes 3..10).
  view.setUint32(3, Math.floor(index / TWO_32));
  view.setUint32(7, index % TWO_32);
  nonce[11] = isLast ? 1 : 0;
  return nonce;
}
