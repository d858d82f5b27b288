/**
 * Width and height of an image read from its header, before anything is decoded, so that a
 * hostile file (a 50,000 × 50,000 PNG is a few kilobytes and decodes to 10 GB) is refused
 * without being decoded. PNG (IHDR), JPEG (the SOF marker), GIF (the logical screen), BMP and WebP
 * (VP8, VP8L, VP8X). `undefined` when the header is not one of these or does not say.
 */
export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/** How much of the file's start is read for its header (a JPEG's EXIF comes before SOF). */
export const IMAGE_HEADER_BYTES = 512 * 1024;

export function imageSize(bytes: Uint8Array): ImageSize | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = (i: number) => bytes[i] ?? 0;
  const ascii = (i: number, s: string) =>
    [...s].every((c, k) => i + k < bytes.length && at(i + k) === c.charCodeAt(0));
  const sized = (width: number, height: number) =>
    width > 0 && height > 0 ? { width, height } : undefined;

  // PNG: signature, then IHDR first with width and height big-endian.
  if (at(0) === 0x89 && ascii(1, 'PNG\r\n\x1a\n')) {
    if (bytes.length < 24 || !ascii(12, 'IHDR')) return undefined;
    return sized(view.getUint32(16), view.getUint32(20));
  }
  // GIF: logical screen width and height, little-endian.
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) {
    if (bytes.length < 10) return undefined;
    return sized(view.getUint16(6, true), view.getUint16(8, true));
  }
  // WebP: RIFF....WEBP then the first chunk.
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) {
    if (ascii(12, 'VP8 ') && bytes.length >= 30) {
      // Key frame start code 9d 01 2a, then 14-bit width and height.
      if (at(23) !== 0x9d || at(24) !== 0x01 || at(25) !== 0x2a) return undefined;
      return sized(view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
    }
    if (ascii(12, 'VP8L') && bytes.length >= 25) {
      if (at(20) !== 0x2f) return undefined;
      const bits = view.getUint32(21, true);
      return sized((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
    }
    if (ascii(12, 'VP8X') && bytes.length >= 30) {
      const w = at(24) | (at(25) << 8) | (at(26) << 16);
      const h = at(27) | (at(28) << 8) | (at(29) << 16);
      return sized(w + 1, h + 1);
    }
    return undefined;
  }
  // BMP: signed 32-bit width and height (a negative height is a top-down bitmap).
  if (ascii(0, 'BM')) {
    if (bytes.length < 26) return undefined;
    return sized(Math.abs(view.getInt32(18, true)), Math.abs(view.getInt32(22, true)));
  }
  // JPEG: walk the markers to the first start-of-frame.
  if (at(0) === 0xff && at(1) === 0xd8) {
    let i = 2;
    while (i + 4 <= bytes.length) {
      if (at(i) !== 0xff) return undefined;
      const marker = at(i + 1);
      if (marker === 0xff) {
        i++; // fill byte
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2; // markers without a length
        continue;
      }
      if (marker === 0xd9 || marker === 0xda) return undefined; // end, or scan data before SOF
      const length = view.getUint16(i + 2);
      if (length < 2) return undefined;
      const isSof =
        marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) {
        if (i + 9 > bytes.length) return undefined;
        return sized(view.getUint16(i + 7), view.getUint16(i + 5));
      }
      i += 2 + length;
    }
    return undefined;
  }
  return undefined;
}
