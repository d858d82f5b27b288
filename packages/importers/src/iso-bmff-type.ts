import { latin1, startsWith } from './bytes';
import type { SniffedMediaType } from './media-types';

const HEIC = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);
const AVIF = new Set(['avif', 'avis']);
const HEIF = new Set(['mif1', 'msf1']);
const M4A = new Set(['M4A ', 'M4B ', 'M4P ']);

function classify(brand: string): SniffedMediaType | undefined {
  if (HEIC.has(brand)) return 'image/heic';
  if (AVIF.has(brand)) return 'image/avif';
  if (M4A.has(brand)) return 'audio/mp4';
  if (brand === 'qt  ') return 'video/quicktime';
  if (brand.startsWith('3g')) return 'video/3gpp';
  return undefined;
}

/**
 * The type of an ISO base media file (MP4, MOV, M4A, HEIC, AVIF) from its `ftyp` brands, or
 * undefined when the bytes are not one. `audioByName` settles generic brands (`isom`, `mp42`),
 * which both video and audio files use.
 */
export function isoBmffType(bytes: Uint8Array, audioByName: boolean): SniffedMediaType | undefined {
  if (!startsWith(bytes, 'ftyp', 4)) {
    // Old QuickTime files start straight with a movie, data or padding atom.
    const atom = latin1(bytes, 4, 8);
    return ['moov', 'mdat', 'wide', 'pnot'].includes(atom) ? 'video/quicktime' : undefined;
  }
  const size = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  const major = latin1(bytes, 8, 12);
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= Math.min(size, bytes.length, 4096); at += 4) {
    compatible.push(latin1(bytes, at, at + 4));
  }
  const byMajor = classify(major);
  if (byMajor !== undefined) return byMajor;
  // A `mif1` or `isom` major brand lists the image codec among its compatible brands.
  if (compatible.some((b) => HEIC.has(b))) return 'image/heic';
  if (compatible.some((b) => AVIF.has(b))) return 'image/avif';
  if (HEIF.has(major) || compatible.some((b) => HEIF.has(b))) return 'image/heif';
  return audioByName ? 'audio/mp4' : 'video/mp4';
}
