import type { ImportedCall, ImportedMessage } from '@casebook/core';
import type { ExportContents } from './read-export';
import type { ExportFormat } from './sniff-export';

const NOUN: Record<ExportFormat, string> = {
  'whatsapp-text': 'WhatsApp chat',
  'whatsapp-zip': 'WhatsApp chat',
  'sms-backup': 'Text message backup',
  'calls-backup': 'Call log',
  eml: 'Email',
  mbox: 'Mailbox',
  'telegram-json': 'Telegram export',
  'meta-json': 'Facebook or Instagram chat',
};

const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** The earliest and latest known instants of an export's messages and calls. */
export function dateRange(
  messages: readonly ImportedMessage[],
  calls: readonly ImportedCall[],
): { first: string; last: string } | undefined {
  let first: string | undefined;
  let last: string | undefined;
  for (const { time } of [...messages, ...calls]) {
    if (time.known === 'unreadable') continue;
    // UTC instants ending in Z sort as text.
    if (first === undefined || time.instant < first) first = time.instant;
    if (last === undefined || time.instant > last) last = time.instant;
  }
  return first === undefined || last === undefined ? undefined : { first, last };
}

/** "4 Jan – 30 Mar 2026" in `zone`; one date when both ends fall on the same day. */
export function describeRange(range: { first: string; last: string }, zone: string): string {
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: zone });
  const full = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: zone,
  });
  const year = new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: zone });
  const a = new Date(range.first);
  const b = new Date(range.last);
  if (full.format(a) === full.format(b)) return full.format(a);
  if (year.format(a) === year.format(b)) return `${day.format(a)} – ${full.format(b)}`;
  return `${full.format(a)} – ${full.format(b)}`;
}

/**
 * What was found, in one line: "WhatsApp chat with 2 people, 3,214 messages, 4 Jan – 30 Mar
 * 2026, 41 photos". Dates are shown in `zone`, the zone the person chose.
 */
export function describeExport(found: ExportContents, zone: string): string {
  const parts: string[] = [];
  const people = found.people.length;
  parts.push(
    people > 0
      ? `${NOUN[found.format]} with ${count(people, 'person', 'people')}`
      : NOUN[found.format],
  );
  if (found.messages.length > 0 || found.calls.length === 0)
    parts.push(count(found.messages.length, 'message', 'messages'));
  if (found.calls.length > 0) parts.push(count(found.calls.length, 'call', 'calls'));
  const range = dateRange(found.messages, found.calls);
  if (range) parts.push(describeRange(range, zone));
  if (found.media.photos > 0) parts.push(count(found.media.photos, 'photo', 'photos'));
  const others = found.media.files - found.media.photos;
  if (others > 0) parts.push(count(others, 'other file', 'other files'));
  return parts.join(', ');
}
