import { SNIFF_BYTES } from './sniff-type';

const MiB = 1024 * 1024;

/**
 * How much of an image exifr gets. JPEG keeps EXIF in an APP1 segment (at most 64 KiB) before
 * the picture data, and PNG's eXIf chunk comes before IDAT, so the first 256 KiB holds it in
 * practice. HEIC/HEIF/AVIF/TIFF may place the Exif item anywhere (often after the picture),
 * so they are read whole up to 64 MiB. Nothing else is read for metadata beyond the sniff.
 */
export const EXIF_PREFIX_BYTES = 256 * 1024;
export const WHOLE_IMAGE_LIMIT = 64 * MiB;
const ANYWHERE_EXIF = new Set(['image/heic', 'image/heif', 'image/avif', 'image/tiff']);

/** How many leading bytes of a file `extractMetadata` needs, given its sniffed media type. */
export function metadataBytesFor(mediaType: string, size: number): number {
  if (!mediaType.startsWith('image/')) return Math.min(size, SNIFF_BYTES);
  if (ANYWHERE_EXIF.has(mediaType) && size <= WHOLE_IMAGE_LIMIT) return size;
  return Math.min(size, EXIF_PREFIX_BYTES);
}
