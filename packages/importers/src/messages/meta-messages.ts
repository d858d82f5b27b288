import {
  type CallOutcome,
  type ImportedAttachment,
  type ImportedCall,
  type ImportedMessage,
  importKey,
  textDigest,
} from '@casebook/core';
import { type ImportResult, problem } from './import-problem';
import { repairMojibake } from './mojibake';
import { epochTime } from './wall-clock-time';
import { mediaTypeOfName } from './whatsapp-markers';

export interface MetaOptions {
  /** Which app the export is from; guessed from the file's path when not given. */
  readonly platform?: 'facebook' | 'instagram';
  /** The path of the file inside the export, e.g. `your_instagram_activity/messages/inbox/…`. */
  readonly path?: string;
  /** The person's own name as the export writes it: gives each message a direction. */
  readonly self?: string;
}

export interface MetaThread {
  readonly format: 'facebook' | 'instagram';
  readonly title: string;
  readonly participants: readonly string[];
  readonly messages: readonly ImportedMessage[];
  readonly calls: readonly ImportedCall[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

const MEDIA_KEYS: Record<string, string> = {
  photos: 'image/*',
  videos: 'video/*',
  audio_files: 'audio/*',
  gifs: 'image/gif',
  files: 'application/octet-stream',
};

function attachmentsOf(m: Json): ImportedAttachment[] {
  const out: ImportedAttachment[] = [];
  for (const [key, fallback] of Object.entries(MEDIA_KEYS)) {
    const list = m[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const uri = isObject(item) ? str(item.uri) : undefined;
      const name = uri?.slice(0, 1000);
      const mediaType = (name === undefined ? undefined : mediaTypeOfName(name)) ?? fallback;
      out.push(
        name === undefined ? { mediaType, omitted: true } : { name, mediaType, omitted: false },
      );
    }
  }
  const sticker = m.sticker;
  if (isObject(sticker) && str(sticker.uri) !== undefined) {
    out.push({
      name: (str(sticker.uri) ?? '').slice(0, 1000),
      mediaType: 'image/*',
      omitted: false,
    });
  }
  return out;
}

/**
 * Reads one `message_N.json` of a Facebook or Instagram "Download your information" export.
 * Times come from `timestamp_ms` (exact). Every string is repaired for mojibake; when that
 * changed the sender or text, `original` keeps them as written.
 */
export function readMetaMessages(
  json: string,
  options: MetaOptions = {},
): ImportResult<MetaThread> {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return {
      ok: false,
      problem: problem(json.trim() === '' ? 'empty' : 'damaged', 'this is not readable JSON'),
    };
  }
  if (!isObject(data) || !Array.isArray(data.messages) || !Array.isArray(data.participants)) {
    return {
      ok: false,
      problem: problem('not-an-export', 'it has no "participants" and "messages"'),
    };
  }
  const path = options.path ?? '';
  const format =
    options.platform ??
    (/instagram/i.test(path) || /instagram/i.test(str(data.thread_path) ?? '')
      ? 'instagram'
      : 'facebook');
  const title = repairMojibake(str(data.title) ?? '').slice(0, 1000);
  const thread = str(data.thread_path) ?? title;
  const participants = data.participants
    .map((p) => (isObject(p) ? repairMojibake(str(p.name) ?? '') : ''))
    .filter((n) => n !== '');
  const messages: ImportedMessage[] = [];
  const calls: ImportedCall[] = [];
  data.messages.forEach((m, index) => {
    if (!isObject(m)) return;
    const rawSender = str(m.sender_name) ?? '';
    const rawText = str(m.content) ?? (isObject(m.share) ? (str(m.share.link) ?? '') : '');
    const sender = repairMojibake(rawSender).slice(0, 1000);
    const text = repairMojibake(rawText);
    const ms = typeof m.timestamp_ms === 'number' ? m.timestamp_ms : Number(m.timestamp_ms);
    const time = epochTime(ms) ?? {
      known: 'unreadable' as const,
      raw: String(m.timestamp_ms ?? '').slice(0, 1000),
    };
    const direction =
      options.self === undefined
        ? undefined
        : sender === options.self
          ? ('outgoing' as const)
          : ('incoming' as const);
    const key = importKey(format, [
      thread,
      String(m.timestamp_ms ?? ''),
      sender,
      textDigest(rawText),
    ]);
    const source = { index };
    if (m.type === 'Call' || typeof m.call_duration === 'number') {
      const duration = typeof m.call_duration === 'number' ? m.call_duration : 0;
      const outcome: CallOutcome =
        duration > 0
          ? direction === 'outgoing'
            ? 'outgoing'
            : 'incoming'
          : direction === 'outgoing'
            ? 'outgoing'
            : 'missed';
      calls.push({
        schema: 1,
        key,
        channel: format,
        time,
        outcome,
        ...(direction === undefined ? {} : { direction }),
        withheld: false,
        party: sender,
        ...(Number.isInteger(duration) && duration >= 0 && duration <= 604_800
          ? { durationSeconds: duration }
          : {}),
        source,
      });
      return;
    }
    const changed = sender !== rawSender || text !== rawText;
    messages.push({
      schema: 1,
      key,
      channel: format,
      time,
      sender,
      ...(direction === undefined ? {} : { direction }),
      ...(title === '' ? {} : { thread: title }),
      text,
      attachments: attachmentsOf(m),
      flags: m.is_unsent === true ? { deleted: true } : {},
      source,
      ...(changed
        ? {
            original: {
              ...(sender === rawSender ? {} : { sender: rawSender.slice(0, 1000) }),
              ...(text === rawText ? {} : { text: rawText }),
            },
          }
        : {}),
    });
  });
  return { ok: true, value: { format, title, participants, messages, calls } };
}
