import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from './encoding';

/** The decoder this one replaced: a whole-string regular expression, then atob. The oracle. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
function oracle(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

const chars = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  ...'====',
  ...' \n-_.é\u0100\u{1F600}',
];
/** Mostly base64-looking strings, with padding and stray characters anywhere. */
const nearBase64 = fc.array(fc.constantFrom(...chars), { maxLength: 24 }).map((cs) => cs.join(''));
/** Real encodings with one character changed, dropped or added. */
const mutated = fc
  .tuple(fc.uint8Array({ maxLength: 40 }), fc.nat(), fc.constantFrom(...chars), fc.nat(2))
  .map(([bytes, at, c, how]) => {
    const s = toBase64(bytes);
    const i = s.length === 0 ? 0 : at % s.length;
    if (how === 0) return s.slice(0, i) + c + s.slice(i + 1);
    if (how === 1) return s.slice(0, i) + s.slice(i + 1);
    return s.slice(0, i) + c + s.slice(i);
  });

describe('fromBase64', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      }),
    );
  });

  it('accepts and refuses exactly what the regular expression and atob did', () => {
    fc.assert(
      fc.property(fc.oneof(nearBase64, mutated), (text) => {
        expect(fromBase64(text)).toEqual(oracle(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses the near misses by name (control: the valid one decodes)', () => {
    expect(fromBase64('QUJD')).toEqual(new Uint8Array([65, 66, 67]));
    expect(fromBase64('QUI=')).toEqual(new Uint8Array([65, 66]));
    expect(fromBase64('QQ==')).toEqual(new Uint8Array([65]));
    expect(fromBase64('')).toEqual(new Uint8Array(0));
    // Not a string at all (a damaged stored envelope without the field): refused, not thrown.
    for (const notText of [undefined, null, 42, {}]) {
      expect(fromBase64(notText as unknown as string)).toBeUndefined();
    }
    for (const bad of ['QUJ', 'QU=D', 'Q===', '====', 'QUJD\n', ' QUJD', 'QUJ-', 'QUJ_', 'QUJé']) {
      expect(fromBase64(bad), bad).toBeUndefined();
    }
  });
});
