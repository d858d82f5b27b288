import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWhatsApp } from './parse-whatsapp';
import { type ExportLayout, type WrittenMessage, writeWhatsApp } from './testing/whatsapp-writer';

const NAMES = [
  'Sam Carter',
  'Alex Morgan',
  'Zoë Ó Briain',
  '山田 花子',
  "Jo O'Neil",
  '+44 7700 900123',
];
const WORDS = [
  'hello',
  'where',
  'are',
  'you',
  'I',
  'saw',
  'your car',
  '😀',
  'at 9',
  'ok?',
  'x:y',
  '—',
  ' ',
];

const line = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 })
  .map((ws) => ws.join(' '))
  .filter((s) => !/^[\d[]/.test(s));
const text = fc.array(fc.oneof(line, fc.constant('')), { minLength: 1, maxLength: 3 }).map((ls) =>
  // A message's first line is never empty in an export.
  ls[0] === '' ? ['hi', ...ls.slice(1)].join('\n') : ls.join('\n'),
);

const layout: fc.Arbitrary<ExportLayout> = fc.record({
  platform: fc.constantFrom('android' as const, 'ios' as const),
  order: fc.constantFrom('day-first' as const, 'month-first' as const),
  clock: fc.constantFrom('24h' as const, '12h' as const),
  year: fc.constantFrom(2 as const, 4 as const),
  separator: fc.constantFrom('/' as const, '.' as const, '-' as const),
});

/** Sorted wall-clock times; whole minutes on Android, which writes no seconds. */
function locals(count: number, seconds: boolean) {
  return fc
    .array(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), {
      minLength: count,
      maxLength: count,
    })
    .map((ms) =>
      ms
        .map((t) => (seconds ? Math.floor(t / 1000) * 1000 : Math.floor(t / 60_000) * 60_000))
        .sort((a, b) => a - b)
        .map((t) => new Date(t).toISOString().slice(0, 19)),
    );
}

const chat = layout.chain((l) =>
  fc.integer({ min: 1, max: 25 }).chain((n) =>
    fc
      .tuple(
        locals(n, l.platform === 'ios'),
        fc.array(fc.tuple(fc.constantFrom(...NAMES), text), { minLength: n, maxLength: n }),
      )
      .map(([times, bodies]) => ({
        layout: l,
        messages: times.map(
          (local, i): WrittenMessage => ({
            local,
            sender: bodies[i]?.[0] ?? 'Sam Carter',
            text: bodies[i]?.[1] ?? 'hi',
          }),
        ),
      })),
  ),
);

describe('WhatsApp round trip', () => {
  it('any chat written in any layout reads back with the same senders, texts and clocks', () => {
    fc.assert(
      fc.property(chat, ({ layout: l, messages }) => {
        const file = writeWhatsApp(messages, l);
        let r = parseWhatsApp(file, { zone: 'Europe/London' });
        if (!r.ok && 'needsDateOrder' in r) {
          // Asking is only right when every date would read under either order.
          r = parseWhatsApp(file, { zone: 'Europe/London', dateOrder: l.order });
        }
        if (!r.ok) throw new Error(JSON.stringify(r));
        expect(r.value.messages.map((m) => [m.sender, m.text])).toEqual(
          messages.map((m) => [m.sender, m.text]),
        );
        expect(
          r.value.messages.map((m) => (m.time.known === 'wall-clock' ? m.time.local : '')),
        ).toEqual(messages.map((m) => m.local));
        expect(r.value.messages.every((m) => !m.flags.system)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reading a longer export of the same chat gives the earlier messages the same keys', () => {
    fc.assert(
      fc.property(chat, fc.nat(), ({ layout: l, messages }, cut) => {
        const head = messages.slice(0, (cut % messages.length) + 1);
        const opts = { zone: 'Europe/London', dateOrder: l.order };
        const short = parseWhatsApp(writeWhatsApp(head, l), opts);
        const long = parseWhatsApp(writeWhatsApp(messages, l), opts);
        if (!short.ok || !long.ok) throw new Error('both parse');
        const known = new Set(long.value.messages.map((m) => m.key));
        expect(short.value.messages.every((m) => known.has(m.key))).toBe(true);
        expect(new Set(long.value.messages.map((m) => m.key)).size).toBe(messages.length);
      }),
      { numRuns: 200 },
    );
  });
});
