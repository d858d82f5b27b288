import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SurrogateReferenceRepair } from './surrogate-references';

const decode = (xml: string) =>
  xml.replace(/&#(x[0-9a-f]+|\d+);/gi, (_m, n: string) =>
    String.fromCodePoint(
      n[0] === 'x' || n[0] === 'X' ? Number.parseInt(n.slice(1), 16) : Number(n),
    ),
  );

/** Writes text the way SMS Backup & Restore does: non-ASCII as UTF-16 code-unit references. */
function writeAsUnits(text: string, hex: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out += u < 128 ? text[i] : hex ? `&#x${u.toString(16)};` : `&#${u};`;
  }
  return out;
}

function repairInChunks(input: string, cuts: number[]): { out: string; lone: number } {
  const r = new SurrogateReferenceRepair();
  let out = '';
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    out += r.push(input.slice(at, c));
    at = Math.max(at, c);
  }
  out += r.push(input.slice(at)) + r.flush();
  return { out, lone: r.count.lone };
}

describe('SurrogateReferenceRepair', () => {
  it('joins a pair into one reference and leaves other references alone', () => {
    const r = new SurrogateReferenceRepair();
    expect(r.push('hi &#55357;&#56832; &amp; &#10; &#xD83D;&#xDE00; &#54620;') + r.flush()).toBe(
      'hi &#128512; &amp; &#10; &#128512; &#54620;',
    );
  });

  it('replaces a lone half with U+FFFD and counts it', () => {
    const r = new SurrogateReferenceRepair();
    expect(r.push('a &#55357; b &#56832;') + r.flush()).toBe('a &#65533; b &#65533;');
    expect(r.count.lone).toBe(2);
  });

  it('gives the same text however the input is cut into chunks', () => {
    const alphabet = ['a', ' ', 'é', '😀', '👩‍👩‍👧', '한', '&', '<', '\n', '𝄞'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((xs) => xs.join('')),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 12 }),
        (text, hex, rawCuts) => {
          const xml = writeAsUnits(text.replace(/&/g, '&amp;').replace(/</g, '&lt;'), hex);
          const cuts = rawCuts.map((c) => c % (xml.length + 1));
          const { out, lone } = repairInChunks(xml, cuts);
          expect(lone).toBe(0);
          expect(decode(out)).toBe(text.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
          expect(out).not.toMatch(/&#5[5-7]\d{3};/);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('cuts at every position of a pair', () => {
    const xml = 'x&#55357;&#56832;y';
    for (let i = 0; i <= xml.length; i++) {
      for (let j = i; j <= xml.length; j++) {
        expect(repairInChunks(xml, [i, j]).out).toBe('x&#128512;y');
      }
    }
    // Positive control: repairing each chunk on its own breaks a pair cut between its halves.
    const alone = (s: string) => {
      const r = new SurrogateReferenceRepair();
      return r.push(s) + r.flush();
    };
    expect(alone('x&#55357;') + alone('&#56832;y')).toBe('x&#65533;&#65533;y');
  });
});
