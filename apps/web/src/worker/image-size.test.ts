import { describe, expect, it } from 'vitest';
import { IMAGE_HEADER_BYTES, imageSize } from './image-size';
import { decodable, THUMBNAIL_MAX_PIXELS } from './thumbnail-ops';

const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const le24 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];
const le32 = (n: number) => [...le16(n & 0xffff), ...le16(n >>> 16)];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function png(width: number, height: number): Uint8Array {
  return new Uint8Array([
    0x89,
    ...ascii('PNG\r\n\x1a\n'),
    ...be32(13),
    ...ascii('IHDR'),
    ...be32(width),
    ...be32(height),
    8,
    6,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
}

function jpeg(width: number, height: number, exifBytes = 100): Uint8Array {
  const app1 = [0xff, 0xe1, ...[(exifBytes + 2) >> 8, (exifBytes + 2) & 255]];
  return new Uint8Array([
    0xff,
    0xd8,
    ...app1,
    ...new Array(exifBytes).fill(0),
    0xff,
    0xdb,
    0,
    4,
    0,
    0, // a DQT segment
    0xff,
    0xc2, // progressive SOF
    0,
    17,
    8,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    3,
  ]);
}

describe('imageSize', () => {
  it('reads PNG IHDR', () => {
    expect(imageSize(png(640, 480))).toEqual({ width: 640, height: 480 });
    expect(imageSize(png(50_000, 50_000))).toEqual({ width: 50_000, height: 50_000 });
  });

  it('reads the first JPEG start-of-frame, past EXIF and other segments', () => {
    expect(imageSize(jpeg(4032, 3024))).toEqual({ width: 4032, height: 3024 });
    expect(imageSize(jpeg(65_000, 65_000, 60_000))).toEqual({ width: 65_000, height: 65_000 });
  });

  it('reads GIF and BMP', () => {
    const gif = new Uint8Array([...ascii('GIF89a'), ...le16(300), ...le16(200), 0, 0, 0]);
    expect(imageSize(gif)).toEqual({ width: 300, height: 200 });
    const bmp = new Uint8Array([
      ...ascii('BM'),
      ...new Array(16).fill(0),
      ...le32(800),
      ...le32(-600 >>> 0),
    ]);
    expect(imageSize(bmp)).toEqual({ width: 800, height: 600 });
  });

  it('reads WebP VP8, VP8L and VP8X', () => {
    const riff = (chunk: string, body: number[]) =>
      new Uint8Array([
        ...ascii('RIFF'),
        0,
        0,
        0,
        0,
        ...ascii('WEBP'),
        ...ascii(chunk),
        0,
        0,
        0,
        0,
        ...body,
      ]);
    const vp8 = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(1024), ...le16(768)]);
    expect(imageSize(vp8)).toEqual({ width: 1024, height: 768 });
    const bits = (1000 - 1) | ((500 - 1) << 14);
    const vp8l = riff('VP8L', [0x2f, ...le32(bits)]);
    expect(imageSize(vp8l)).toEqual({ width: 1000, height: 500 });
    const vp8x = riff('VP8X', [0, 0, 0, 0, ...le24(16_383), ...le24(9_999)]);
    expect(imageSize(vp8x)).toEqual({ width: 16_384, height: 10_000 });
  });

  it('says nothing for a cut-off, zero-sized or unknown header', () => {
    expect(imageSize(png(640, 480).slice(0, 20))).toBeUndefined();
    expect(imageSize(png(0, 480))).toBeUndefined();
    expect(imageSize(jpeg(100, 100).slice(0, 50))).toBeUndefined();
    expect(imageSize(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBeUndefined();
    expect(imageSize(new Uint8Array(ascii('<svg></svg>')))).toBeUndefined();
    expect(imageSize(new Uint8Array(0))).toBeUndefined();
  });
});

describe('decodable', () => {
  it('refuses images over the pixel limit and those whose size cannot be read', () => {
    expect(decodable(png(4032, 3024))).toBe('ok');
    expect(decodable(png(50_000, 50_000))).toBe('too-large');
    expect(decodable(jpeg(8000, 5001))).toBe('too-large');
    expect(decodable(new Uint8Array([1, 2, 3]))).toBe('unreadable');
    expect(THUMBNAIL_MAX_PIXELS).toBe(40_000_000);
    expect(IMAGE_HEADER_BYTES).toBeGreaterThan(65_536);
  });
});
