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
import type { SnapshotMessage } from './snapshot-messages';
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

/** A message's text in a chronology cell: long emails cut, the whole text is in the JSON. */
export const CHRONOLOGY_MESSAGE_TEXT = 2_000;

const CHANNEL_NAMES: Record<SnapshotMessage['channel'], string> = {
  whatsapp: 'WhatsApp',
  sms: 'Text message',
  mms: 'Picture message',
  email: 'Email',
  telegram: 'Telegram',
  facebook: 'Facebook Messenger',
  instagram: 'Instagram',
};

/**
 * Whether an imported message is a contact in the chronology: one the account lists (so only
 * conversations with the person responsible) that the person responsible sent. The person's
 * replies, other members of a group chat and an app's lines stay in the JSON and on the
 * Messages pages, in their thread.
 */
export function chronologyMessage(m: SnapshotMessage): boolean {
  return m.byResponsible === true;
}

function bounded(v: TextValue): string {
  const t = plainText(v);
  return t.length <= CHRONOLOGY_MESSAGE_TEXT
    ? t
    : `${t.slice(0, CHRONOLOGY_MESSAGE_TEXT)}… [cut here: ${t.length.toLocaleString('en-GB')} characters in all]`;
}

function where(m: SnapshotMessage): string {
  const s = m.source;
  const at =
    'line' in s
      ? s.line === s.lineEnd
        ? `line ${s.line}`
        : `lines ${s.line}–${s.lineEnd}`
      : 'byteStart' in s
        ? `bytes ${s.byteStart}–${s.byteEnd}`
        : `item ${s.index + 1}`;
  return s.entry === undefined ? `${m.exhibit} (${at})` : `${m.exhibit} (${text(s.entry)}, ${at})`;
}

/** One message as a chronology row, in the same columns as an incident. */
function messageRow(m: SnapshotMessage): string[] {
  const channel = CHANNEL_NAMES[m.channel];
  const when =
    m.time === undefined
      ? `Time not readable in the export (written: ${text(m.timeAsWritten)})`
      : m.time.text;
  const what = `${channel} from ${plainText(m.sender)}: ${bounded(m.text)}`;
  const notes = [
    m.attachments > 0 ? `${m.attachments} attachment${m.attachments === 1 ? '' : 's'}` : '',
    ...m.flags.filter((f) => f !== 'possibleForgedHeader'),
    m.flags.includes('possibleForgedHeader') ? 'header may have been typed into a message' : '',
  ].filter((x) => x !== '');
  return [
    'Message',
    notes.length === 0 ? when : `${when} (${notes.join(', ')})`,
    m.time?.local ?? '',
    '',
    '',
    '',
    what,
    '',
    `${plainText(m.sender)}, by ${channel}`,
    where(m),
    '',
    '',
    '',
    '',
  ];
}

/**
 * The chronology in the booklet's columns, oldest first, as CSV text: the incidents, and the
 * imported messages sent to the person in conversations with the person responsible
 * (`chronologyMessage`), each marked "Message" in the first column, with its exhibit and
 * where in it. Undated messages come last.
 */
export function chronologyCsv(snapshot: CaseSnapshot): string {
  const incidentRows = snapshot.incidents.map((inc) => [
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
  // Both lists are oldest first: merge by the UTC instant, incidents first on a tie.
  const messages = (snapshot.messages ?? []).filter(chronologyMessage);
  const rows: string[][] = [];
  let i = 0;
  for (const m of messages) {
    while (i < snapshot.incidents.length) {
      const inc = snapshot.incidents[i];
      if (inc === undefined || (m.time !== undefined && inc.when.utc > m.time.utc)) break;
      rows.push(incidentRows[i] ?? []);
      i++;
    }
    rows.push(messageRow(m));
  }
  for (; i < incidentRows.length; i++) rows.push(incidentRows[i] ?? []);
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
