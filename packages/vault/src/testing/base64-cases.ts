/** Cases for the base64 decoders (encoding.test.ts and base64-native-probe.ts). */
import fc from 'fast-check';
import { toBase64 } from '../encoding';

/** The decoder this one replaced: a whole-string regular expression, then atob. The oracle. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export function oracle(text: string): Uint8Array | undefined {
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
export const nearBase64 = fc
  .array(fc.constantFrom(...chars), { maxLength: 24 })
  .map((cs) => cs.join(''));
/** Real encodings with one character changed, dropped or added. */
export const mutated = fc
  .tuple(fc.uint8Array({ maxLength: 40 }), fc.nat(), fc.constantFrom(...chars), fc.nat(2))
  .map(([bytes, at, c, how]) => {
    const s = toBase64(bytes);
    const i = s.length === 0 ? 0 : at % s.length;
    if (how === 0) return s.slice(0, i) + c + s.slice(i + 1);
    if (how === 1) return s.slice(0, i) + s.slice(i + 1);
    return s.slice(0, i) + c + s.slice(i);
  });

/**
 * What the platform decoder alone would accept and the oracle refuses, at a length that is a
 * multiple of 4: real encodings with ASCII whitespace inserted, or unpadded and filled out with
 * whitespace.
 */
export const whitespaced = fc
  .tuple(
    fc.uint8Array({ minLength: 1, maxLength: 40 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '\n', '\t', '\r', '\f')), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.boolean(),
  )
  .map(([bytes, inserts, unpad]) => {
    let s: string = toBase64(bytes);
    if (unpad) s = s.replace(/=+$/, '');
    for (const [at, c] of inserts)
      s = s.slice(0, at % (s.length + 1)) + c + s.slice(at % (s.length + 1));
    while (s.length % 4 !== 0) s += ' ';
    return s;
  });
