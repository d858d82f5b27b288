import { describe, expect, it } from 'vitest';
import { fixtureBytes } from '../../test/message-fixtures';
import { sniffExport } from './sniff-export';

describe('sniffExport', () => {
  it.each([
    ['whatsapp/android-en-gb-24h.txt', 'WhatsApp Chat with Sam Carter.txt', 'whatsapp-text'],
    ['whatsapp/ios-en-gb-group.txt', '_chat.txt', 'whatsapp-text'],
    ['whatsapp/bom-crlf.txt', 'chat.txt', 'whatsapp-text'],
    ['sms/sms-20240401091244.xml', 'sms-20240401091244.xml', 'sms-backup'],
    ['sms/calls-20240401091244.xml', 'calls-20240401091244.xml', 'calls-backup'],
    ['email/threat-with-photo.eml', 'a.eml', 'eml'],
    ['email/date-without-zone.eml', 'b.eml', 'eml'],
    ['email/mailbox.mbox', 'All mail.mbox', 'mbox'],
    ['telegram/single-chat-result.json', 'result.json', 'telegram-json'],
    ['telegram/full-account-result.json', 'result.json', 'telegram-json'],
    [
      'meta/your_facebook_activity/messages/inbox/samcarter_10/message_1.json',
      'message_1.json',
      'meta-json',
    ],
  ])('%s is %s', (path, name, format) => {
    expect(sniffExport(fixtureBytes(path).subarray(0, 65536), name)).toMatchObject({
      ok: true,
      format,
    });
  });

  it('names a zip by its first entry, and turns other files into plain problems', () => {
    const zip = new Uint8Array(64);
    zip.set([0x50, 0x4b, 0x03, 0x04]);
    zip.set([9, 0], 26);
    zip.set(new TextEncoder().encode('_chat.txt'), 30);
    expect(sniffExport(zip, 'export.zip')).toMatchObject({ ok: true, format: 'whatsapp-zip' });
    zip.set(new TextEncoder().encode('photo.jpg'), 30);
    expect(sniffExport(zip, 'holiday.zip')).toMatchObject({
      ok: false,
      problem: { code: 'unsupported' },
    });
    expect(sniffExport(zip, 'WhatsApp Chat - Sam.zip')).toMatchObject({
      ok: true,
      format: 'whatsapp-zip',
    });
    expect(sniffExport(fixtureBytes('whatsapp/not-a-chat.txt'), 'list.txt')).toMatchObject({
      ok: false,
      problem: { code: 'not-an-export' },
    });
    expect(sniffExport(new Uint8Array(), 'x')).toMatchObject({
      ok: false,
      problem: { code: 'empty' },
    });
    expect(sniffExport(new TextEncoder().encode('{"a":1}'), 'x.json')).toMatchObject({ ok: false });
    expect(sniffExport(new TextEncoder().encode('<html></html>'), 'x.xml')).toMatchObject({
      ok: false,
    });
    expect(sniffExport(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]), 'x.jpg')).toMatchObject({
      ok: false,
    });
  });
});
