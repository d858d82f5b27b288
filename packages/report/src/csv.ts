import {
  behavioursText,
  joinWith,
  locationText,
  type Pieces,
  policeText,
  takenText,
  whenText,
  whoLines,
} from './field-text';
import type { CaseSnapshot } from './snapshot-types';
import { plainText, redactionLabel, type TextValue } from './text-value';

// A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 field: formula starts neutralised with a leading apostrophe, quoted if needed. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A whole CSV file: UTF-8 byte order mark, CRLF after every record (RFC 4180). */
export function csvText(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

const flat = (p: Pieces) =>
  p.map((x) => (typeof x === 'string' ? x : `[${redactionLabel(x.reason)}]`)).join('');
const text = (v: TextValue | undefined) => (v === undefined ? '' : plainText(v));

export const CHRONOLOGY_COLUMNS = [
  'Incident',
  'Date and time',
  'Date and time (ISO 8601)',
  'Recorded at',
  'Edits',
  'Location',
  'What happened',
  'Behaviours',
  'Who and how',
  'Evidence exhibit refs',
  'Police contact and reference',
  'Impact',
  'Changes made',
  'Impact on children or others',
] as const;

/** The chronology in the booklet's columns, oldest first, as CSV text. */
export function chronologyCsv(snapshot: CaseSnapshot): string {
  const rows = snapshot.incidents.map((inc) => [
    inc.number,
    whenText(inc),
    inc.when.local,
    inc.recorded.at.local,
    String(inc.recorded.edits),
    flat(locationText(inc)),
    text(inc.whatHappened),
    behavioursText(inc),
    flat(joinWith('\n', whoLines(inc))),
    inc.exhibits.join(', '),
    flat(policeText(inc)),
    text(inc.impact),
    text(inc.changesMade),
    text(inc.impactOnOthers),
  ]);
  return csvText([[...CHRONOLOGY_COLUMNS], ...rows]);
}

export const EXHIBIT_COLUMNS = [
  'Exhibit ref',
  'Description',
  'Type',
  'Media type',
  'Time taken (as found in the file)',
  'Time received',
  'Source',
  'Original file name',
  'Size in bytes',
  'SHA-256',
  'Incidents',
] as const;

/** The exhibit schedule as CSV text. */
export function exhibitsCsv(snapshot: CaseSnapshot): string {
  const rows = snapshot.exhibits.map((e) => [
    e.ref,
    text(e.description),
    e.kind,
    e.mediaType,
    takenText(e) ?? '',
    e.receivedAt.local,
    e.source.label,
    text(e.originalName),
    String(e.size),
    e.sha256,
    e.incidents.join(', '),
  ]);
  return csvText([[...EXHIBIT_COLUMNS], ...rows]);
}
