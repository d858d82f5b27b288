import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validate } from '../validate';
import {
  type ImportedCall,
  ImportedCallSchema,
  type ImportedMessage,
  ImportedMessageSchema,
  importKey,
  textDigest,
  textDigestBetween,
} from './message';

const message = (): ImportedMessage => ({
  schema: 1,
  key: importKey('whatsapp', ['2024-10-27T01:30', 'Sam', 0, textDigest('hi')]),
  channel: 'whatsapp',
  time: {
    known: 'wall-clock',
    instant: '2024-10-27T01:30:00.000Z',
    local: '2024-10-27T01:30:00',
    zone: 'Europe/London',
    offset: '+00:00',
    raw: '27/10/2024, 01:30',
    ambiguous: true,
  },
  sender: 'Sam',
  direction: 'incoming',
  text: 'hi',
  attachments: [{ name: 'IMG-20241027-WA0001.jpg', mediaType: 'image/jpeg', omitted: false }],
  flags: { edited: true },
  source: { entry: '_chat.txt', line: 3, lineEnd: 4 },
});

const call = (): ImportedCall => ({
  schema: 1,
  key: importKey('calls', [3, '+447700900123', 1_700_000_000_000]),
  channel: 'phone',
  time: { known: 'epoch', instant: '2023-11-14T22:13:20.000Z' },
  outcome: 'missed',
  direction: 'incoming',
  number: { raw: '07700 900123', e164: '+447700900123', valid: false },
  withheld: false,
  durationSeconds: 0,
  source: { byteStart: 10, byteEnd: 90 },
});

describe('imported message and call schemas', () => {
  it('accept a full message and call unchanged', () => {
    expect(validate(ImportedMessageSchema, message())).toEqual({ ok: true, value: message() });
    expect(validate(ImportedCallSchema, call())).toEqual({ ok: true, value: call() });
  });

  it('refuse a time that is not in UTC, a withheld call with a number, a bad pointer', () => {
    const offsetTime = {
      ...message(),
      time: { known: 'epoch', instant: '2024-01-01T00:00+01:00' },
    };
    expect(validate(ImportedMessageSchema, offsetTime).ok).toBe(false);
    expect(validate(ImportedCallSchema, { ...call(), withheld: true }).ok).toBe(false);
    expect(validate(ImportedMessageSchema, { ...message(), source: { line: -1 } }).ok).toBe(false);
    expect(validate(ImportedMessageSchema, { ...message(), channel: 'fax' }).ok).toBe(false);
  });
});

describe('importKey', () => {
  it('never gives two different part lists the same key', () => {
    const part = fc.oneof(fc.string({ maxLength: 6, unit: fc.constantFrom('a', '|', '\\', 'b') }));
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 4 }),
        fc.array(part, { minLength: 1, maxLength: 4 }),
        (a, b) => {
          if (a.length !== b.length || a.some((x, i) => x !== b[i])) {
            expect(importKey('x', a)).not.toBe(importKey('x', b));
          }
        },
      ),
    );
  });

  it('digests text stably and tells near-identical texts apart', () => {
    expect(textDigest('I know where you live')).toBe(textDigest('I know where you live'));
    expect(textDigest('I know where you live')).not.toBe(textDigest('I know where you live.'));
    expect(textDigest('')).toMatch(/^[0-9a-f]{14}$/);
  });

  it('gives the same digests as before the hex digits came from a table (stored keys hold them)', () => {
    // Values the earlier textDigest (toString(16) and padStart) gave, pinned as text.
    const pinned: Record<string, string> = {
      '': '0bdcb81aee8d83',
      hi: '0f42a830db0337',
      ok: '17f2cd895c9301',
      'I know where you live': '13d30fade96354',
      '<Media omitted>': '0b8a2bc29b2b8b',
      '😀 é\n二': '0afb7c00fa85de',
    };
    for (const [t, d] of Object.entries(pinned)) {
      expect(textDigest(t)).toBe(d);
      expect(textDigestBefore(t)).toBe(d);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (t) => {
        expect(textDigest(t)).toBe(textDigestBefore(t));
      }),
      { numRuns: 5000 },
    );
    // Positive control: the comparison can fail (a digest of another text differs).
    expect(textDigest('hi')).not.toBe(textDigestBefore('hi.'));
  });

  it('digests a stretch of a longer text as it digests that stretch alone', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string(),
        fc.string(),
        (t, a, b) => {
          expect(textDigestBetween(a + t + b, a.length, a.length + t.length)).toBe(textDigest(t));
        },
      ),
      { numRuns: 2000 },
    );
    expect(textDigestBetween('I know where you live', 0, 21)).toBe('13d30fade96354');
    // Positive control: one character more is another digest.
    expect(textDigestBetween('hi.', 0, 3)).not.toBe(textDigest('hi'));
  });
});

/** textDigest as it was written before its hex digits came from a table: the reference. */
function textDigestBefore(text: string): string {
  let h1 = 0xdeadbeef | 0;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, -1640531535);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), -2048144789) ^ Math.imul(h2 ^ (h2 >>> 13), -1028477387);
  h2 = Math.imul(h2 ^ (h2 >>> 16), -2048144789) ^ Math.imul(h1 ^ (h1 >>> 13), -1028477387);
  return (h2 & 2097151).toString(16).padStart(6, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
