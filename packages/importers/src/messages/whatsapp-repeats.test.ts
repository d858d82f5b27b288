import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWhatsApp } from './parse-whatsapp';
import { MAX_RUNS, RepeatNumbering } from './whatsapp-repeats';

/** The rule itself, slowly: how many messages above have the same clock, sender and digest. */
function bruteForce(clocks: number[], senders: string[], digests: string[]): number[] {
  return clocks.map((clock, k) => {
    let n = 0;
    for (let j = 0; j < k; j++)
      if (clocks[j] === clock && senders[j] === senders[k] && digests[j] === digests[k]) n++;
    return n;
  });
}

function numbered(clocks: number[], senders: string[], digests: string[], maxRuns?: number) {
  const r = new RepeatNumbering(Float64Array.from(clocks), senders, maxRuns);
  return digests.map((d, k) => r.next(k, d));
}

/** Go-backs in a list of clocks: a clock earlier than the one above. */
const goBacks = (clocks: number[]) =>
  clocks.filter((c, k) => k > 0 && c < (clocks[k - 1] ?? c)).length;

/** [local wall clock, sender, text] of the key's parts, from an Android export's messages. */
function keyParts(text: string): string[] {
  const r = parseWhatsApp(text, { zone: 'Europe/London' });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.value.messages.map((m) => m.key);
}
const numberOf = (key: string) => Number(key.split('|')[2]);

describe('repeat numbering across an autumn clock change', () => {
  // 01:00–02:00 happens twice on 27 October 2024 in London: the same "01:30" in each hour.
  const lines = [
    '27/10/2024, 01:30 - Sam Carter: where are you',
    '27/10/2024, 01:30 - Sam Carter: where are you',
    '27/10/2024, 01:59 - Sam Carter: still summer time',
    '27/10/2024, 01:05 - Sam Carter: second time round',
    '27/10/2024, 01:30 - Sam Carter: where are you',
    '27/10/2024, 01:30 - Alex Morgan: where are you',
    '27/10/2024, 01:30 - Sam Carter: where are you',
    '27/10/2024, 02:10 - Sam Carter: after',
  ];

  it('numbers the copies of the earlier hour and the later one apart, in file order', () => {
    const keys = keyParts(lines.join('\n'));
    expect(keys.map(numberOf)).toEqual([0, 1, 0, 0, 2, 0, 3, 0]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives the same keys on every import, and to the earlier messages when the export grows', () => {
    const keys = keyParts(lines.join('\n'));
    expect(keyParts(lines.join('\n'))).toEqual(keys);
    const longer = keyParts(
      [...lines, '27/10/2024, 02:11 - Sam Carter: where are you', lines[0]].join('\n'),
    );
    expect(longer.slice(0, keys.length)).toEqual(keys);
    // The copy typed after the change, at 01:30 again, is the fifth of its kind.
    expect(longer.map(numberOf).slice(keys.length)).toEqual([0, 4]);
  });
});

describe('repeat numbering after more go-backs than the runs it searches', () => {
  // Clocks from a few seconds, so they repeat and go back often; two senders and two texts.
  const messages = fc.array(
    fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom('a', 'b'), fc.constantFrom('x', 'y')),
    { minLength: 1, maxLength: 400, size: 'max' },
  );

  it('gives the numbers of the rule, by runs, by the map, and switching between them', () => {
    let pastMax = 0;
    let runs = 0;
    fc.assert(
      fc.property(messages, (ms) => {
        runs++;
        const clocks = ms.map(([c]) => c * 1000);
        const senders = ms.map(([, s]) => s);
        const digests = ms.map(([, , d]) => d);
        const want = bruteForce(clocks, senders, digests);
        if (goBacks(clocks) > MAX_RUNS) pastMax++;
        expect(numbered(clocks, senders, digests)).toEqual(want);
        expect(numbered(clocks, senders, digests, Number.POSITIVE_INFINITY)).toEqual(want);
        expect(numbered(clocks, senders, digests, 1)).toEqual(want);
        expect(numbered(clocks, senders, digests, 3)).toEqual(want);
      }),
      { numRuns: 200 },
    );
    // Control: a good share of the lists went back more than MAX_RUNS times (so the map was
    // used with the default too), and a good share did not.
    expect(pastMax).toBeGreaterThan(runs / 10);
    expect(pastMax).toBeLessThan(runs);
  });

  it('in an export that goes back and forth across the change more than 64 times', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3 * MAX_RUNS; i++) {
      lines.push(`27/10/2024, 01:${String(10 + (i % 40)).padStart(2, '0')} - Sam Carter: same`);
      lines.push('27/10/2024, 01:05 - Sam Carter: same');
    }
    const keys = keyParts(lines.join('\n'));
    const clocks = lines.map((l) => Number(l.slice(15, 17)));
    expect(goBacks(clocks)).toBeGreaterThan(MAX_RUNS);
    const want = bruteForce(
      clocks,
      clocks.map(() => 'Sam Carter'),
      clocks.map(() => 'same'),
    );
    expect(keys.map(numberOf)).toEqual(want);
    expect(Math.max(...want)).toBeGreaterThan(MAX_RUNS);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
