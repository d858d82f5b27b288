/**
 * WebCrypto's types want bytes backed by a plain ArrayBuffer. Views on one pass
 * through unchanged; anything else (a SharedArrayBuffer view) is copied.
 */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return isArrayBufferBacked(bytes) ? bytes : bytes.slice();
}

function isArrayBufferBacked(bytes: Uint8Array): bytes is Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer;
}
