import type { EvidenceItem } from '@casebook/core';
import { NOTES, timeFromFileName, type WallClock, wallClock } from '@casebook/importers';
import { formatInstant, WALL_CLOCK_OPTIONS } from '../diary/format';

/** Notes of our own, beside the importer's `NOTES`, for what only the stored item shows. */
export const EVIDENCE_NOTES = {
  noCameraInfo:
    'No camera information was found in this file. That is usual for screenshots and for pictures sent through messaging apps, and it does not mean anything is wrong.',
  noLocation: 'The file does not record where it was taken.',
  addWhenKnown: 'If you know when it really happened, write it in the description.',
} as const;

/** A picture that a camera or phone could have written camera information (EXIF) into. */
export function isPhoto(mediaType: string): boolean {
  return mediaType.startsWith('image/') && !/svg/i.test(mediaType);
}

// The wall clock is formatted as if it were UTC, so this device's zone never moves it.
const withTime = new Intl.DateTimeFormat('en-GB', { ...WALL_CLOCK_OPTIONS, second: '2-digit' });
const dateOnly = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});

/** "Wed 25 Jul 2018, 16:34:23" for a clock reading, exactly as the clock showed it. */
export function formatWallClock(clock: WallClock): string {
  const d = new Date(`${clock.date}T${clock.time ?? '00:00:00'}Z`);
  if (Number.isNaN(d.getTime())) return clock.time ? `${clock.date} ${clock.time}` : clock.date;
  return (clock.time ? withTime : dateOnly).format(d).replace(/^(\w{3}),/, '$1');
}

const CAMERA_TIME = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;

type TakenAt = NonNullable<NonNullable<EvidenceItem['extracted']>['takenAt']>;

/** The clock reading a stored "time taken" stands for, or undefined when it cannot be read. */
export function takenAtClock(takenAt: TakenAt, originalName: string): WallClock | undefined {
  if (takenAt.source === 'filename') {
    // Re-read from the whole name: some patterns (IMG-20250303-WA0004) need what surrounds the date.
    const fromName = timeFromFileName(originalName);
    if (fromName?.raw === takenAt.raw) return fromName.wallClock;
    return timeFromFileName(takenAt.raw)?.wallClock;
  }
  const m = CAMERA_TIME.exec(takenAt.raw);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  return wallClock(y ?? 0, mo ?? 0, d ?? 0, [h ?? -1, mi ?? -1, s ?? -1]);
}

/**
 * The time taken in words: "Wed 25 Jul 2018, 16:34:23". A camera or file-name time is a clock
 * reading and is never moved into this device's time zone; a last-changed time is a true
 * instant, so it is shown in this device's time and says so.
 */
export function takenAtInWords(item: EvidenceItem): string | undefined {
  const taken = item.extracted?.takenAt;
  if (!taken) return undefined;
  if (taken.source === 'other') {
    const d = new Date(taken.raw);
    if (Number.isNaN(d.getTime())) return undefined;
    return `${formatInstant(taken.raw)} in this device’s time, when the file was last changed`;
  }
  const clock = takenAtClock(taken, item.originalName);
  if (!clock) return undefined;
  const text = formatWallClock(clock);
  return clock.time ? text : `${text} (the date only)`;
}

/**
 * What Casebook can tell the person about an item's times and camera information, worked out
 * again from what was stored (the notes shown at intake are not kept): the same words as at
 * intake where they exist, and what to do next when the time is uncertain.
 */
export function evidenceNotes(item: EvidenceItem): string[] {
  const notes: string[] = [];
  const extracted = item.extracted;
  const taken = extracted?.takenAt;
  const photo = isPhoto(item.mediaType);
  const hasCameraInfo =
    taken?.source === 'exif' || extracted?.gps !== undefined || extracted?.device !== undefined;
  if (photo && !hasCameraInfo) notes.push(EVIDENCE_NOTES.noCameraInfo);
  switch (taken?.source) {
    case 'exif':
      notes.push(taken.offset ? NOTES.timeFromCamera : NOTES.timeFromCameraNoOffset);
      break;
    case 'filename':
      notes.push(
        takenAtClock(taken, item.originalName)?.time === undefined
          ? NOTES.dateFromFileName
          : NOTES.timeFromFileName,
      );
      break;
    case 'other':
      notes.push(NOTES.timeFromLastModified);
      break;
    case undefined:
      notes.push(NOTES.noTime);
      break;
    default:
      break;
  }
  if (photo && hasCameraInfo && extracted?.gps === undefined) notes.push(EVIDENCE_NOTES.noLocation);
  if (
    taken?.source !== 'exif' &&
    taken?.source !== 'video-container' &&
    taken?.source !== 'audio-container'
  ) {
    notes.push(EVIDENCE_NOTES.addWhenKnown);
  }
  return notes;
}
