import type { SnapshotExhibit, SnapshotIncident } from './snapshot-types';
import { pieces, type Redacted, type TextValue } from './text-value';
import { ambiguityText } from './time-text';

/** A run of text in which redactions stay markers, so each renderer can draw them its own way. */
export type Pieces = readonly (string | Redacted)[];

/** Joins values and plain strings into one run of pieces. */
export function join(...parts: readonly (TextValue | undefined)[]): Pieces {
  const out: (string | Redacted)[] = [];
  for (const part of parts) if (part !== undefined) out.push(...pieces(part));
  return out;
}

export function joinWith(sep: string, values: readonly (TextValue | Pieces)[]): Pieces {
  const out: (string | Redacted)[] = [];
  values.forEach((v, i) => {
    if (i > 0) out.push(sep);
    out.push(...(Array.isArray(v) ? (v as Pieces) : pieces(v as TextValue)));
  });
  return out;
}

/** "Mon 3 Mar 2025, 14:05 GMT (UTC+0) to 14:40", with "about" when approximate. */
export function whenText(inc: SnapshotIncident): string {
  const start = inc.when.text;
  let text = inc.approximate ? `About ${start}` : start;
  if (inc.end !== undefined) {
    const sameDay = inc.end.local.slice(0, 10) === inc.when.local.slice(0, 10);
    text += ` to ${sameDay ? inc.end.text.split(', ')[1] : inc.end.text}`;
  }
  if (inc.when.ambiguity !== undefined) text += `. ${ambiguityText(inc.when.ambiguity)}`;
  return text;
}

export function locationText(inc: SnapshotIncident): Pieces {
  const loc = inc.location;
  if (loc === undefined) return [];
  const parts: Pieces[] = [];
  if (loc.text !== undefined) parts.push(join(loc.text));
  if (loc.placeType !== undefined) parts.push([`(${loc.placeType.label})`]);
  if (loc.coords !== undefined) parts.push(join('at ', loc.coords));
  return joinWith(' ', parts);
}

export function policeText(inc: SnapshotIncident): Pieces {
  const police = inc.police;
  if (police === undefined) return [];
  const parts: Pieces[] = [
    [police.contacted.label + (police.method ? `, ${police.method.label}` : '')],
  ];
  if (police.reference !== undefined) parts.push(join('Reference ', police.reference));
  if (police.officer !== undefined) parts.push(join('Officer ', police.officer));
  if (police.whatTheyDid !== undefined) parts.push(join('What they did: ', police.whatTheyDid));
  return joinWith('. ', parts);
}

/** People, description, vehicle and witnesses of an incident, as short labelled lines. */
export function whoLines(inc: SnapshotIncident): Pieces[] {
  const lines: Pieces[] = [];
  if (inc.channel !== undefined) lines.push([`How: ${inc.channel.label}`]);
  if (inc.people.length > 0)
    lines.push(
      join(
        'Who: ',
        ...joinWith(
          ', ',
          inc.people.map((p) => p.name),
        ),
      ),
    );
  const od = inc.offenderDescription;
  if (od?.looked !== undefined) lines.push(join('Looked: ', od.looked));
  if (od?.sounded !== undefined) lines.push(join('Sounded: ', od.sounded));
  if (od?.wore !== undefined) lines.push(join('Wore: ', od.wore));
  if (inc.vehicle !== undefined) lines.push(join('Vehicle: ', inc.vehicle));
  if (inc.witnesses.length > 0) {
    const ws = inc.witnesses.map((w) =>
      w.contact === undefined ? join(w.name) : join(w.name, ' (', w.contact, ')'),
    );
    lines.push(join('Witnesses: ', ...joinWith(', ', ws)));
  }
  return lines;
}

export function behavioursText(inc: SnapshotIncident): string {
  return inc.behaviours.map((b) => b.label).join('; ');
}

/** "1.2 MB (1,234,567 bytes)". */
export function sizeText(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-GB')} bytes`;
  if (bytes < 1000) return exact;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = bytes / 1000;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u += 1;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]} (${exact})`;
}

/** "2025:03:03 14:06:09 (from the photo's EXIF, no offset given)". */
export function takenText(e: SnapshotExhibit): string | undefined {
  const t = e.takenAt;
  if (t === undefined) return undefined;
  const from =
    t.source === 'exif'
      ? "the photo's EXIF data"
      : t.source === 'filename'
        ? 'the file name'
        : t.source === 'video-container' || t.source === 'audio-container'
          ? "the file's own header"
          : 'the file';
  return `${t.raw}${t.offset === undefined ? '' : ` ${t.offset}`} (from ${from}${t.offset === undefined ? ', no offset given' : ''})`;
}
