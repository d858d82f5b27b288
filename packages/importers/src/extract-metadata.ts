import { type ExtractedMetadata, InstantSchema, UtcOffsetSchema } from '@casebook/core';
import exifr from 'exifr';
import { cameraDevice } from './camera-device';
import { cameraGps } from './camera-gps';
import { cameraTime, type TagBlock } from './camera-time';
import { timeFromFileName } from './file-name-time';
import { NOTES, type Note } from './notes';
import { type WallClock, wallClock } from './wall-clock';

/** What Casebook read from a file, and what it wants to tell the victim about it. */
export interface ExtractionResult {
  /** Ready for `EvidenceItem.extracted`. */
  metadata: ExtractedMetadata;
  /** `metadata.takenAt` as a clock reading (no zone applied), for display and sorting. */
  takenAtClock?: WallClock;
  notes: Note[];
}

/**
 * exifr options. `reviveValues: false` keeps times as the strings in the file: revived, exifr
 * builds `Date`s in the machine's time zone and the evidence would silently shift.
 */
const EXIFR_OPTIONS = {
  tiff: true,
  exif: true,
  gps: true,
  ifd1: false,
  interop: false,
  makerNote: false,
  userComment: false,
  xmp: false,
  icc: false,
  iptc: false,
  jfif: false,
  ihdr: false,
  translateKeys: true,
  translateValues: false,
  reviveValues: false,
  sanitize: true,
  mergeOutput: false,
} as const;

interface ExifBlocks {
  ifd0?: TagBlock;
  exif?: TagBlock;
  gps?: TagBlock;
  errors?: unknown[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readExif(bytes: Uint8Array, notes: Note[]): Promise<ExifBlocks | undefined> {
  if (bytes.length === 0) {
    notes.push(NOTES.emptyFile);
    return undefined;
  }
  let output: unknown;
  try {
    output = await exifr.parse(bytes, EXIFR_OPTIONS);
  } catch (error) {
    const unknownKind = error instanceof Error && /unknown file format/i.test(error.message);
    notes.push(unknownKind ? NOTES.unreadableKind : NOTES.damagedCameraInfo);
    return undefined;
  }
  if (!isRecord(output)) {
    notes.push(NOTES.noCameraInfo);
    return undefined;
  }
  const blocks: ExifBlocks = {};
  for (const key of ['ifd0', 'exif', 'gps'] as const) {
    const block = output[key];
    if (isRecord(block)) blocks[key] = block;
  }
  if (Array.isArray(output.errors) && output.errors.length > 0) notes.push(NOTES.damagedCameraInfo);
  if (blocks.ifd0 === undefined && blocks.exif === undefined && blocks.gps === undefined) {
    if (!notes.includes(NOTES.damagedCameraInfo)) notes.push(NOTES.noCameraInfo);
    return undefined;
  }
  return blocks;
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})$/;

/** The file's last-modified instant, read as written: its wall clock and its offset. */
function timeFromLastModified(lastModified: string) {
  const m = INSTANT.exec(lastModified);
  if (m === null || !InstantSchema.safeParse(lastModified).success) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? '0'));
  const clock = wallClock(y ?? 0, mo ?? 0, d ?? 0, [h ?? 99, mi ?? 99, s ?? 99]);
  const zone = m[7] ?? 'Z';
  const digits = zone.replace(/[^\d]/g, '').padEnd(4, '0');
  const offset = zone === 'Z' ? '+00:00' : `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2)}`;
  if (clock === undefined || !UtcOffsetSchema.safeParse(offset).success) return undefined;
  return { offset, clock };
}

/**
 * Time taken, GPS and device from a file's bytes, with notes in plain English. Pure: bytes in,
 * values out; never throws on bad input. When the file has no camera time, falls back to a
 * time in the file name (`source: 'filename'`), then to `info.lastModified` (`source: 'other'`).
 *
 * For images pass the whole file: a HEIC's Exif item may sit after the picture data.
 */
export async function extractMetadata(
  bytes: Uint8Array,
  info: { name: string; lastModified?: string },
): Promise<ExtractionResult> {
  const notes: Note[] = [];
  const metadata: ExtractedMetadata = {};
  let takenAtClock: WallClock | undefined;

  const blocks = await readExif(bytes, notes);
  if (blocks !== undefined) {
    const time = cameraTime(blocks, notes);
    if (time !== undefined) {
      metadata.takenAt =
        time.offset === undefined
          ? { raw: time.raw, source: 'exif' }
          : { raw: time.raw, offset: time.offset, source: 'exif' };
      takenAtClock = time.wallClock;
      notes.push(time.offset === undefined ? NOTES.timeFromCameraNoOffset : NOTES.timeFromCamera);
    }
    const gps = cameraGps(blocks.gps, notes);
    if (gps !== undefined) metadata.gps = gps;
    const device = cameraDevice(blocks.ifd0);
    if (device !== undefined) metadata.device = device;
  }

  if (metadata.takenAt === undefined) {
    const fromName = timeFromFileName(info.name);
    const fromFile =
      info.lastModified === undefined ? undefined : timeFromLastModified(info.lastModified);
    if (fromName !== undefined) {
      metadata.takenAt = { raw: fromName.raw, source: 'filename' };
      takenAtClock = fromName.wallClock;
      notes.push(
        fromName.wallClock.time === undefined ? NOTES.dateFromFileName : NOTES.timeFromFileName,
      );
    } else if (fromFile !== undefined && info.lastModified !== undefined) {
      metadata.takenAt = { raw: info.lastModified, offset: fromFile.offset, source: 'other' };
      takenAtClock = fromFile.clock;
      notes.push(NOTES.timeFromLastModified);
    } else {
      if (info.lastModified !== undefined) notes.push(NOTES.badLastModified);
      notes.push(NOTES.noTime);
    }
  }

  return takenAtClock === undefined ? { metadata, notes } : { metadata, takenAtClock, notes };
}
