/** What the PDF can show of an image file: JPEG and PNG only, embedded unchanged. */
export type ImageCheck =
  | {
      readonly ok: true;
      readonly type: 'jpeg' | 'png';
      readonly width: number;
      readonly height: number;
    }
  | { readonly ok: false; readonly reason: string };

/** Reads the type and pixel size, refusing files the PDF library could not embed. */
export function checkImage(bytes: Uint8Array): ImageCheck {
  if (
    bytes.length > 8 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47
  ) {
    if (bytes.length < 33) return { ok: false, reason: 'the PNG file is cut short' };
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { ok: true, type: 'png', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes);
  return { ok: false, reason: 'only JPEG and PNG images can be shown in the PDF' };
}

function jpegSize(bytes: Uint8Array): ImageCheck {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return { ok: false, reason: 'the JPEG file is damaged' };
    const marker = bytes[at + 1] ?? 0;
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    // Start-of-frame markers (not DHT 0xC4, JPG 0xC8 or DAC 0xCC) carry the size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = ((bytes[at + 5] ?? 0) << 8) | (bytes[at + 6] ?? 0);
      const width = ((bytes[at + 7] ?? 0) << 8) | (bytes[at + 8] ?? 0);
      if (width === 0 || height === 0) return { ok: false, reason: 'the JPEG file gives no size' };
      return { ok: true, type: 'jpeg', width, height };
    }
    if (length < 2) return { ok: false, reason: 'the JPEG file is damaged' };
    at += 2 + length;
  }
  return { ok: false, reason: 'the JPEG file is damaged or cut short' };
}
