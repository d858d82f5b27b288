import type { SnapshotMessage } from '../snapshot-messages';
import { messageSentences } from '../snapshot-not-listed';
import { monthText } from '../time-text';
import type { Inline } from './inline';
import { cell, heading, type Node, type SectionContext, table } from './layout';

const CHANNELS: Record<SnapshotMessage['channel'], string> = {
  whatsapp: 'WhatsApp',
  sms: 'Text (SMS)',
  mms: 'Picture message (MMS)',
  email: 'Email',
  telegram: 'Telegram',
  facebook: 'Facebook',
  instagram: 'Instagram',
};

/** Where in the export file a message is, so it can be found in the original. */
function whereText(ctx: SectionContext, m: SnapshotMessage): Inline[] {
  const s = m.source;
  const entry = s.entry === undefined ? [] : [...ctx.w.pieces(s.entry), ', '];
  if ('line' in s)
    return [...entry, s.line === s.lineEnd ? `line ${s.line}` : `lines ${s.line}–${s.lineEnd}`];
  if ('byteStart' in s) return [...entry, `bytes ${s.byteStart}–${s.byteEnd}`];
  return [...entry, `item ${s.index + 1}`];
}

const FLAG_WORDS: Record<string, string> = {
  deleted: 'deleted',
  edited: 'edited',
  system: 'written by the app',
  possibleForgedHeader: 'may have been typed to look like a new message',
};

/**
 * Imported messages in the order they were sent, beside the chronology: every message kept
 * (the person's own replies and the app's lines too), each with the exhibit and the place in
 * the export file it came from. Absent when the case has none.
 */
export function messagesSection(ctx: SectionContext): Node[] {
  const messages = ctx.snapshot.messages ?? [];
  const notListed =
    ctx.snapshot.notListed === undefined ? [] : messageSentences(ctx.snapshot.notListed);
  if (messages.length === 0 && notListed.length === 0) return [];
  const out: Node[] = [
    heading('Messages', 'before', 'portrait'),
    {
      text: 'Messages imported from the exports named below, each kept as an exhibit with its SHA-256 in the exhibit schedule. Only the conversations the person responsible is in are listed; in those, every message is kept, including the person’s own replies and the app’s own lines. The sender is shown exactly as the export wrote it. Times are local with their offset from UTC; a time the export wrote without a zone was read in the zone chosen at import.',
      style: 'lead',
      fontSize: 8.5,
    },
    ...notListed.map((text): Node => ({ text, style: 'lead', fontSize: 8.5, bold: true })),
  ];
  const months = new Map<string, SnapshotMessage[]>();
  for (const m of messages) {
    const month = m.time === undefined ? 'undated' : m.time.local.slice(0, 7);
    const list = months.get(month) ?? [];
    list.push(m);
    months.set(month, list);
  }
  for (const [month, list] of months) {
    const title = month === 'undated' ? 'Time not readable in the export' : monthText(month);
    out.push({
      text: `${title}: ${list.length} message${list.length === 1 ? '' : 's'}`,
      bold: true,
      margin: [0, 6, 0, 2],
    });
    out.push(
      table(
        [96, 80, '*', 70],
        ['Date and time', 'From', 'Message', 'Exhibit'],
        list.map((m) => {
          const flags = m.flags.map((f) => FLAG_WORDS[f] ?? f);
          const when =
            m.time === undefined
              ? [
                  'As written: ',
                  ...(m.timeAsWritten === undefined ? ['no time'] : ctx.w.pieces(m.timeAsWritten)),
                  ' (could not be read)',
                ]
              : [m.time.text];
          return [
            { text: [...when, `\n${CHANNELS[m.channel]}`], style: 'cell' },
            cell(ctx, m.sender),
            {
              stack: [
                cell(ctx, m.text),
                ...(flags.length > 0 || m.attachments > 0
                  ? [
                      {
                        text: [
                          ...flags,
                          ...(m.attachments > 0
                            ? [`${m.attachments} attachment${m.attachments === 1 ? '' : 's'}`]
                            : []),
                        ].join('; '),
                        italics: true,
                        fontSize: 6.5,
                      },
                    ]
                  : []),
              ],
            },
            { text: [`${m.exhibit}\n`, ...whereText(ctx, m)], style: 'cell' },
          ];
        }),
      ),
    );
  }
  return out;
}
