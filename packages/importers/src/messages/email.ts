import {
  type Direction,
  type EmailHeaders,
  type ImportedAttachment,
  type ImportedMessage,
  importKey,
  type SourcePointer,
  textDigest,
} from '@casebook/core';
import PostalMime, { type Address, type Attachment } from 'postal-mime';
import { emailDate } from './email-date';
import { type ImportResult, problem } from './import-problem';
import { DEFAULT_ZONE } from './parse-whatsapp';

export interface EmailOptions {
  /** Zone for a `Date:` header without an offset (rare; flagged as a wall clock). */
  readonly zone?: string;
  /** The person's own addresses: their messages are outgoing, others incoming. */
  readonly selfAddresses?: readonly string[];
  /** Called with each attachment's bytes, to keep as evidence; not held after. */
  readonly onAttachment?: (a: EmailAttachment) => void | Promise<void>;
}

export interface EmailAttachment {
  readonly messageKey: string;
  readonly index: number;
  readonly name?: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

/** One email read: the message, and the headers in order (for provenance: Received, DKIM). */
export interface ReadEmail {
  readonly message: ImportedMessage;
  readonly headers: readonly { key: string; value: string }[];
  readonly messageId?: string;
}

const MAX_TEXT = 2_000_000;

function mailbox(a: Address | undefined): { name: string; address: string } | undefined {
  if (a === undefined) return undefined;
  if (a.group !== undefined) return a.group[0];
  return a;
}

function written(a: { name: string; address: string } | undefined): string {
  if (a === undefined) return '';
  if (a.name !== '' && a.address !== '') return `${a.name} <${a.address}>`.slice(0, 1000);
  return (a.name || a.address).slice(0, 1000);
}

/** Every mailbox of an address list, groups opened, each written as `sender` is. */
function recipients(list: readonly Address[] | undefined): string[] {
  const out: string[] = [];
  for (const a of list ?? []) {
    for (const m of a.group ?? [a]) {
      const w = written(m);
      if (w !== '' && out.length < 1_000) out.push(w);
    }
  }
  return out;
}

/** Message ids in a References or In-Reply-To header, in order, each as `<id>`. */
function messageIds(header: string | undefined): string[] {
  return (header?.match(/<[^<>\s]+>/g) ?? []).map((id) => id.slice(0, 1000));
}

/** The thread headers and recipients, bounded as the schema bounds them. */
function emailHeaders(email: Awaited<ReturnType<typeof PostalMime.parse>>): EmailHeaders {
  const messageId = email.messageId?.trim().slice(0, 1000);
  const inReplyTo = messageIds(email.inReplyTo)[0];
  const references = messageIds(email.references);
  return {
    ...(messageId === undefined || messageId === '' ? {} : { messageId }),
    ...(inReplyTo === undefined ? {} : { inReplyTo }),
    // A very long References keeps its root and the latest (RFC 5322 §3.6.4's own advice).
    references:
      references.length > 200 ? [...references.slice(0, 1), ...references.slice(-199)] : references,
    to: recipients(email.to),
    cc: recipients(email.cc),
    bcc: recipients(email.bcc),
  };
}

function bytesOf(content: Attachment['content']): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

/** Text of an HTML-only email: tags dropped, entities left as written. The HTML stays in the raw. */
function htmlText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .trim();
}

/**
 * Reads one email (`.eml` bytes, or one message of an mbox). `source` says where it is in
 * the export file; `.eml` is the whole file.
 */
export async function readEmail(
  bytes: Uint8Array,
  source: SourcePointer,
  options: EmailOptions = {},
): Promise<ImportResult<ReadEmail>> {
  if (bytes.length === 0) return { ok: false, problem: problem('empty') };
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(bytes, {
      attachmentEncoding: 'arraybuffer',
      maxNestingDepth: 50,
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, problem: problem('damaged', detail) };
  }
  const keys = new Set(email.headers.map((h) => h.key));
  if (!keys.has('from') && !keys.has('date') && !keys.has('message-id')) {
    return {
      ok: false,
      problem: problem('not-an-export', 'it has no From, Date or Message-ID header'),
    };
  }
  const from = mailbox(email.from);
  const rawDate = email.headers.find((h) => h.key === 'date')?.value;
  const time = emailDate(rawDate, options.zone ?? DEFAULT_ZONE);
  const text = (email.text ?? (email.html === undefined ? '' : htmlText(email.html))).slice(
    0,
    MAX_TEXT,
  );
  const self = new Set((options.selfAddresses ?? []).map((a) => a.toLowerCase()));
  const direction: Direction | undefined =
    self.size === 0 || from === undefined
      ? undefined
      : self.has(from.address.toLowerCase())
        ? 'outgoing'
        : 'incoming';
  const messageId = email.messageId?.trim();
  const key =
    messageId !== undefined && messageId !== ''
      ? importKey('email', [messageId.slice(0, 2000)])
      : importKey('email', [
          rawDate ?? '',
          from?.address ?? '',
          email.subject ?? '',
          textDigest(text),
        ]);
  const attachments: ImportedAttachment[] = [];
  let index = 0;
  for (const a of email.attachments) {
    const data = bytesOf(a.content);
    const name = a.filename?.slice(0, 1000) ?? undefined;
    attachments.push({
      ...(name === undefined ? {} : { name }),
      mediaType: a.mimeType.slice(0, 1000),
      omitted: false,
      size: data.length,
    });
    await options.onAttachment?.({
      messageKey: key,
      index: index++,
      ...(name === undefined ? {} : { name }),
      mediaType: a.mimeType,
      bytes: data,
    });
  }
  const message: ImportedMessage = {
    schema: 1,
    key,
    channel: 'email',
    time,
    sender: written(from),
    ...(from === undefined || from.address === ''
      ? {}
      : { senderAddress: from.address.slice(0, 1000) }),
    ...(direction === undefined ? {} : { direction }),
    ...(email.subject === undefined ? {} : { subject: email.subject.slice(0, 1000) }),
    email: emailHeaders(email),
    text,
    attachments,
    flags: {},
    source,
  };
  return {
    ok: true,
    value: {
      message,
      headers: email.headers.map((h) => ({ key: h.originalKey, value: h.value })),
      ...(messageId === undefined ? {} : { messageId }),
    },
  };
}
