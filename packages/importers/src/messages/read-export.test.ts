import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { fixtureBytes, fixtureText } from '../../test/message-fixtures';
import { describeExport, describeRange } from './describe-export';
import { readExport } from './read-export';

const photo = fixtureBytes('../../../fixtures/images/IMG_20180725_163423-tiny.jpg');
const blob = (bytes: Uint8Array | string) =>
  new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]);

async function whatsappZip(): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  await writer.add(
    'WhatsApp Chat with Sam Carter.txt',
    new TextReader(fixtureText('whatsapp/android-en-gb-24h.txt')),
  );
  await writer.add('IMG-20240312-WA0001.jpg', new Uint8ArrayReader(photo));
  return writer.close();
}

describe('readExport', () => {
  it('reads a WhatsApp zip with a photo and says what was found', async () => {
    const read = await readExport(blob(await whatsappZip()), 'WhatsApp Chat with Sam Carter.zip');
    if (!read.ok) throw new Error(JSON.stringify(read));
    expect(read.value.format).toBe('whatsapp-zip');
    expect(read.value.media).toEqual({ files: 1, photos: 1 });
    expect(read.value.people.map((p) => p.name)).toEqual(['Sam Carter', 'Alex Morgan']);
    expect(describeExport(read.value, 'Europe/London')).toBe(
      'WhatsApp chat with 2 people, 11 messages, 12 Mar – 14 Mar 2024, 1 photo',
    );
  });

  it('reads the other formats the sniffer knows', async () => {
    const cases: [string, string][] = [
      ['sms/sms-20240401091244.xml', 'sms-backup'],
      ['sms/calls-20240401091244.xml', 'calls-backup'],
      ['email/mailbox.mbox', 'mbox'],
      ['email/threat-with-photo.eml', 'eml'],
      ['telegram/single-chat-result.json', 'telegram-json'],
    ];
    for (const [path, format] of cases) {
      const read = await readExport(blob(fixtureBytes(`./${path}`)), path);
      if (!read.ok) throw new Error(`${path}: ${JSON.stringify(read)}`);
      expect(read.value.format).toBe(format);
      expect(read.value.messages.length + read.value.calls.length).toBeGreaterThan(0);
    }
  });

  it('gives a plain problem for a file that is not an export, a truncated zip or an unknown layout', async () => {
    const notChat = await readExport(blob(fixtureText('whatsapp/not-a-chat.txt')), 'notes.txt');
    expect(notChat).toMatchObject({ ok: false, problem: { code: 'not-an-export' } });
    const zip = await whatsappZip();
    const truncated = await readExport(blob(zip.subarray(0, zip.length - 40)), 'WhatsApp.zip');
    expect(truncated.ok).toBe(false);
    if (!truncated.ok && 'problem' in truncated)
      expect(truncated.problem.message).toMatch(/Nothing was imported/);
    const unknown = await readExport(blob(fixtureText('whatsapp/unknown-layout.txt')), 'chat.txt');
    expect(unknown.ok).toBe(false);
  });

  it('asks for the date order when the file cannot tell, and reads it once told', async () => {
    const text = fixtureText('whatsapp/ambiguous-date-order.txt');
    const asked = await readExport(blob(text), 'chat.txt');
    expect(asked).toMatchObject({ ok: false, needsDateOrder: {} });
    const told = await readExport(blob(text), 'chat.txt', { dateOrder: 'month-first' });
    expect(told.ok).toBe(true);
  });
});

describe('describeRange', () => {
  it('shows one date, a range in one year, or across years, in the chosen zone', () => {
    expect(
      describeRange(
        { first: '2026-01-04T10:00:00Z', last: '2026-01-04T11:00:00Z' },
        'Europe/London',
      ),
    ).toBe('4 Jan 2026');
    expect(
      describeRange(
        { first: '2026-01-04T10:00:00Z', last: '2026-03-30T11:00:00Z' },
        'Europe/London',
      ),
    ).toBe('4 Jan – 30 Mar 2026');
    // 23:30 UTC on 31 Dec is already 1 Jan in Berlin.
    expect(
      describeRange(
        { first: '2025-12-31T23:30:00Z', last: '2026-03-30T11:00:00Z' },
        'Europe/Berlin',
      ),
    ).toBe('1 Jan – 30 Mar 2026');
    expect(
      describeRange(
        { first: '2025-12-31T23:30:00Z', last: '2026-03-30T11:00:00Z' },
        'Europe/London',
      ),
    ).toBe('31 Dec 2025 – 30 Mar 2026');
  });
});
