import {
  BlobIdSchema,
  EvidenceIdSchema,
  type ImportedCallRecord,
  ImportedIdSchema,
  type ImportedMessageRecord,
  newId,
  type Random,
} from '@casebook/core';
import type { Recorded, RecordedEvidence, SnapshotInput } from './snapshot-input';
import { kitInput } from './test-kit';

/**
 * The kit case with imports as a whole phone gives them: an SMS backup holding the person
 * responsible's thread (linked only by his number on his person record), a refuge's thread and
 * Mum's; a WhatsApp chat with him; a WhatsApp chat with the refuge, an export of its own; and a
 * call log with a call from his number, one from the refuge and one withheld. `OTHER` is text
 * that only the conversations without him hold. Pure.
 */
export const OTHER = { refuge: 'Larkspur Refuge', room: 'Your room is ready', mum: 'Love, Mum' };

function counting(start: number): Random {
  let n = start;
  return {
    bytes(len) {
      const out = new Uint8Array(len);
      for (let i = 0; i < len; i++) out[i] = (n * 11 + i * 17) & 0xff;
      n += 1;
      return out;
    },
  };
}

const random = counting(500);
export const importIds = {
  sms: newId(EvidenceIdSchema, random),
  chatWithHim: newId(EvidenceIdSchema, random),
  chatWithRefuge: newId(EvidenceIdSchema, random),
  callLog: newId(EvidenceIdSchema, random),
};

const fresh = (recordedAt: string) => ({ recordedAt, edits: 0 });

function exportFile(
  id: (typeof importIds)[keyof typeof importIds],
  ref: string,
  originalName: string,
  mediaType: string,
): RecordedEvidence {
  return {
    body: {
      schema: 1,
      id,
      blobId: newId(BlobIdSchema, random),
      sha256: ref.replace(/\D/g, '').repeat(64).slice(0, 64).padEnd(64, 'e'),
      size: 2_000,
      mediaType,
      originalName,
      exhibitRef: ref,
      intakeAt: '2025-04-05T10:00:00Z',
      source: 'import',
      incidents: [],
    },
    file: { sha256: ref.replace(/\D/g, '').repeat(64).slice(0, 64).padEnd(64, 'e'), size: 2_000 },
    history: fresh('2025-04-05T10:00:00Z'),
  };
}

type Msg = ImportedMessageRecord['message'];
let line = 0;
function message(
  exhibit: string,
  from: ImportedMessageRecord['from'],
  m: Partial<Msg> & Pick<Msg, 'channel' | 'sender' | 'text'>,
  instant: string | undefined,
): ImportedMessageRecord {
  line += 1;
  return {
    schema: 1,
    id: newId(ImportedIdSchema, random),
    exhibit: { evidenceId: exhibit as ImportedMessageRecord['exhibit']['evidenceId'] },
    from,
    message: {
      schema: 1,
      key: `${m.channel}:${line}`,
      time:
        instant === undefined
          ? { known: 'unreadable', raw: 'garbled date' }
          : { known: 'epoch', instant },
      attachments: [],
      flags: {},
      source: { index: line },
      ...m,
    },
  };
}

function call(
  party: string | undefined,
  number: string | undefined,
  instant: string,
  from: ImportedCallRecord['from'] = 'other',
): Recorded<ImportedCallRecord> {
  line += 1;
  return {
    body: {
      schema: 1,
      id: newId(ImportedIdSchema, random),
      exhibit: { evidenceId: importIds.callLog },
      from,
      call: {
        schema: 1,
        key: `call:${line}`,
        channel: 'phone',
        time: { known: 'epoch', instant },
        outcome: 'missed',
        direction: 'incoming',
        withheld: number === undefined,
        ...(number === undefined ? {} : { number: { raw: number, valid: false } }),
        ...(party === undefined ? {} : { party }),
        source: { index: line },
      },
    },
    history: fresh('2025-04-05T10:00:00Z'),
  };
}

/** The messages: his (7: 3 by SMS, one of them undated, 2 replies, 2 on WhatsApp) and 7 others. */
export function importMessages(): ImportedMessageRecord[] {
  const sms = (thread: string, sender: string, text: string, at: string | undefined, out = false) =>
    message(
      importIds.sms,
      out ? 'self' : 'other',
      {
        channel: 'sms',
        sender,
        text,
        thread,
        direction: out ? 'outgoing' : 'incoming',
        ...(out ? {} : { senderAddress: sender }),
      },
      at,
    );
  const chat = (
    exhibit: string,
    from: ImportedMessageRecord['from'],
    sender: string,
    text: string,
    at: string,
  ) => message(exhibit, from, { channel: 'whatsapp', sender, text }, at);
  return [
    sms('+447700900481', '+447700900481', 'Answer your phone', '2025-03-20T22:10:00Z'),
    sms('+447700900481', 'Me', 'Leave me alone', '2025-03-20T22:12:00Z', true),
    sms('+447700900481', '+447700900481', 'I know where you are', '2025-03-21T23:40:00Z'),
    sms('+447700900481', 'Me', 'Stop', '2025-03-21T23:41:00Z', true),
    sms('+447700900481', '+447700900481', 'undated one', undefined),
    sms(OTHER.refuge, OTHER.refuge, `${OTHER.room}, call us on arrival`, '2025-03-22T09:00:00Z'),
    sms(OTHER.refuge, 'Me', 'Thank you, arriving at six', '2025-03-22T09:05:00Z', true),
    sms(OTHER.refuge, OTHER.refuge, 'The code for the gate is 4417', '2025-03-22T17:00:00Z'),
    sms('Mum', 'Mum', OTHER.mum, '2025-03-23T12:00:00Z'),
    sms('Mum', 'Me', 'Speak soon', '2025-03-23T12:01:00Z', true),
    chat(importIds.chatWithHim, 'responsible', 'Ryan', 'You cannot hide', '2025-03-24T01:00:00Z'),
    chat(importIds.chatWithHim, 'self', 'Me', 'Go away', '2025-03-24T01:02:00Z'),
    chat(importIds.chatWithRefuge, 'other', 'Larkspur', 'See you soon', '2025-03-25T10:00:00Z'),
    chat(importIds.chatWithRefuge, 'self', 'Me', 'Thank you', '2025-03-25T10:01:00Z'),
  ];
}

/** The kit case with those imports. */
export function kitWithImports(): SnapshotInput {
  const kit = kitInput();
  return {
    ...kit,
    evidence: [
      ...kit.evidence,
      exportFile(importIds.sms, 'AB/10', 'sms-20250405.xml', 'application/xml'),
      exportFile(importIds.chatWithHim, 'AB/11', 'WhatsApp Chat with Ryan.txt', 'text/plain'),
      exportFile(
        importIds.chatWithRefuge,
        'AB/12',
        `WhatsApp Chat with ${OTHER.refuge}.txt`,
        'text/plain',
      ),
      exportFile(importIds.callLog, 'AB/13', 'calls-20250405.xml', 'application/xml'),
    ],
    messages: importMessages(),
    importedCalls: [
      call(undefined, '07700 900481', '2025-03-20T22:05:00Z'),
      call(OTHER.refuge, '07700 900777', '2025-03-22T08:55:00Z'),
      call(undefined, undefined, '2025-03-22T08:56:00Z'),
    ],
  };
}
