import { UtcOffsetSchema } from '@casebook/core';
import { NOTES, type Note } from './notes';
import { type WallClock, wallClock } from './wall-clock';

/** Tags as exifr returns them with `translateKeys: true, reviveValues: false`. */
export type TagBlock = Readonly<Record<string, unknown>>;

export interface CameraTime {
  raw: string;
  offset?: string;
  wallClock: WallClock;
}

/**
 * Each EXIF time with the offset tags that belong to it, most trusted first. exifr calls
 * IFD0's `DateTime` (0x0132) `ModifyDate`, and `DateTimeDigitized` `CreateDate`.
 */
const CANDIDATES = [
  { block: 'exif', tag: 'DateTimeOriginal', offsets: ['OffsetTimeOriginal', 'OffsetTime'] },
  { block: 'exif', tag: 'CreateDate', offsets: ['OffsetTimeDigitized', 'OffsetTime'] },
  { block: 'ifd0', tag: 'ModifyDate', offsets: ['OffsetTime'] },
] as const;

// EXIF writes `2025:03:03 14:05:09`; some software uses dashes or a `T`.
const EXIF_TIME = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;

function readClock(raw: string): WallClock | undefined {
  const m = EXIF_TIME.exec(raw);
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  return wallClock(y ?? 0, mo ?? 0, d ?? 0, [h ?? 99, mi ?? 99, s ?? 99]);
}

/**
 * The camera's own time, exactly as written, with its UTC offset when the file records one.
 * Nothing is converted: a phone set to BST that wrote `16:34:23` stays `16:34:23`.
 */
export function cameraTime(
  blocks: { ifd0?: TagBlock; exif?: TagBlock },
  notes: Note[],
): CameraTime | undefined {
  let sawTime = false;
  for (const { block, tag, offsets } of CANDIDATES) {
    const raw = blocks[block]?.[tag];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    sawTime = true;
    const clock = raw.length <= 100 ? readClock(raw) : undefined;
    if (clock === undefined) continue;
    const offset = cameraOffset(blocks, offsets, notes);
    return offset === undefined ? { raw, wallClock: clock } : { raw, offset, wallClock: clock };
  }
  notes.push(sawTime ? NOTES.blankCameraTime : NOTES.noCameraTime);
  return undefined;
}

function cameraOffset(
  blocks: { ifd0?: TagBlock; exif?: TagBlock },
  tags: readonly string[],
  notes: Note[],
): string | undefined {
  for (const tag of tags) {
    // Offset tags live in the Exif IFD; some writers put them in IFD0.
    const value = blocks.exif?.[tag] ?? blocks.ifd0?.[tag];
    if (typeof value !== 'string' || value.trim() === '') continue;
    if (UtcOffsetSchema.safeParse(value.trim()).success) return value.trim();
    notes.push(NOTES.badOffset);
    return undefined;
  }
  return undefined;
}
