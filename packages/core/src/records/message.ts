import { z } from 'zod';
import { list, shortText } from './text';
import { InstantSchema, LocalDateTimeSchema, TimeZoneSchema, UtcOffsetSchema } from './zoned-time';

export const IMPORTED_MESSAGE_SCHEMA_VERSION: 1 = 1;
export const IMPORTED_CALL_SCHEMA_VERSION: 1 = 1;

/** Where an imported message came from. Ids are stable: add at the end, never rename. */
export const MESSAGE_CHANNEL_IDS = [
  'whatsapp',
  'sms',
  'mms',
  'email',
  'telegram',
  'facebook',
  'instagram',
] as const;
export const MessageChannelSchema = z.enum(MESSAGE_CHANNEL_IDS);
export type MessageChannel = z.infer<typeof MessageChannelSchema>;

/** Where an imported call came from. `phone` is the phone's own call log. */
export const CALL_CHANNEL_IDS = ['phone', 'whatsapp', 'telegram', 'facebook', 'instagram'] as const;
export const CallChannelSchema = z.enum(CALL_CHANNEL_IDS);
export type CallChannel = z.infer<typeof CallChannelSchema>;

/** A message's text can be a long email; bounded so a hostile file cannot hold a gigabyte. */
export const MAX_MESSAGE_TEXT = 2_000_000;

const UtcInstantSchema = InstantSchema.refine(
  (s) => s.endsWith('Z'),
  'An imported time is stored in UTC, ending in Z.',
);

/**
 * When a message was sent, and how we know. `epoch`: the export gave an exact time (an epoch
 * field in seconds or milliseconds, or a time written with its offset, as in email). `wall-clock`: it gave only clock text, read in `zone`;
 * `ambiguous` when the clocks went back and that time happened twice (the file's order picked
 * which), `nonexistent` when the clocks went forward and it never happened (read with the
 * offset in force before the change). `unreadable`: the field is missing or damaged.
 */
export const ImportedTimeSchema = z.discriminatedUnion('known', [
  z.strictObject({
    known: z.literal('epoch'),
    instant: UtcInstantSchema,
  }),
  z.strictObject({
    known: z.literal('wall-clock'),
    instant: UtcInstantSchema,
    local: LocalDateTimeSchema,
    zone: TimeZoneSchema,
    offset: UtcOffsetSchema,
    /** The date and time exactly as written in the export. */
    raw: shortText,
    ambiguous: z.literal(true).optional(),
    nonexistent: z.literal(true).optional(),
  }),
  /** The export's time field is missing or damaged: the message is kept, undated. */
  z.strictObject({
    known: z.literal('unreadable'),
    raw: shortText,
  }),
]);
export type ImportedTime = z.infer<typeof ImportedTimeSchema>;
export type WallClockTime = Extract<ImportedTime, { known: 'wall-clock' }>;

const position = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * Where in the export file a message is: a 1-based line (and last line) of a text export, a
 * byte range of an mbox or XML file, or the index in a JSON array. `entry` names the file
 * inside a zip or a folder export.
 */
export const SourcePointerSchema = z.union([
  z.strictObject({ entry: shortText.optional(), line: position, lineEnd: position }),
  z.strictObject({ entry: shortText.optional(), byteStart: position, byteEnd: position }),
  z.strictObject({ entry: shortText.optional(), index: position }),
]);
export type SourcePointer = z.infer<typeof SourcePointerSchema>;

/** A file sent with a message: its name when known, its type, or that the export left it out. */
export const ImportedAttachmentSchema = z.strictObject({
  name: shortText.optional(),
  mediaType: shortText.optional(),
  /** The export says a file was sent but does not contain it (`<Media omitted>`). */
  omitted: z.boolean(),
  size: position.optional(),
});
export type ImportedAttachment = z.infer<typeof ImportedAttachmentSchema>;

export const DirectionSchema = z.enum(['incoming', 'outgoing']);
export type Direction = z.infer<typeof DirectionSchema>;

export const MessageFlagsSchema = z.strictObject({
  deleted: z.literal(true).optional(),
  edited: z.literal(true).optional(),
  editedAt: ImportedTimeSchema.optional(),
  /** Written by the app (joined, left, changed the subject), not by a person. */
  system: z.literal(true).optional(),
  /** A header that may have been typed into a message to look like another one (WhatsApp). */
  possibleForgedHeader: z.literal(true).optional(),
});
export type MessageFlags = z.infer<typeof MessageFlagsSchema>;

/** A stable identity: the same message in a later, longer export has the same key. */
export const ImportKeySchema = z
  .string()
  .min(1)
  .max(4_000)
  .regex(/^[a-z]+:/, 'An import key starts with its format.');

/**
 * An email's thread headers and recipients, as written. They make threads real (a subject
 * alone joins strangers' "Hi"s) and let the account list an email only when the person
 * responsible sent it or was sent it. Added after the first email imports: older records have
 * none, and are read as having no recipients.
 */
export const EmailHeadersSchema = z.strictObject({
  messageId: shortText.optional(),
  inReplyTo: shortText.optional(),
  /** Oldest first, as the header lists them: the first is the thread's root. */
  references: list(shortText, 200),
  /** Each as `Name <address>`, or the address or name alone, like `sender`. */
  to: list(shortText, 1_000),
  cc: list(shortText, 1_000),
  bcc: list(shortText, 1_000),
});
export type EmailHeaders = z.infer<typeof EmailHeadersSchema>;

/** One message read from an export file. The integrator adds the export file's exhibit. */
export const ImportedMessageSchema = z.strictObject({
  schema: z.literal(IMPORTED_MESSAGE_SCHEMA_VERSION),
  key: ImportKeySchema,
  channel: MessageChannelSchema,
  time: ImportedTimeSchema,
  /** The sender exactly as the export wrote it (a name, a number or an address). */
  sender: shortText,
  /** Phone number or address of the sender, when the export gives one apart from the name. */
  senderAddress: shortText.optional(),
  direction: DirectionSchema.optional(),
  /** The chat, thread or mailbox the message is in, as the export names it. */
  thread: shortText.optional(),
  subject: shortText.optional(),
  /** Email only (absent on emails imported before recipients were kept). */
  email: EmailHeadersSchema.optional(),
  text: z.string().max(MAX_MESSAGE_TEXT, 'This message is too long to keep.'),
  attachments: list(ImportedAttachmentSchema, 10_000),
  flags: MessageFlagsSchema,
  source: SourcePointerSchema,
  /** The sender and text exactly as the file wrote them, when a repair changed them (mojibake). */
  original: z
    .strictObject({
      sender: shortText.optional(),
      text: z.string().max(MAX_MESSAGE_TEXT).optional(),
    })
    .optional(),
});
export type ImportedMessage = z.infer<typeof ImportedMessageSchema>;

export const CALL_OUTCOME_IDS = [
  'incoming',
  'outgoing',
  'missed',
  'voicemail',
  'rejected',
  'blocked',
  'answered-elsewhere',
] as const;
export const CallOutcomeSchema = z.enum(CALL_OUTCOME_IDS);
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

/** A phone number as shown (`raw`) and, when it reads as one, in E.164 form. */
export const ImportedNumberSchema = z.strictObject({
  raw: shortText,
  e164: z
    .string()
    .regex(/^\+[1-9]\d{3,14}$/)
    .optional(),
  /** False for numbers no network hands out, such as Ofcom's drama range. */
  valid: z.boolean(),
});
export type ImportedNumber = z.infer<typeof ImportedNumberSchema>;

/** One call read from a call log or a chat export. Withheld calls have no number. */
export const ImportedCallSchema = z
  .strictObject({
    schema: z.literal(IMPORTED_CALL_SCHEMA_VERSION),
    key: ImportKeySchema,
    channel: CallChannelSchema,
    time: ImportedTimeSchema,
    outcome: CallOutcomeSchema,
    direction: DirectionSchema.optional(),
    number: ImportedNumberSchema.optional(),
    withheld: z.boolean(),
    /** The caller or callee as the export names them. */
    party: shortText.optional(),
    video: z.literal(true).optional(),
    durationSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .optional(),
    source: SourcePointerSchema,
  })
  .refine((c) => !(c.withheld && c.number !== undefined), {
    path: ['number'],
    message: 'A withheld call has no number.',
  });
export type ImportedCall = z.infer<typeof ImportedCallSchema>;

/**
 * A short, stable digest of some text for import keys (cyrb53: 53 bits, hex). Not for
 * security: it only tells apart messages that already share a time and a sender.
 */
export function textDigest(text: string): string {
  return textDigestBetween(text, 0, text.length);
}

/**
 * `textDigest(text.slice(start, end))`, read from `text` in place: no substring for a
 * parser that digests each message of a whole file.
 */
export function textDigestBetween(text: string, start: number, end: number): string {
  // The multipliers are written as the int32 values Math.imul uses, which keeps V8 on
  // integer arithmetic (2654435761, 2246822507 and 3266489909 as unsigned).
  let h1 = 0xdeadbeef | 0;
  let h2 = 0x41c6ce57;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, -1640531535);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), -2048144789) ^ Math.imul(h2 ^ (h2 >>> 13), -1028477387);
  h2 = Math.imul(h2 ^ (h2 >>> 16), -2048144789) ^ Math.imul(h1 ^ (h1 >>> 13), -1028477387);
  // 21 bits of h2 then 32 of h1, as 14 hex digits, lower case: the same text as
  // `(h2 & 2097151).toString(16).padStart(6, '0') + (h1 >>> 0).toString(16).padStart(8, '0')`
  // (keys already stored depend on it; a test holds the two equal), made in one flat string
  // from a digit table (toString(16) and padStart were most of the digest's time).
  const hi = h2 & 2097151;
  return String.fromCharCode(
    HEX[hi >>> 20] as number,
    HEX[(hi >>> 16) & 15] as number,
    HEX[(hi >>> 12) & 15] as number,
    HEX[(hi >>> 8) & 15] as number,
    HEX[(hi >>> 4) & 15] as number,
    HEX[hi & 15] as number,
    HEX[h1 >>> 28] as number,
    HEX[(h1 >>> 24) & 15] as number,
    HEX[(h1 >>> 20) & 15] as number,
    HEX[(h1 >>> 16) & 15] as number,
    HEX[(h1 >>> 12) & 15] as number,
    HEX[(h1 >>> 8) & 15] as number,
    HEX[(h1 >>> 4) & 15] as number,
    HEX[h1 & 15] as number,
  );
}

/** The character codes of 0–9 and a–f. */
const HEX = Array.from('0123456789abcdef', (d) => d.charCodeAt(0));

/** One part of an import key with `|` and `\\` escaped. */
export function escapeKeyPart(part: string): string {
  return part.indexOf('|') < 0 && part.indexOf('\\') < 0
    ? part
    : part.replace(/[\\|]/g, (c) => `\\${c}`);
}

/**
 * An import key from its parts: `format:` then the parts joined by `|`, each with `|` and
 * `\` escaped, so different parts can never give the same key. Needs at least one part.
 */
export function importKey(format: string, parts: readonly (string | number)[]): string {
  if (parts.length === 0) throw new RangeError('An import key needs at least one part.');
  const escaped = parts.map((p) => escapeKeyPart(String(p)));
  return `${format}:${escaped.join('|')}`;
}
