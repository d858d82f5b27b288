/** One TIFF tag: ASCII text, or unsigned rationals as [numerator, denominator] pairs. */
export type TiffTag =
  | { tag: number; ascii: string }
  | { tag: number; rationals: readonly (readonly [number, number])[] };

export interface ExifSpec {
  ifd0?: readonly TiffTag[];
  exif?: readonly TiffTag[];
  gps?: readonly TiffTag[];
}

export const TAG = {
  Make: 0x010f,
  Model: 0x0110,
  DateTime: 0x0132,
  ExifIfd: 0x8769,
  GpsIfd: 0x8825,
  DateTimeOriginal: 0x9003,
  DateTimeDigitized: 0x9004,
  OffsetTime: 0x9010,
  OffsetTimeOriginal: 0x9011,
  OffsetTimeDigitized: 0x9012,
  GPSLatitudeRef: 0x0001,
  GPSLatitude: 0x0002,
  GPSLongitudeRef: 0x0003,
  GPSLongitude: 0x0004,
} as const;

type Entry = { tag: number; type: number; count: number; data: Uint8Array };

function encode(t: TiffTag): Entry {
  if ('ascii' in t) {
    const data = new Uint8Array([...new TextEncoder().encode(t.ascii), 0]);
    return { tag: t.tag, type: 2, count: data.length, data };
  }
  const data = new Uint8Array(t.rationals.length * 8);
  const view = new DataView(data.buffer);
  t.rationals.forEach(([n, d], i) => {
    view.setUint32(i * 8, n);
    view.setUint32(i * 8 + 4, d);
  });
  return { tag: t.tag, type: 5, count: t.rationals.length, data };
}

const ifdSize = (entries: number) => 2 + entries * 12 + 4;
const dataSize = (entries: Entry[]) =>
  entries.reduce(
    (sum, e) => sum + (e.data.length > 4 ? e.data.length + (e.data.length % 2) : 0),
    0,
  );

/** Writes one IFD at `at` with its out-of-line values straight after; returns the end. */
function writeIfd(view: DataView, bytes: Uint8Array, at: number, entries: Entry[]): number {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  view.setUint16(at, sorted.length);
  let data = at + ifdSize(sorted.length);
  sorted.forEach((e, i) => {
    const p = at + 2 + i * 12;
    view.setUint16(p, e.tag);
    view.setUint16(p + 2, e.type);
    view.setUint32(p + 4, e.count);
    if (e.data.length <= 4) bytes.set(e.data, p + 8);
    else {
      view.setUint32(p + 8, data);
      bytes.set(e.data, data);
      data += e.data.length + (e.data.length % 2);
    }
  });
  view.setUint32(at + 2 + sorted.length * 12, 0);
  return data;
}

const pointer = (tag: number, offset: number): Entry => {
  const data = new Uint8Array(4);
  new DataView(data.buffer).setUint32(0, offset);
  return { tag, type: 4, count: 1, data };
};

/** A big-endian TIFF block holding IFD0 and, when given, the Exif and GPS IFDs. */
export function buildTiff(spec: ExifSpec): Uint8Array {
  const ifd0 = (spec.ifd0 ?? []).map(encode);
  const exif = spec.exif?.map(encode);
  const gps = spec.gps?.map(encode);
  const ifd0Count = ifd0.length + (exif ? 1 : 0) + (gps ? 1 : 0);
  const ifd0End = 8 + ifdSize(ifd0Count) + dataSize(ifd0);
  const exifEnd = exif ? ifd0End + ifdSize(exif.length) + dataSize(exif) : ifd0End;
  const gpsEnd = gps ? exifEnd + ifdSize(gps.length) + dataSize(gps) : exifEnd;
  const bytes = new Uint8Array(gpsEnd);
  const view = new DataView(bytes.buffer);
  bytes.set([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]);
  const pointers = [
    ...(exif ? [pointer(TAG.ExifIfd, ifd0End)] : []),
    ...(gps ? [pointer(TAG.GpsIfd, exifEnd)] : []),
  ];
  writeIfd(view, bytes, 8, [...ifd0, ...pointers]);
  if (exif) writeIfd(view, bytes, ifd0End, exif);
  if (gps) writeIfd(view, bytes, exifEnd, gps);
  return bytes;
}

/** A minimal JPEG whose only content is an APP1 Exif segment: enough for exifr. */
export function buildExifJpeg(spec: ExifSpec): Uint8Array {
  const tiff = buildTiff(spec);
  const app1Length = 2 + 6 + tiff.length;
  const out = new Uint8Array(2 + 2 + app1Length + 2);
  out.set([0xff, 0xd8, 0xff, 0xe1, app1Length >> 8, app1Length & 0xff], 0);
  out.set([0x45, 0x78, 0x69, 0x66, 0, 0], 6);
  out.set(tiff, 12);
  out.set([0xff, 0xd9], out.length - 2);
  return out;
}

/** [degrees, minutes, seconds×100] as EXIF rationals, e.g. 51° 30′ 26.46″. */
export function dms(d: number, m: number, s: number): readonly (readonly [number, number])[] {
  return [
    [d, 1],
    [m, 1],
    [Math.round(s * 100), 100],
  ];
}
