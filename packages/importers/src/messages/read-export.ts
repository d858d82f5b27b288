import type { ImportedCall, ImportedMessage, MessageChannel } from '@casebook/core';
import { decodeText } from './decode-text';
import { readEmail } from './email';
import { type ImportProblem, problem } from './import-problem';
import { readMbox } from './mbox';
import { readMetaMessages } from './meta-messages';
import { parseWhatsApp } from './parse-whatsapp';
import { readSmsBackup } from './sms-backup';
import { type ExportFormat, SNIFF_EXPORT_BYTES, sniffExport } from './sniff-export';
import { readTelegram } from './telegram';
import type { DateOrderSample } from './whatsapp-header';
import { readWhatsAppZip } from './whatsapp-zip';

/** What one export file holds, read whole: everything the Import screen and CLI show and keep. */
export interface ExportContents {
  readonly format: ExportFormat;
  readonly label: string;
  readonly messages: readonly ImportedMessage[];
  readonly calls: readonly ImportedCall[];
  /** Everyone named as a sender or caller, most messages first. */
  readonly people: readonly { readonly name: string; readonly messages: number }[];
  /** Files inside the export (a WhatsApp zip's photos, voice notes, documents). */
  readonly media: { readonly files: number; readonly photos: number };
  /** The date order the WhatsApp reading used, so the person can see it (and change it). */
  readonly dateOrder?: string;
}

export type ExportRead =
  | { readonly ok: true; readonly value: ExportContents }
  | { readonly ok: false; readonly problem: ImportProblem }
  | {
      readonly ok: false;
      readonly needsDateOrder: { readonly samples: readonly DateOrderSample[] };
    };

export interface ReadExportOptions {
  /** The zone the phone was set to, for exports that write only clock times. */
  readonly zone?: string;
  readonly dateOrder?: 'day-first' | 'month-first';
}

/** A Blob's bytes as an async iterable (Chromium's ReadableStream is not iterable everywhere). */
async function* chunksOf(blob: Blob): AsyncGenerator<Uint8Array> {
  const reader = blob.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

function peopleOf(messages: readonly ImportedMessage[], calls: readonly ImportedCall[]) {
  const counts = new Map<string, number>();
  for (const m of messages) {
    if (m.flags.system) continue;
    counts.set(m.sender, (counts.get(m.sender) ?? 0) + 1);
  }
  for (const c of calls) {
    const who = c.party ?? c.number?.raw;
    if (who !== undefined && !counts.has(who)) counts.set(who, 0);
  }
  return [...counts]
    .map(([name, n]) => ({ name, messages: n }))
    .sort((a, b) => b.messages - a.messages || a.name.localeCompare(b.name));
}

const contents = (
  format: ExportFormat,
  label: string,
  messages: readonly ImportedMessage[],
  calls: readonly ImportedCall[],
  media = { files: 0, photos: 0 },
  dateOrder?: string,
): ExportRead => ({
  ok: true,
  value: {
    format,
    label,
    messages,
    calls,
    people: peopleOf(messages, calls),
    media,
    ...(dateOrder === undefined ? {} : { dateOrder }),
  },
});

/**
 * Reads one export file of any format `sniffExport` knows, whole, in the browser worker or in
 * Node (pass `fs.openAsBlob`). Streamed formats (SMS backups, mbox) that end in a problem give
 * only the problem: nothing of a file that could not be read to its end is kept.
 */
export async function readExport(
  file: Blob,
  name: string,
  options: ReadExportOptions = {},
): Promise<ExportRead> {
  const head = new Uint8Array(await file.slice(0, SNIFF_EXPORT_BYTES).arrayBuffer());
  const sniffed = sniffExport(head, name);
  if (!sniffed.ok) return sniffed;
  const { format, label } = sniffed;
  const whatsapp = {
    ...(options.zone === undefined ? {} : { zone: options.zone }),
    ...(options.dateOrder === undefined ? {} : { dateOrder: options.dateOrder }),
  };
  switch (format) {
    case 'whatsapp-text': {
      const parsed = parseWhatsApp(decodeText(new Uint8Array(await file.arrayBuffer())).text, {
        ...whatsapp,
        entry: name,
      });
      if (!parsed.ok) return parsed;
      const chat = parsed.value;
      return contents(format, label, chat.messages, chat.calls, undefined, chat.dateOrder);
    }
    case 'whatsapp-zip': {
      const parsed = await readWhatsAppZip(file, { ...whatsapp, fileName: name });
      if (!parsed.ok) return parsed;
      await parsed.close();
      const photos = parsed.media.filter((m) => m.mediaType?.startsWith('image/')).length;
      return contents(
        format,
        label,
        parsed.value.messages,
        parsed.value.calls,
        { files: parsed.media.length, photos },
        parsed.value.dateOrder,
      );
    }
    case 'sms-backup':
    case 'calls-backup': {
      const messages: ImportedMessage[] = [];
      const calls: ImportedCall[] = [];
      for await (const item of readSmsBackup(chunksOf(file))) {
        if (item.type === 'problem') return { ok: false, problem: item.problem };
        if (item.type === 'message') messages.push(item.message);
        else calls.push(item.call);
      }
      return contents(format, label, messages, calls);
    }
    case 'eml': {
      const read = await readEmail(
        new Uint8Array(await file.arrayBuffer()),
        { byteStart: 0, byteEnd: file.size },
        whatsapp.zone === undefined ? {} : { zone: whatsapp.zone },
      );
      if (!read.ok) return read;
      return contents(format, label, [read.value.message], []);
    }
    case 'mbox': {
      const messages: ImportedMessage[] = [];
      const zone = whatsapp.zone === undefined ? {} : { zone: whatsapp.zone };
      for await (const item of readMbox(chunksOf(file), zone)) {
        if (item.type === 'problem') return { ok: false, problem: item.problem };
        messages.push(item.email.message);
      }
      return contents(format, label, messages, []);
    }
    case 'telegram-json': {
      const read = readTelegram(decodeText(new Uint8Array(await file.arrayBuffer())).text);
      if (!read.ok) return read;
      return contents(format, label, read.value.messages, read.value.calls);
    }
    case 'meta-json': {
      const read = readMetaMessages(decodeText(new Uint8Array(await file.arrayBuffer())).text, {
        path: name,
      });
      if (!read.ok) return read;
      return contents(format, label, read.value.messages, read.value.calls);
    }
    default:
      return { ok: false, problem: problem('unsupported') };
  }
}

/** The channels an export's messages came by, for the summary. */
export function channelsOf(messages: readonly ImportedMessage[]): MessageChannel[] {
  return [...new Set(messages.map((m) => m.channel))];
}
