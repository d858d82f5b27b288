import {
  behaviour,
  CHANNEL_LABELS,
  type EvidenceItem,
  type Incident,
  type Person,
  PLACE_TYPE_LABELS,
  POLICE_CONTACTED_LABELS,
  POLICE_METHOD_LABELS,
  RELATIONSHIP_LABELS,
  type Vehicle,
} from '@casebook/core';
import type { RecordHistory } from './snapshot-input';
import type { RecordedInfo, SnapshotExhibit, SnapshotIncident } from './snapshot-types';
import { type ShownTime, showInstant, showZoned } from './time-text';

/** One record of each kind as the snapshot shows it; the pieces `buildSnapshot` is made of. */

const SOURCE_LABELS = {
  upload: 'Added from a file',
  camera: 'Taken with the camera in Casebook',
  microphone: 'Recorded with the microphone in Casebook',
  share: 'Shared from another app',
  import: 'Imported',
  other: 'Another way',
} as const;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const dayNumber = (local: string) =>
  Math.floor(
    Date.UTC(Number(local.slice(0, 4)), Number(local.slice(5, 7)) - 1, Number(local.slice(8, 10))) /
      86_400_000,
  );

/** `kind` of an evidence file in words, from its media type. */
export function kindOf(mediaType: string): string {
  if (mediaType.startsWith('image/')) return 'Photo or image';
  if (mediaType.startsWith('video/')) return 'Video';
  if (mediaType.startsWith('audio/')) return 'Audio recording';
  if (mediaType === 'application/pdf') return 'PDF document';
  if (mediaType === 'message/rfc822') return 'Email';
  if (mediaType.startsWith('text/')) return 'Text file';
  return 'File';
}

export function vehicleText(v: Vehicle): string | undefined {
  const desc = [v.colour, v.make, v.model].filter((s) => s !== undefined && s.trim() !== '');
  const parts = [
    desc.join(' '),
    v.plate === undefined || v.plate.trim() === '' ? '' : `number plate ${v.plate}`,
  ];
  const text = parts.filter((s) => s !== '').join(', ');
  return text === '' ? undefined : text;
}

export function durationText(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m === 0 ? `${s} s` : `${m} min ${s} s`;
}

const coordsText = (c: { lat: number; lng: number }) => `${c.lat.toFixed(5)}, ${c.lng.toFixed(5)}`;

/** Adds `key: value` only when the value is there (the snapshot never holds `undefined`). */
export function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return {};
  return { [key]: value } as { [P in K]?: V };
}

export function recordedInfo(
  history: RecordHistory,
  zone: string,
  happenedLocal?: string,
): RecordedInfo {
  const at = showInstant(history.recordedAt, zone);
  let when = '';
  if (happenedLocal !== undefined) {
    const gap = dayNumber(at.local) - dayNumber(happenedLocal);
    when =
      gap === 0
        ? ', the same day'
        : gap > 0
          ? `, ${plural(gap, 'day')} later`
          : ', before the date given for it';
  }
  const last =
    history.lastEditedAt === undefined ? undefined : showInstant(history.lastEditedAt, zone);
  const edited =
    history.edits === 0
      ? 'Not edited since.'
      : `Edited ${history.edits === 1 ? 'once' : `${history.edits} times`}${last === undefined ? '' : `, last on ${last.text}`}; see the audit log.`;
  return {
    at,
    edits: history.edits,
    ...opt('lastEditedAt', last),
    text: `Recorded ${at.text}${when}. ${edited}`,
  };
}

/** The name a person goes by in the report. */
export function displayName(person: Person | undefined): string {
  if (person === undefined) return 'Someone not in this report';
  const [first] = person.names;
  if (first !== undefined) return first;
  return `Name not known (${RELATIONSHIP_LABELS[person.relationship].toLowerCase()})`;
}

export function incidentOf(
  inc: Incident,
  history: RecordHistory,
  when: ShownTime,
  numbers: ReadonlyMap<string, string>,
  refsIn: (ids: readonly string[]) => string[],
  peopleById: ReadonlyMap<string, Person>,
  zone: string,
): SnapshotIncident {
  const loc = inc.location;
  const location =
    loc === undefined
      ? undefined
      : {
          ...opt('text', loc.text),
          ...opt(
            'placeType',
            loc.placeType === undefined
              ? undefined
              : { id: loc.placeType, label: PLACE_TYPE_LABELS[loc.placeType] },
          ),
          ...opt('coords', loc.coords === undefined ? undefined : coordsText(loc.coords)),
        };
  const od = inc.offenderDescription;
  const description =
    od === undefined
      ? undefined
      : { ...opt('looked', od.looked), ...opt('sounded', od.sounded), ...opt('wore', od.wore) };
  const police = inc.police;
  return {
    number: numbers.get(inc.id) ?? '',
    id: inc.id,
    when,
    ...opt('end', inc.when.end === undefined ? undefined : showZoned(inc.when.end)),
    approximate: inc.when.approximate,
    recorded: recordedInfo(history, zone, inc.when.start.local),
    ...opt(
      'location',
      location === undefined || Object.keys(location).length === 0 ? undefined : location,
    ),
    whatHappened: inc.whatHappened,
    behaviours: inc.behaviours.map((b) => ({ id: b, label: behaviour(b).label })),
    ...opt(
      'channel',
      inc.channel === undefined
        ? undefined
        : { id: inc.channel, label: CHANNEL_LABELS[inc.channel] },
    ),
    people: inc.people.map((id) => ({ id, name: displayName(peopleById.get(id)) })),
    ...opt(
      'offenderDescription',
      description === undefined || Object.keys(description).length === 0 ? undefined : description,
    ),
    ...opt('vehicle', inc.vehicle === undefined ? undefined : vehicleText(inc.vehicle)),
    exhibits: refsIn(inc.evidence),
    witnesses: inc.witnesses.map((w) => ({ name: w.name, ...opt('contact', w.contact) })),
    ...opt(
      'police',
      police === undefined
        ? undefined
        : {
            contacted: { id: police.contacted, label: POLICE_CONTACTED_LABELS[police.contacted] },
            ...opt(
              'method',
              police.method === undefined
                ? undefined
                : { id: police.method, label: POLICE_METHOD_LABELS[police.method] },
            ),
            ...opt('whatTheyDid', police.whatTheyDid),
            ...opt('reference', police.reference),
            ...opt('officer', police.officer),
          },
    ),
    ...opt('impact', inc.impact),
    ...opt('changesMade', inc.changesMade),
    ...opt('impactOnOthers', inc.impactOnOthers),
  };
}

export function exhibitOf(
  e: EvidenceItem,
  file: { readonly sha256: string; readonly size: number },
  history: RecordHistory,
  ref: string,
  numbersIn: (ids: readonly string[]) => string[],
  zone: string,
): SnapshotExhibit {
  const taken = e.extracted?.takenAt;
  return {
    id: e.id,
    ref,
    refAssigned: e.exhibitRef !== undefined,
    ...opt('description', e.description),
    mediaType: e.mediaType,
    kind: kindOf(e.mediaType),
    originalName: e.originalName,
    size: file.size,
    sha256: file.sha256,
    hashMatchesIntake: file.sha256 === e.sha256 && file.size === e.size,
    receivedAt: showInstant(e.intakeAt, zone),
    ...opt(
      'takenAt',
      taken === undefined
        ? undefined
        : { raw: taken.raw, ...opt('offset', taken.offset), source: taken.source },
    ),
    source: { id: e.source, label: SOURCE_LABELS[e.source] },
    ...opt('device', e.extracted?.device),
    ...opt('gps', e.extracted?.gps === undefined ? undefined : coordsText(e.extracted.gps)),
    incidents: numbersIn(e.incidents),
    recorded: recordedInfo(history, zone),
  };
}
