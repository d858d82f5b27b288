import type { EvidenceItem } from '@casebook/core';
import { MEDIA_LABELS } from '@casebook/importers';
import { formatInstant } from '../diary/format';
import type { Line } from '../diary/labels';
import { evidenceNotes, isPhoto, takenAtInWords } from './evidence-times';
import { formatSize } from './format-bytes';

type TakenAt = NonNullable<NonNullable<EvidenceItem['extracted']>['takenAt']>;

const TIME_SOURCES: Record<TakenAt['source'], string> = {
  exif: 'The camera information in the file (EXIF)',
  'video-container': 'The video file’s own information',
  'audio-container': 'The audio file’s own information',
  filename: 'The file name',
  other: 'The date the file was last changed on the device',
};

const SOURCES: Record<EvidenceItem['source'], string> = {
  upload: 'Chosen from files',
  camera: 'Taken with the camera',
  microphone: 'Recorded with the microphone',
  share: 'Shared from another app',
  import: 'Imported',
  other: 'Other',
};

export function timeSourceLabel(source: TakenAt['source']): string {
  return TIME_SOURCES[source];
}

/** Plain words for a media type: "JPEG photo", falling back to the type itself. */
export function mediaLabel(mediaType: string): string {
  return (MEDIA_LABELS as Record<string, string | undefined>)[mediaType] ?? mediaType;
}

/** What kind of thing a file is, in one word, for sentences like "added photo AB/3". */
export function mediaNoun(mediaType: string): string {
  if (mediaType.startsWith('image/')) return 'photo';
  if (mediaType.startsWith('audio/')) return 'recording';
  if (mediaType.startsWith('video/')) return 'video';
  if (mediaType === 'application/pdf') return 'document';
  return 'file';
}

/**
 * An evidence item's lines for the list, the viewer and its history. The time taken is the
 * raw string exactly as found (never parsed into this device's zone), with its offset and
 * where it came from on lines of their own.
 */
export function describeEvidence(
  item: EvidenceItem,
  incidentLabels: readonly string[] = [],
): Line[] {
  const out: Line[] = [];
  const push = (label: string, value: string | undefined) => {
    if (value !== undefined && value.trim() !== '') out.push({ label, value });
  };
  push('Exhibit reference', item.exhibitRef);
  push('File name', item.originalName);
  push('Type', `${mediaLabel(item.mediaType)} (${item.mediaType})`);
  push('Size', formatSize(item.size));
  push('Added to the casebook', formatInstant(item.intakeAt));
  push('How it came in', SOURCES[item.source]);
  const taken = item.extracted?.takenAt;
  if (taken?.source === 'other') {
    // Only the file's last-changed time: an instant (its "+00:00" says nothing of where), and
    // not a time taken, so it is shown as the best time there is, in this device's time.
    push('Time taken', 'Not found in the file or its name');
    push('Best time available', takenAtInWords(item));
    push('Where the time came from', timeSourceLabel(taken.source));
  } else if (taken) {
    push('Time taken', taken.raw);
    push('Time taken, in words', takenAtInWords(item));
    push('Time zone offset', taken.offset ?? 'Not recorded in the file');
    push('Where the time came from', timeSourceLabel(taken.source));
  } else {
    push('Time taken', 'Not found in the file or its name');
  }
  const gps = item.extracted?.gps;
  push(
    'Location (GPS)',
    gps
      ? `${gps.lat}, ${gps.lng}`
      : isPhoto(item.mediaType)
        ? 'Not recorded in the file'
        : undefined,
  );
  push('Device', item.extracted?.device);
  push('About these details', evidenceNotes(item).join(' '));
  push('File last changed', item.lastModified ? formatInstant(item.lastModified) : undefined);
  push('Description', item.description);
  push('Incidents', incidentLabels.join('; '));
  push('SHA-256', item.sha256);
  return out;
}

/**
 * Other live items holding exactly the same bytes (the same SHA-256), as "AB/3 (name.jpg)":
 * the same file added twice, often from two places on the phone.
 */
export function sameFileAs(
  item: EvidenceItem,
  others: readonly EvidenceItem[],
): string | undefined {
  const names = others
    .filter((o) => o.id !== item.id && o.sha256 === item.sha256)
    .map((o) => (o.exhibitRef ? `${o.exhibitRef} (${o.originalName})` : o.originalName));
  if (names.length === 0) return undefined;
  return `${names.join(', ')}. The files are identical, byte for byte. You can keep both, or delete one and say why.`;
}
