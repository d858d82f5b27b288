import {
  type CallOutcome,
  type ImportedAttachment,
  type ImportedCall,
  type ImportedMessage,
  type ImportedTime,
  importKey,
  type MessageFlags,
} from '@casebook/core';
import { type ImportResult, problem } from './import-problem';
import { epochTime } from './wall-clock-time';

export interface TelegramOptions {
  /** The person's own `from_id` (`user123`); a full-account export says it itself. */
  readonly selfId?: string;
}

export interface TelegramChat {
  readonly id: string;
  readonly name: string;
  readonly type: string;
}

export interface TelegramExport {
  readonly format: 'telegram';
  readonly chats: readonly TelegramChat[];
  readonly messages: readonly ImportedMessage[];
  readonly calls: readonly ImportedCall[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** `text` is a string when it is one plain part, else an array of strings and `{type, text}`. */
function textOf(t: unknown): string {
  if (typeof t === 'string') return t;
  if (!Array.isArray(t)) return '';
  return t
    .map((p) => (typeof p === 'string' ? p : isObject(p) ? (str(p.text) ?? '') : ''))
    .join('');
}

/** `date_unixtime` (epoch seconds, a string); never `date`, which is local time with no offset. */
function unixTime(v: unknown, fallback: unknown): ImportedTime {
  const s = str(v);
  const t = s === undefined ? undefined : epochTime(Number(s) * 1000);
  return t ?? { known: 'unreadable', raw: (str(fallback) ?? '').slice(0, 1000) };
}

const NOT_INCLUDED = /^\(File (?:not included|exceeds maximum size|unavailable)/;

function attachmentsOf(m: Json): ImportedAttachment[] {
  const out: ImportedAttachment[] = [];
  for (const key of ['photo', 'file'] as const) {
    const path = str(m[key]);
    if (path === undefined) continue;
    const mediaType = key === 'photo' ? 'image/jpeg' : str(m.mime_type);
    const omitted = NOT_INCLUDED.test(path);
    const size =
      typeof m.file_size === 'number' && Number.isInteger(m.file_size) ? m.file_size : undefined;
    out.push({
      ...(omitted ? {} : { name: path.slice(0, 1000) }),
      ...(mediaType === undefined ? {} : { mediaType: mediaType.slice(0, 1000) }),
      omitted,
      ...(size === undefined || size < 0 ? {} : { size }),
    });
  }
  return out;
}

const DISCARD: Record<string, CallOutcome> = { missed: 'missed', busy: 'rejected' };

/**
 * Reads a Telegram Desktop `result.json`, a single chat or a whole account (`chats.list`).
 * Times from `date_unixtime`; edits keep `edited_unixtime`; `phone_call` service messages
 * become calls with their `discard_reason`.
 */
export function readTelegram(
  json: string,
  options: TelegramOptions = {},
): ImportResult<TelegramExport> {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return {
      ok: false,
      problem: problem(json.trim() === '' ? 'empty' : 'damaged', 'this is not readable JSON'),
    };
  }
  if (!isObject(data)) return { ok: false, problem: problem('not-an-export') };
  const account =
    isObject(data.chats) && Array.isArray(data.chats.list) ? data.chats.list : undefined;
  const list = account ?? (Array.isArray(data.messages) ? [data] : undefined);
  if (list === undefined) {
    return { ok: false, problem: problem('not-an-export', 'it has no "messages" or "chats"') };
  }
  const info = isObject(data.personal_information) ? data.personal_information : undefined;
  const selfId =
    options.selfId ?? (info?.user_id === undefined ? undefined : `user${str(info.user_id)}`);
  const chats: TelegramChat[] = [];
  const messages: ImportedMessage[] = [];
  const calls: ImportedCall[] = [];
  let index = 0;
  for (const chat of list) {
    if (!isObject(chat) || !Array.isArray(chat.messages)) continue;
    const chatId = str(chat.id) ?? '';
    const name = (str(chat.name) ?? '').slice(0, 1000);
    chats.push({ id: chatId, name, type: str(chat.type) ?? '' });
    for (const m of chat.messages) {
      const at = index++;
      if (!isObject(m)) continue;
      const id = str(m.id) ?? String(at);
      const key = importKey('telegram', [chatId, id]);
      const time = unixTime(m.date_unixtime, m.date);
      const service = m.type === 'service';
      const sender = (str(service ? m.actor : m.from) ?? '').slice(0, 1000);
      const senderId = str(service ? m.actor_id : m.from_id);
      const direction =
        selfId === undefined || senderId === undefined
          ? undefined
          : senderId === selfId
            ? ('outgoing' as const)
            : ('incoming' as const);
      const source = { index: at };
      if (service && m.action === 'phone_call') {
        const reason = str(m.discard_reason) ?? '';
        const outcome = DISCARD[reason] ?? (direction === 'outgoing' ? 'outgoing' : 'incoming');
        const duration = typeof m.duration_seconds === 'number' ? m.duration_seconds : undefined;
        calls.push({
          schema: 1,
          key,
          channel: 'telegram',
          time,
          outcome,
          ...(direction === undefined ? {} : { direction }),
          withheld: false,
          ...(sender === '' ? {} : { party: sender }),
          ...(duration !== undefined &&
          Number.isInteger(duration) &&
          duration >= 0 &&
          duration <= 604_800
            ? { durationSeconds: duration }
            : {}),
          source,
        });
        continue;
      }
      const edited =
        m.edited_unixtime !== undefined ? unixTime(m.edited_unixtime, m.edited) : undefined;
      const flags: MessageFlags = {
        ...(edited === undefined ? {} : { edited: true as const, editedAt: edited }),
        ...(service ? { system: true as const } : {}),
      };
      const text = textOf(m.text);
      messages.push({
        schema: 1,
        key,
        channel: 'telegram',
        time,
        sender,
        ...(direction === undefined ? {} : { direction }),
        ...(name === '' ? {} : { thread: name }),
        text: service && text === '' ? `[${str(m.action) ?? 'service'}]` : text,
        attachments: attachmentsOf(m),
        flags,
        source,
      });
    }
  }
  return { ok: true, value: { format: 'telegram', chats, messages, calls } };
}
