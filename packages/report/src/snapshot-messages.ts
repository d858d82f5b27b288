import type { ImportedMessageRecord, MessageChannel } from '@casebook/core';
import type { TextValue } from './text-value';
import { type ShownTime, showInstant, showZoned } from './time-text';

/**
 * Where in the export file a message is. `entry` (the file inside a zip, e.g. "WhatsApp Chat
 * with Sam Carter.txt") is text the redaction terms apply to, as the sender and the text.
 */
export type MessageSource =
  | { readonly entry?: TextValue | undefined; readonly line: number; readonly lineEnd: number }
  | { readonly entry?: TextValue | undefined; readonly byteStart: number; readonly byteEnd: number }
  | { readonly entry?: TextValue | undefined; readonly index: number };

/**
 * One imported message as the account lists it: when (an ISO 8601 instant with its offset, or
 * the raw text when the export's time could not be read), the sender exactly as the export
 * wrote it, the text, the channel, and the exhibit ref and position of the export file it came
 * from, so anyone can find it in the original.
 */
export interface SnapshotMessage {
  readonly id: string;
  /** Absent when the export's time could not be read; `timeAsWritten` then says what it said. */
  readonly time?: ShownTime;
  /** `epoch` exact; `wall-clock` read in the zone chosen at import; `unreadable`. */
  readonly timeKnown: 'epoch' | 'wall-clock' | 'unreadable';
  readonly timeAsWritten?: TextValue;
  readonly sender: TextValue;
  readonly text: TextValue;
  readonly channel: MessageChannel;
  readonly direction?: 'incoming' | 'outgoing';
  /** As said at import: the person responsible, the person themself, or someone else. */
  readonly from: 'responsible' | 'self' | 'other';
  /**
   * The person responsible sent it (said at import, or the sender matches their record): the
   * contact a chronology lists. Absent (false) for everyone else, group members included.
   */
  readonly byResponsible?: true;
  readonly exhibit: string;
  readonly source: MessageSource;
  readonly flags: readonly string[];
  readonly attachments: number;
}

/** The time a message shows: wall-clock times as read; exact ones in the report's zone. */
function timeOf(m: ImportedMessageRecord['message'], zone: string): ShownTime | undefined {
  const t = m.time;
  if (t.known === 'unreadable') return undefined;
  if (t.known === 'wall-clock')
    return showZoned({ local: t.local, zone: t.zone, offset: t.offset });
  return showInstant(t.instant, zone);
}

/**
 * Messages for the account, oldest first (undated ones last, in file order). `ranged`: the
 * report covers a date range, so a message with no readable time cannot be shown to fall in
 * it and is left out (the caller counts them as undated).
 */
export function snapshotMessages(
  records: readonly ImportedMessageRecord[],
  zone: string,
  refOf: (evidenceId: string) => string,
  inRange: (local: string) => boolean,
  ranged = false,
  byResponsible: ReadonlySet<string> = new Set(),
): SnapshotMessage[] {
  const out: SnapshotMessage[] = [];
  for (const r of records) {
    const m = r.message;
    const time = timeOf(m, zone);
    if (time === undefined ? ranged : !inRange(time.local)) continue;
    const flags = Object.entries(m.flags)
      .filter(([, v]) => v === true)
      .map(([k]) => k);
    out.push({
      id: r.id,
      ...(time === undefined ? {} : { time }),
      timeKnown: m.time.known,
      ...(m.time.known === 'epoch' ? {} : { timeAsWritten: m.time.raw }),
      sender: m.sender,
      text: m.text,
      channel: m.channel,
      ...(m.direction === undefined ? {} : { direction: m.direction }),
      from: r.from,
      ...(byResponsible.has(r.id) ? { byResponsible: true as const } : {}),
      exhibit: refOf(r.exhibit.evidenceId),
      source: m.source,
      flags,
      attachments: m.attachments.length,
    });
  }
  return out.sort((a, b) => {
    if (a.time === undefined || b.time === undefined)
      return a.time === undefined ? (b.time === undefined ? 0 : 1) : -1;
    return a.time.utc < b.time.utc ? -1 : a.time.utc > b.time.utc ? 1 : 0;
  });
}
