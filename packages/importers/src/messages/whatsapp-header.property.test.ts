import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHeader, scanHeader } from './whatsapp-header';

/** Pieces of headers, near-headers and message text, so most lines come close to a header. */
const PIECES = [
  '1',
  '12',
  '2024',
  '24',
  '03',
  '9',
  '123',
  '/',
  '.',
  '-',
  ',',
  ' ',
  '\u00a0',
  '\u202f',
  ':',
  '[',
  ']',
  ' - ',
  ' – ',
  'klo ',
  'am',
  'PM',
  'a.m.',
  ' p. m.',
  '\u200e',
  '\u200f',
  '\ufeff',
  'Sam: hi',
  'x',
];

const line = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 24 })
  .map((p) => p.join(''));

/** Real layouts, some cut short or with a character changed: the edges of each rule. */
const HEADERS = [
  '12/03/2024, 21:05 - Sam: hi',
  '[12/03/2024, 21:05:33] Sam: hi',
  '3/12/24, 9:05\u202fPM - Sam: hi',
  '[3/12/24, 9:05:33\u202fa.m.] Sam: hi',
  '12.3.2024 klo 21.05 - Sam: hi',
  '2024-03-12 21:05 - Sam: hi',
  '\u200e[12.03.24, 21:05:33] Sam: hi',
  '12/03/2024 21:05 – Sam: hi',
];
const edited = fc
  .tuple(fc.constantFrom(...HEADERS), fc.nat(40), fc.nat(3), fc.constantFrom(...PIECES, ''))
  .map(([h, at, cut, piece]) => h.slice(0, at) + piece + h.slice(at + cut));

describe('scanHeader reads what the regular expressions read', () => {
  it('on real layouts', () => {
    for (const h of HEADERS) {
      const want = readHeader(h, 3);
      expect(want).toBeDefined();
      expect(scanHeader(h, 0, h.length, 3)).toEqual(want);
    }
  });

  it('on any line made of header pieces, or a real header with a piece changed', () => {
    let headers = 0;
    fc.assert(
      fc.property(fc.oneof(line, edited), (l) => {
        const want = readHeader(l, 7);
        if (want !== undefined) headers++;
        expect(scanHeader(l, 0, l.length, 7)).toEqual(want);
      }),
      { numRuns: 20_000 },
    );
    // Control: many of the lines are headers, so both answers were compared, not only "none".
    expect(headers).toBeGreaterThan(2_000);
  });

  it('at a line start inside a longer text', () => {
    fc.assert(
      fc.property(fc.oneof(line, edited), fc.string({ maxLength: 5 }), (l, before) => {
        const text = `${before}\n${l}\nmore`;
        const at = before.length + 1;
        const want = readHeader(l, 1);
        const got = scanHeader(text, at, at + l.length, 1);
        expect(
          got === undefined ? undefined : { ...got, at: 0, end: l.length, restAt: got.restAt - at },
        ).toEqual(want);
      }),
    );
  });
});
