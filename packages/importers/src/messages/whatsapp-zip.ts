import { BlobReader, type FileEntry, Uint8ArrayReader, ZipReader } from '@zip.js/zip.js';
import { decodeText } from './decode-text';
import { problem } from './import-problem';
import {
  parseWhatsApp,
  type WhatsAppChat,
  type WhatsAppOptions,
  type WhatsAppParse,
} from './parse-whatsapp';
import { mediaTypeOfName } from './whatsapp-markers';

/** A file in the zip besides the chat: a photo, voice note or document sent in the chat. */
export interface WhatsAppMedia {
  readonly name: string;
  readonly size: number;
  readonly mediaType?: string;
  /** True when some message names this file. */
  readonly referenced: boolean;
  /** Streams the file's bytes into `sink` (the vault's evidence intake), never held whole. */
  readonly pipeTo: (sink: WritableStream<Uint8Array>) => Promise<void>;
}

export type WhatsAppZipParse =
  | (WhatsAppParse & { readonly ok: false })
  | {
      readonly ok: true;
      readonly value: WhatsAppChat;
      readonly chatEntry: string;
      readonly media: readonly WhatsAppMedia[];
      /** Close when the media have been read. */
      readonly close: () => Promise<void>;
    };

const CHAT_NAME = [
  /^WhatsApp Chat (?:with|mit|met|con|avec|com) (.+)$/i,
  /^WhatsApp-Chat (?:with|mit|met) (.+)$/i,
  /^Chat de WhatsApp con (.+)$/i,
  /^Chat WhatsApp con (.+)$/i,
  /^Discussion WhatsApp avec (.+)$/i,
  /^Conversa do WhatsApp com (.+)$/i,
  /^WhatsApp Chat - (.+)$/i,
];

/** The chat's name in an export's file name ("WhatsApp Chat with Family.txt" → "Family"). */
export function chatNameFromFileName(fileName: string): string | undefined {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.(txt|zip)$/i, '');
  for (const re of CHAT_NAME) {
    const m = re.exec(base);
    if (m?.[1] !== undefined) return m[1].trim();
  }
  return undefined;
}

function pickChat(files: readonly FileEntry[]): FileEntry | undefined {
  const txt = files.filter((f) => /\.txt$/i.test(f.filename) && !f.filename.includes('/'));
  return (
    txt.find((f) => f.filename === '_chat.txt') ??
    txt.find((f) => chatNameFromFileName(f.filename) !== undefined) ??
    (txt.length === 1 ? txt[0] : undefined)
  );
}

/**
 * Reads a WhatsApp "Export chat" zip (with media). Pass a `Blob`/`File` for large zips: only
 * the directory and the chat text are read; media stream out through `pipeTo`.
 */
export async function readWhatsAppZip(
  zip: Blob | Uint8Array,
  options: WhatsAppOptions & { readonly fileName?: string } = {},
): Promise<WhatsAppZipParse> {
  const reader = new ZipReader(
    zip instanceof Uint8Array ? new Uint8ArrayReader(zip) : new BlobReader(zip),
    {
      useWebWorkers: false,
    },
  );
  let files: FileEntry[];
  try {
    files = (await reader.getEntries()).filter((e): e is FileEntry => !e.directory);
  } catch (e) {
    await reader.close().catch(() => undefined);
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, problem: problem('truncated', `the zip could not be opened: ${detail}`) };
  }
  const chatEntry = pickChat(files);
  if (chatEntry === undefined) {
    await reader.close();
    return { ok: false, problem: problem('not-an-export', 'the zip holds no WhatsApp chat text') };
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await chatEntry.arrayBuffer());
  } catch (e) {
    await reader.close().catch(() => undefined);
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      problem: problem('damaged', `the chat text in the zip is damaged: ${detail}`),
    };
  }
  const chatName =
    options.chatName ??
    chatNameFromFileName(chatEntry.filename) ??
    (options.fileName === undefined ? undefined : chatNameFromFileName(options.fileName));
  const parsed = parseWhatsApp(decodeText(bytes).text, {
    ...options,
    ...(chatName === undefined ? {} : { chatName }),
    entry: chatEntry.filename,
  });
  if (!parsed.ok) {
    await reader.close();
    return parsed;
  }
  const byName = new Map(files.map((f) => [f.filename, f]));
  const referenced = new Set<string>();
  // Link each named attachment to its file; a name the zip does not hold was left out.
  const messages = parsed.value.messages.map((m) => {
    if (m.attachments.length === 0) return m;
    const attachments = m.attachments.map((a) => {
      if (a.name === undefined) return a;
      const file = byName.get(a.name);
      if (file === undefined) return { ...a, omitted: true };
      referenced.add(a.name);
      return { ...a, omitted: false, size: file.uncompressedSize };
    });
    return { ...m, attachments };
  });
  const media: WhatsAppMedia[] = files
    .filter((f) => f !== chatEntry)
    .map((f) => {
      const mediaType = mediaTypeOfName(f.filename);
      return {
        name: f.filename,
        size: f.uncompressedSize,
        ...(mediaType === undefined ? {} : { mediaType }),
        referenced: referenced.has(f.filename),
        pipeTo: async (sink: WritableStream<Uint8Array>) => {
          await f.getData(sink);
        },
      };
    });
  return {
    ok: true,
    value: { ...parsed.value, messages },
    chatEntry: chatEntry.filename,
    media,
    close: () => reader.close(),
  };
}
