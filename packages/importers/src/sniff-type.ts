import { latin1, startsWith } from './bytes';
import { isoBmffType } from './iso-bmff-type';
import {
  EXTENSION_TYPES,
  extensionOf,
  MEDIA_LABELS,
  SCRIPTABLE_TYPES,
  type SniffedMediaType,
} from './media-types';
import { decodeText, textType } from './sniff-text';

/** How many leading bytes the sniffer looks at. */
export const SNIFF_BYTES = 4096;

export interface SniffResult {
  mediaType: SniffedMediaType;
  /** False when the file name's extension claims a type the content is not. */
  matchesName: boolean;
  /** Plain words for the victim, e.g. "PDF document". */
  label: string;
  /** SVG, HTML or XML: never render inline (script could run); offer a download only. */
  scriptable: boolean;
}

function mp3FrameSync(b: Uint8Array): SniffedMediaType | undefined {
  const [b0 = 0, b1 = 0, b2 = 0] = b;
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0 || b.length < 3) return undefined;
  const version = (b1 >> 3) & 3;
  const layer = (b1 >> 1) & 3;
  if (layer === 0) return (b1 & 0xf6) === 0xf0 ? 'audio/aac' : undefined; // ADTS
  const bitrate = b2 >> 4;
  const rate = (b2 >> 2) & 3;
  return version !== 1 && bitrate !== 15 && rate !== 3 ? 'audio/mpeg' : undefined;
}

function zipType(sample: Uint8Array, claimed: SniffedMediaType | undefined): SniffedMediaType {
  const text = latin1(sample);
  if (text.includes('word/'))
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (text.includes('xl/'))
    return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (text.includes('ppt/'))
    return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  if (text.includes('application/vnd.oasis.opendocument.text'))
    return 'application/vnd.oasis.opendocument.text';
  if (text.includes('application/vnd.oasis.opendocument.spreadsheet'))
    return 'application/vnd.oasis.opendocument.spreadsheet';
  // An Office file's own parts may start past the sample; its content-types part is usually first.
  const office = claimed?.startsWith('application/vnd.openxmlformats') === true;
  return office && text.includes('[Content_Types].xml') && claimed !== undefined
    ? claimed
    : 'application/zip';
}

function binaryType(
  b: Uint8Array,
  claimed: SniffedMediaType | undefined,
): SniffedMediaType | undefined {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, 'GIF87a') || startsWith(b, 'GIF89a')) return 'image/gif';
  if (startsWith(b, 'RIFF')) {
    const form = latin1(b, 8, 12);
    if (form === 'WEBP') return 'image/webp';
    if (form === 'WAVE') return 'audio/wav';
    if (form === 'AVI ') return 'video/x-msvideo';
  }
  if (startsWith(b, 'II*\0') || startsWith(b, 'MM\0*')) return 'image/tiff';
  if (startsWith(b, '%PDF-')) return 'application/pdf';
  if (startsWith(b, 'PK\x03\x04') || startsWith(b, 'PK\x05\x06')) return zipType(b, claimed);
  if (startsWith(b, 'OggS')) return latin1(b).includes('\x80theora') ? 'video/ogg' : 'audio/ogg';
  if (startsWith(b, 'fLaC')) return 'audio/flac';
  if (startsWith(b, '#!AMR')) return 'audio/amr';
  if (startsWith(b, 'ID3')) return 'audio/mpeg';
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) {
    return latin1(b, 0, 64).includes('webm') ? 'video/webm' : 'video/x-matroska';
  }
  const iso = isoBmffType(b, claimed === 'audio/mp4');
  if (iso !== undefined) return iso;
  return mp3FrameSync(b);
}

/**
 * The media type of a file from its first bytes (pass 4 KiB, or the whole file when it is
 * smaller), trusting content over
 * the name: the extension only settles ties (MP4 video or M4A audio; which Office file).
 */
export function sniffMediaType(firstBytes: Uint8Array, name: string): SniffResult {
  const sample = firstBytes.subarray(0, SNIFF_BYTES);
  const ext = extensionOf(name);
  const claims = EXTENSION_TYPES[ext];
  const claimed = claims?.[0];
  let mediaType = binaryType(sample, claimed);
  if (mediaType === undefined) {
    const text = decodeText(sample, firstBytes.length >= SNIFF_BYTES);
    mediaType = text === undefined ? 'application/octet-stream' : textType(text, claimed);
  }
  return {
    mediaType,
    matchesName: claims === undefined || claims.includes(mediaType),
    label: sample.length === 0 ? 'Empty file' : MEDIA_LABELS[mediaType],
    scriptable: SCRIPTABLE_TYPES.has(mediaType),
  };
}
