import {
  BlobIdSchema,
  type EmailHeaders,
  EvidenceIdSchema,
  ImportedIdSchema,
  type ImportedMessageRecord,
  ImportedMessageRecordSchema,
  newId,
} from '@casebook/core';
import { describe, expect, it } from 'vitest';
import { conversationKey } from './conversations';
import { accountJson } from './json';
import { buildSnapshot } from './snapshot';
import type { RecordedEvidence, SnapshotInput } from './snapshot-input';
import { kitInput } from './test-kit';

/**
 * Emails are listed one by one: only those he sent or was sent (or marked his at import). A
 * thread he began, or a subject he once used, does not pull in other people's emails.
 */
let n = 0;
const random = {
  bytes(len: number) {
    n += 1;
    return Uint8Array.from({ length: len }, (_, i) => (n * 13 + i * 7) & 0xff);
  },
};
const mailbox = newId(EvidenceIdSchema, random);

const HIM = 'Ryan Aldous <ryan@example.com>';
const ME = 'Alex Morgan <alex.morgan@example.net>';
const KIM = 'Kim Hale <kim@larkspur.example.invalid>';
const SIS = 'Beth Morgan <beth@example.org>';
/** Text only the emails without him hold: the refuge's address in a caseworker's signature. */
const SIGNATURE = '14 Wrenfield Close, Harrowby';
const SISTER = 'Are the kids OK after Saturday?';

function email(
  sender: string,
  subject: string,
  text: string,
  at: string,
  headers: Partial<EmailHeaders> & Pick<EmailHeaders, 'to'>,
  from: ImportedMessageRecord['from'] = 'other',
): ImportedMessageRecord {
  n += 1;
  const address = /<([^>]+)>/.exec(sender)?.[1];
  return ImportedMessageRecordSchema.parse({
    schema: 1,
    id: newId(ImportedIdSchema, random),
    exhibit: { evidenceId: mailbox },
    from,
    message: {
      schema: 1,
      key: `email:${headers.messageId ?? n}`,
      channel: 'email',
      time: { known: 'epoch', instant: at },
      sender,
      ...(address === undefined ? {} : { senderAddress: address }),
      subject,
      email: { references: [], cc: [], bcc: [], ...headers },
      text,
      attachments: [],
      flags: {},
      source: { byteStart: n * 100, byteEnd: n * 100 + 99 },
    },
  });
}

/** His threat; her forward of it to the refuge; the caseworker's reply; his "hi"; her sister's "Hi". */
function mails(): ImportedMessageRecord[] {
  return [
    email(HIM, 'You cannot hide', 'I will find the new place.', '2025-03-24T21:00:00Z', {
      messageId: '<root@example.com>',
      to: [ME],
    }),
    email(ME, 'Fwd: You cannot hide', 'He sent this last night.', '2025-03-25T08:00:00Z', {
      messageId: '<fwd@example.net>',
      inReplyTo: '<root@example.com>',
      references: ['<root@example.com>'],
      to: [KIM],
    }),
    email(
      KIM,
      'Re: Fwd: You cannot hide',
      `Thank you, we have logged it.\n--\nKim Hale, Larkspur Refuge\n${SIGNATURE}`,
      '2025-03-25T09:30:00Z',
      {
        messageId: '<reply@larkspur.example.invalid>',
        inReplyTo: '<fwd@example.net>',
        references: ['<root@example.com>', '<fwd@example.net>'],
        to: [ME],
      },
    ),
    email(HIM, 'hi', 'Answer me.', '2025-03-26T22:00:00Z', {
      messageId: '<hi@example.com>',
      to: [ME],
    }),
    email(SIS, 'Hi', SISTER, '2025-03-27T12:00:00Z', {
      messageId: '<hi@example.org>',
      to: [ME],
    }),
    email(ME, 'Re: hi', 'Stop emailing me.', '2025-03-26T22:30:00Z', {
      messageId: '<re-hi@example.net>',
      inReplyTo: '<hi@example.com>',
      references: ['<hi@example.com>'],
      to: [HIM],
    }),
  ];
}

function withMails(messages: readonly ImportedMessageRecord[]): SnapshotInput {
  const kit = kitInput();
  const sha256 = 'a'.repeat(64);
  const file: RecordedEvidence = {
    body: {
      schema: 1,
      id: mailbox,
      blobId: newId(BlobIdSchema, random),
      sha256,
      size: 4_000,
      mediaType: 'application/mbox',
      originalName: 'All mail.mbox',
      exhibitRef: 'AB/20',
      intakeAt: '2025-04-05T10:00:00Z',
      source: 'import',
      incidents: [],
    },
    file: { sha256, size: 4_000 },
    history: { recordedAt: '2025-04-05T10:00:00Z', edits: 0 },
  };
  return { ...kit, evidence: [...kit.evidence, file], messages: [...messages] };
}

describe('emails in the account', () => {
  it('lists his emails and hers to him (positive control)', () => {
    const snap = buildSnapshot(withMails(mails()));
    expect(snap.messages?.map((m) => m.text)).toEqual([
      'I will find the new place.',
      'Answer me.',
      'Stop emailing me.',
    ]);
    expect(snap.exhibits.map((e) => e.ref)).toContain('AB/20');
  });

  it("leaves out a caseworker's reply in the thread he began, and her forward to the refuge", () => {
    const input = withMails(mails());
    // The text is in the input: the test can fail.
    expect(JSON.stringify(input.messages)).toContain(SIGNATURE);
    const json = accountJson(buildSnapshot(input));
    expect(json).not.toContain(SIGNATURE);
    expect(json).not.toContain('Kim Hale');
    expect(json).not.toContain('He sent this last night.');
    const parsed = JSON.parse(json);
    // Counted, never named: the forward and the reply (one conversation: the same thread
    // among her and the caseworker), and the sister's email.
    expect(parsed.notListed).toMatchObject({ conversations: 2, messages: 3 });
  });

  it('leaves out her sister\'s "Hi", although he once sent "hi"', () => {
    const all = mails();
    const [his, , , hisHi, sisters] = [all[0], all[1], all[2], all[3], all[4]];
    if (his === undefined || hisHi === undefined || sisters === undefined) throw new Error('kit');
    expect(conversationKey(sisters)).not.toBe(conversationKey(hisHi));
    const json = accountJson(buildSnapshot(withMails(all)));
    expect(json).not.toContain(SISTER);
    expect(json).not.toContain('beth@example.org');
    expect(json).toContain('Answer me.');
  });

  it('lists an email marked his at import, and reads emails imported before recipients were kept', () => {
    const [, , reply, , sisters] = mails();
    if (reply === undefined || sisters === undefined) throw new Error('kit');
    const marked = { ...reply, from: 'responsible' as const };
    const { email: _e, ...old } = sisters.message;
    const oldFromHim = {
      ...sisters,
      message: { ...old, sender: HIM, senderAddress: 'ryan@example.com', text: 'old import' },
    };
    const oldToHim = { ...sisters, message: { ...old, sender: ME, text: 'old reply' } };
    const texts = buildSnapshot(withMails([marked, oldFromHim, oldToHim])).messages?.map(
      (m) => m.text,
    );
    expect(texts).toContain(marked.message.text);
    expect(texts).toContain('old import');
    // No recipients were kept, so nothing shows it went to him: counted, not listed.
    expect(texts).not.toContain('old reply');
  });

  it('keeps one thread among the same people as one conversation, whatever the subject says', () => {
    const [his, , , , , reply] = mails();
    if (his === undefined || reply === undefined) throw new Error('kit');
    const renamed = {
      ...reply,
      message: {
        ...reply.message,
        subject: 'something else',
        email: {
          references: ['<root@example.com>'],
          to: ['RYAN@example.com'],
          cc: [],
          bcc: [],
        },
      },
    };
    expect(conversationKey(renamed)).toBe(conversationKey(his));
  });
});
