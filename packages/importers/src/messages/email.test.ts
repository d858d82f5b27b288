import { ImportedMessageSchema } from '@casebook/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureBytes } from '../../test/message-fixtures';
import { type EmailAttachment, readEmail } from './email';
import { emailDate } from './email-date';
import { type MboxItem, readMbox } from './mbox';

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
async function collect(it: AsyncIterable<MboxItem>): Promise<MboxItem[]> {
  const out: MboxItem[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('readEmail', () => {
  it('reads an .eml: RFC 2047 words, quoted-printable, the attachment, headers in order', async () => {
    const seen: EmailAttachment[] = [];
    const bytes = fixtureBytes('email/threat-with-photo.eml');
    const r = await readEmail(
      bytes,
      { byteStart: 0, byteEnd: bytes.length },
      {
        selfAddresses: ['Alex.Morgan@example.net'],
        onAttachment: (a) => void seen.push(a),
      },
    );
    if (!r.ok) throw new Error(r.problem.message);
    const m = ImportedMessageSchema.parse(r.value.message);
    expect(m).toMatchObject({
      key: 'email:<20240312210533.4821@mail.example.invalid>',
      channel: 'email',
      time: { known: 'epoch', instant: '2024-03-12T21:05:33.000Z' },
      sender: 'Sam Cartér <sam.carter@example.invalid>',
      senderAddress: 'sam.carter@example.invalid',
      direction: 'incoming',
      subject: "Why won't you answer 😠",
      attachments: [{ name: 'car.png', mediaType: 'image/png', omitted: false, size: 33 }],
    });
    expect(m.text).toContain('I saw you at the café on Friday.\nCall me on 07700 900123.');
    expect(m.text).toContain('From now on');
    expect(r.value.headers.map((h) => h.key).slice(0, 3)).toEqual([
      'Return-Path',
      'Received',
      'DKIM-Signature',
    ]);
    expect(seen.map((a) => [a.name, a.bytes[0], a.messageKey])).toEqual([['car.png', 0x89, m.key]]);
  });

  it('reads an HTML-only email as text and GMT as exact', async () => {
    const r = await readEmail(fixtureBytes('email/html-only.eml'), { index: 0 });
    expect(r.ok && r.value.message).toMatchObject({
      text: 'Good morning.\nI am outside.',
      time: { known: 'epoch', instant: '2024-03-13T08:00:00.000Z' },
      sender: 'sam.carter@example.invalid',
    });
  });

  it('reads a Date without a zone as a flagged wall clock, and keys it without a Message-ID', async () => {
    const r = await readEmail(fixtureBytes('email/date-without-zone.eml'), { index: 0 });
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.value.message.time).toEqual({
      known: 'wall-clock',
      instant: '2024-03-31T01:30:00.000Z',
      local: '2024-03-31T01:30:00',
      zone: 'Europe/London',
      offset: '+00:00',
      raw: '31 Mar 2024 01:30:00',
      nonexistent: true,
    });
    expect(r.value.message.key).toMatch(
      /^email:31 Mar 2024 01:30:00\|sam.carter@example.invalid\|/,
    );
  });

  it('keeps the thread headers and every recipient, groups opened, so threads are real', async () => {
    const reply = [
      'Message-ID: <r2@refuge.example.invalid>',
      'In-Reply-To: <fwd1@example.net>',
      'References: <root@mail.example.invalid>\r\n <fwd1@example.net>',
      'Date: Wed, 13 Mar 2024 09:00:00 +0000',
      'From: Caseworker <kim@refuge.example.invalid>',
      'To: Alex Morgan <alex.morgan@example.net>, team@refuge.example.invalid',
      'Cc: Support: Jo <jo@refuge.example.invalid>, "Lee, R" <lee@refuge.example.invalid>;',
      'Bcc: <log@refuge.example.invalid>',
      'Subject: Re: Fwd: You cannot hide',
      '',
      'We have your new address on file.',
      '',
    ].join('\r\n');
    const r = await readEmail(new TextEncoder().encode(reply), { index: 0 });
    if (!r.ok) throw new Error(r.problem.message);
    const m = ImportedMessageSchema.parse(r.value.message);
    expect(m.email).toEqual({
      messageId: '<r2@refuge.example.invalid>',
      inReplyTo: '<fwd1@example.net>',
      references: ['<root@mail.example.invalid>', '<fwd1@example.net>'],
      to: ['Alex Morgan <alex.morgan@example.net>', 'team@refuge.example.invalid'],
      cc: ['Jo <jo@refuge.example.invalid>', 'Lee, R <lee@refuge.example.invalid>'],
      bcc: ['log@refuge.example.invalid'],
    });
    // No thread headers: empty lists, not missing fields.
    const lone = await readEmail(fixtureBytes('email/html-only.eml'), { index: 0 });
    expect(lone.ok && lone.value.message.email).toMatchObject({ references: [], cc: [], bcc: [] });
  });

  it('turns text that is not an email, and empty input, into problems', async () => {
    const text = new TextEncoder().encode('just some notes\nnothing else\n');
    const r = await readEmail(text, { index: 0 });
    expect(r.ok === false && r.problem.code).toBe('not-an-export');
    const e = await readEmail(new Uint8Array(), { index: 0 });
    expect(e.ok === false && e.problem.code).toBe('empty');
  });
});

describe('emailDate', () => {
  it('reads offsets, obsolete zone names and two-digit years without the host zone', () => {
    expect(emailDate('Tue, 12 Mar 2024 22:05:33 +0100', 'Europe/London')).toEqual({
      known: 'epoch',
      instant: '2024-03-12T21:05:33.000Z',
    });
    expect(emailDate('12 Mar 24 16:05 EST', 'Europe/London')).toMatchObject({
      instant: '2024-03-12T21:05:00.000Z',
    });
    expect(emailDate('Tue, 12 Mar 2024 21:05:33 -0000', 'Europe/London')).toMatchObject({
      known: 'wall-clock',
    });
    expect(emailDate('yesterday', 'Europe/London')).toEqual({
      known: 'unreadable',
      raw: 'yesterday',
    });
    expect(emailDate('31 Feb 2024 10:00 +0000', 'Europe/London')).toMatchObject({
      known: 'unreadable',
    });
  });
});

describe('readMbox', () => {
  const bytes = fixtureBytes('email/mailbox.mbox');

  it('splits on From lines, un-quotes mboxrd, keeps each message’s exact byte range', async () => {
    const items = await collect(readMbox(chunked(bytes, 1 << 20)));
    const emails = items.map((i) => (i.type === 'email' ? i.email.message : i));
    expect(emails.map((m) => ('subject' in m ? m.subject : m))).toEqual([
      'first',
      'Re: first',
      "you can't hide",
    ]);
    const first = emails[0];
    if (first === undefined || !('text' in first)) throw new Error('no first message');
    expect(first.text).toContain(
      '\nFrom the start I told you\n>From here on it is your fault\nFrom-ish',
    );
    const text = new TextDecoder().decode(bytes);
    const ranges = emails.map((m) => ('source' in m ? m.source : undefined));
    expect(ranges[0]).toEqual({ byteStart: 0, byteEnd: text.indexOf('From alex.morgan') });
    const last = ranges[2];
    expect(last && 'byteEnd' in last && last.byteEnd).toBe(bytes.length);
    const slice =
      last && 'byteStart' in last
        ? new TextDecoder().decode(bytes.subarray(last.byteStart, last.byteEnd))
        : '';
    expect(slice.startsWith('From sam.carter@example.invalid Wed Mar 13')).toBe(true);
  });

  it('keeps the quoting as stored when told to', async () => {
    const items = await collect(readMbox(chunked(bytes, 4096), { quoting: 'none' }));
    const first = items[0];
    expect(first?.type === 'email' && first.email.message.text).toContain('\n>From the start');
  });

  it('gives the same messages and ranges however the file is chunked', async () => {
    const whole = await collect(readMbox(chunked(bytes, bytes.length)));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 300 }), async (size) => {
        expect(await collect(readMbox(chunked(bytes, size)))).toEqual(whole);
      }),
      { numRuns: 40 },
    );
  });

  it('says a file that is not an mbox is not one', async () => {
    const items = await collect(
      readMbox(chunked(new TextEncoder().encode('Dear diary\nFrom today on\n'), 8)),
    );
    expect(items).toMatchObject([{ type: 'problem', problem: { code: 'not-an-export' } }]);
    expect(await collect(readMbox(chunked(new Uint8Array(), 8)))).toMatchObject([
      { problem: { code: 'empty' } },
    ]);
  });
});
