import { ImportedCallSchema, ImportedMessageSchema } from '@casebook/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureBytes } from '../../test/message-fixtures';
import { type MmsPart, readSmsBackup, type SmsBackupItem } from './sms-backup';
import { SMS_HEAD, SMS_TAIL, smsElement, type WrittenSms } from './testing/sms-backup-writer';

async function* chunked(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    yield bytes.subarray(at, Math.max(at, c));
    at = Math.max(at, c);
  }
  yield bytes.subarray(at);
}

async function collect(it: AsyncIterable<SmsBackupItem>): Promise<SmsBackupItem[]> {
  const out: SmsBackupItem[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('readSmsBackup: SMS and MMS', () => {
  it('reads the fixture: emoji, numbers, directions, the MMS text and picture', async () => {
    const parts: MmsPart[] = [];
    const items = await collect(
      readSmsBackup(chunked(fixtureBytes('sms/sms-20240401091244.xml'), [100, 101, 700]), {
        self: 'Alex Morgan',
        onPart: (p) => void parts.push(p),
      }),
    );
    const messages = items.map((i) =>
      i.type === 'message' ? ImportedMessageSchema.parse(i.message) : i,
    );
    expect(
      messages.map((m) => ('text' in m ? [m.channel, m.sender, m.direction, m.text] : m)),
    ).toEqual([
      ['sms', 'Sam Carter', 'incoming', 'Why are you ignoring me 😠'],
      ['sms', 'Sam Carter', 'incoming', "I'm outside.\nCome to the window"],
      ['sms', 'Alex Morgan', 'outgoing', 'Leave me alone'],
      ['sms', 'HSBC', 'incoming', 'Your code is 123456'],
      ['mms', 'Sam Carter', 'incoming', 'Recognise this? 👀'],
    ]);
    const [first, , , , mms] = messages;
    expect(first).toMatchObject({
      time: { known: 'epoch', instant: '2024-03-31T23:00:00.000Z' },
      senderAddress: '07700 900123',
      source: { index: 0 },
    });
    expect(mms).toMatchObject({
      attachments: [{ name: 'image000000.png', mediaType: 'image/png', omitted: false, size: 29 }],
      source: { index: 4 },
    });
    expect(parts).toHaveLength(1);
    expect(parts[0]?.mediaType).toBe('image/png');
    expect(Array.from(parts[0]?.bytes.subarray(0, 4) ?? [])).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(parts[0]?.messageKey).toBe(mms && 'key' in mms ? mms.key : '');
    // The same sender written three ways gives keys on one E.164 number.
    expect(messages.slice(0, 3).map((m) => ('key' in m ? m.key.split('|')[1] : ''))).toEqual([
      '+447700900123',
      '+447700900123',
      '+447700900123',
    ]);
  });

  it('reads emoji split across chunks at every byte, the same as in one piece', async () => {
    const sms: WrittenSms[] = [
      { address: '07700900123', date: 1711926000000, type: 1, body: '😀 👩‍👧 é 𝄞 & <3' },
      { address: '07700900123', date: 1711926001000, type: 1, body: 'plain' },
    ];
    const bytes = new TextEncoder().encode(SMS_HEAD + sms.map(smsElement).join('') + SMS_TAIL);
    const texts = async (cuts: number[]) =>
      (await collect(readSmsBackup(chunked(bytes, cuts)))).map((i) =>
        i.type === 'message' ? i.message.text : i.type,
      );
    const whole = await texts([]);
    expect(whole).toEqual(['😀 👩‍👧 é 𝄞 & <3', 'plain']);
    for (let c = 0; c <= bytes.length; c += 1) expect(await texts([c, c + 7])).toEqual(whole);
  });

  it('any generated backup reads back, however it is chunked', async () => {
    const body = fc.string({
      unit: fc.constantFrom('a', ' ', '😀', '💔', 'é', '&', '<', '"', "'", '\n', '漢'),
      maxLength: 30,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            body,
            type: fc.constantFrom(1 as const, 2 as const),
            date: fc.integer({ min: 1e12, max: 2e12 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.array(fc.nat(), { maxLength: 10 }),
        async (rows, cuts) => {
          const sms = rows.map((r) => ({ ...r, address: '07700 900456' }));
          const bytes = new TextEncoder().encode(
            SMS_HEAD + sms.map(smsElement).join('') + SMS_TAIL,
          );
          const items = await collect(
            readSmsBackup(
              chunked(
                bytes,
                cuts.map((c) => c % (bytes.length + 1)),
              ),
            ),
          );
          expect(
            items.map((i) => (i.type === 'message' ? [i.message.text, i.message.direction] : i)),
          ).toEqual(sms.map((s) => [s.body, s.type === 1 ? 'incoming' : 'outgoing']));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('readSmsBackup: calls', () => {
  it('reads every outcome, numbers as E.164, withheld calls without a number', async () => {
    const items = await collect(
      readSmsBackup(chunked(fixtureBytes('sms/calls-20240401091244.xml'), [333])),
    );
    const calls = items.map((i) => (i.type === 'call' ? ImportedCallSchema.parse(i.call) : i));
    expect(
      calls.map((c) =>
        'outcome' in c ? [c.outcome, c.number?.e164, c.withheld, c.durationSeconds] : c,
      ),
    ).toEqual([
      ['missed', '+447700900123', false, undefined],
      ['missed', '+447700900123', false, undefined],
      ['voicemail', '+447700900123', false, 42],
      ['rejected', '+447700900123', false, 0],
      ['incoming', undefined, true, 0],
      ['blocked', undefined, true, 0],
      ['outgoing', '+447700900999', false, 125],
      ['answered-elsewhere', '+441632960001', false, 61],
    ]);
    const first = calls[0];
    expect(first).toMatchObject({
      number: { raw: '07700900123', valid: false },
      party: 'Sam Carter',
    });
    expect(calls[6]).toMatchObject({ direction: 'outgoing', party: 'Mum' });
  });
});

describe('readSmsBackup: bad input', () => {
  const run = async (text: string) =>
    (await collect(readSmsBackup(chunked(new TextEncoder().encode(text), [10])))).at(-1);

  it('says a cut-off file is truncated, after the messages it could read', async () => {
    const bytes = fixtureBytes('sms/sms-20240401091244.xml');
    const items = await collect(readSmsBackup(chunked(bytes.subarray(0, 1500), [])));
    expect(items.at(-1)).toMatchObject({ type: 'problem', problem: { code: 'truncated' } });
    expect(items.filter((i) => i.type === 'message').length).toBeGreaterThan(0);
  });

  it('says other XML, text and empty files are not backups', async () => {
    expect(await run('<html><body>hi</body></html>')).toMatchObject({
      problem: { code: 'not-an-export' },
    });
    expect(await run('hello there')).toMatchObject({ type: 'problem' });
    expect((await collect(readSmsBackup(chunked(new Uint8Array(), [])))).at(-1)).toMatchObject({
      problem: { code: 'empty' },
    });
    expect(await run('<smses><sms body="a"></mms></smses>')).toMatchObject({
      problem: { code: 'damaged' },
    });
  });

  it('keeps an undated message with its time marked unreadable', async () => {
    const last = await collect(
      readSmsBackup(
        chunked(
          new TextEncoder().encode(
            '<smses><sms address="1" date="null" type="1" body="x"/></smses>',
          ),
          [],
        ),
      ),
    );
    expect(last[0]).toMatchObject({
      type: 'message',
      message: { time: { known: 'unreadable', raw: 'null' } },
    });
  });
});
