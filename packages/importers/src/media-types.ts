/** Media types the sniffer can name, with the words shown to the victim. */
export const MEDIA_LABELS = {
  'image/jpeg': 'JPEG image',
  'image/png': 'PNG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'image/heic': 'HEIC photo',
  'image/heif': 'HEIF image',
  'image/avif': 'AVIF image',
  'image/tiff': 'TIFF image',
  'image/svg+xml': 'SVG drawing (downloaded, never shown: it can contain scripts)',
  'video/mp4': 'MP4 video',
  'video/quicktime': 'QuickTime video',
  'video/3gpp': '3GP video',
  'video/webm': 'WebM video',
  'video/x-matroska': 'Matroska video',
  'video/x-msvideo': 'AVI video',
  'video/ogg': 'Ogg video',
  'audio/mp4': 'M4A audio',
  'audio/mpeg': 'MP3 audio',
  'audio/aac': 'AAC audio',
  'audio/wav': 'WAV audio',
  'audio/ogg': 'Ogg audio',
  'audio/flac': 'FLAC audio',
  'audio/amr': 'AMR voice recording',
  'application/pdf': 'PDF document',
  'application/zip': 'ZIP archive',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation':
    'PowerPoint presentation',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'message/rfc822': 'Email message',
  'application/mbox': 'Mailbox of emails',
  'text/plain': 'Text file',
  'text/csv': 'CSV table (text)',
  'application/json': 'JSON data (text)',
  'text/vcard': 'Contact card (text)',
  'text/calendar': 'Calendar file (text)',
  'text/html': 'Web page (downloaded, never shown: it can contain scripts)',
  'application/xml': 'XML document (downloaded, never shown: it can contain scripts)',
  'application/octet-stream': 'Unknown file type',
} as const;

export type SniffedMediaType = keyof typeof MEDIA_LABELS;

/** Types a browser could run script from if shown inline: only ever offered as a download. */
export const SCRIPTABLE_TYPES: ReadonlySet<SniffedMediaType> = new Set([
  'image/svg+xml',
  'text/html',
  'application/xml',
]);

const OOXML_DOC = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const OOXML_SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const OOXML_SLIDES = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const ODT = 'application/vnd.oasis.opendocument.text';
const ODS = 'application/vnd.oasis.opendocument.spreadsheet';

/**
 * What each file-name extension claims, first the type it names, then types that also fit
 * (a `.mov` may well be MP4 inside). Extensions not listed claim nothing.
 */
export const EXTENSION_TYPES: Readonly<Record<string, readonly SniffedMediaType[]>> = {
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  jfif: ['image/jpeg'],
  png: ['image/png'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  heic: ['image/heic', 'image/heif'],
  heif: ['image/heif', 'image/heic'],
  avif: ['image/avif'],
  tif: ['image/tiff'],
  tiff: ['image/tiff'],
  svg: ['image/svg+xml'],
  mp4: ['video/mp4', 'audio/mp4', 'video/quicktime'],
  m4v: ['video/mp4'],
  mov: ['video/quicktime', 'video/mp4'],
  '3gp': ['video/3gpp', 'video/mp4'],
  webm: ['video/webm', 'video/x-matroska'],
  mkv: ['video/x-matroska', 'video/webm'],
  avi: ['video/x-msvideo'],
  ogv: ['video/ogg', 'audio/ogg'],
  m4a: ['audio/mp4', 'video/mp4'],
  mp3: ['audio/mpeg'],
  aac: ['audio/aac'],
  wav: ['audio/wav'],
  ogg: ['audio/ogg', 'video/ogg'],
  oga: ['audio/ogg'],
  opus: ['audio/ogg'],
  flac: ['audio/flac'],
  amr: ['audio/amr'],
  pdf: ['application/pdf'],
  zip: ['application/zip'],
  docx: [OOXML_DOC, 'application/zip'],
  xlsx: [OOXML_SHEET, 'application/zip'],
  pptx: [OOXML_SLIDES, 'application/zip'],
  odt: [ODT, 'application/zip'],
  ods: [ODS, 'application/zip'],
  eml: ['message/rfc822', 'text/plain'],
  mbox: ['application/mbox', 'text/plain'],
  txt: ['text/plain'],
  log: ['text/plain'],
  md: ['text/plain'],
  csv: ['text/csv', 'text/plain'],
  json: ['application/json', 'text/plain'],
  vcf: ['text/vcard', 'text/plain'],
  ics: ['text/calendar', 'text/plain'],
  html: ['text/html'],
  htm: ['text/html'],
  xml: ['application/xml'],
};

/** The lower-case extension of a file name, or '' when there is none. */
export function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}
