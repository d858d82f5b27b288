/**
 * Child process for encoding.test.ts, run by a Node with the platform's Uint8Array.fromBase64
 * (`--js-base-64`, as Chromium has it unflagged): fromBase64Native with that decoder must accept
 * and refuse exactly what the regular expression and atob did.
 */
import fc from 'fast-check';
import { fromBase64, fromBase64Native, type NativeFromBase64 } from '../encoding';
import { mutated, nearBase64, oracle, whitespaced } from './base64-cases';

const native = (Uint8Array as unknown as { fromBase64?: NativeFromBase64 }).fromBase64;
if (!native) {
  process.stdout.write(JSON.stringify({ native: false }));
  process.exit(0);
}
const same = (a: Uint8Array | undefined, b: Uint8Array | undefined) =>
  a === undefined || b === undefined
    ? a === b
    : a.length === b.length && a.every((x, i) => x === b[i]);
let runs = 0;
let refused = 0;
fc.assert(
  fc.property(fc.oneof(nearBase64, mutated, whitespaced), (text) => {
    runs++;
    const expected = oracle(text);
    if (expected === undefined) refused++;
    return same(fromBase64Native(text, native), expected) && same(fromBase64(text), expected);
  }),
  { numRuns: 20_000 },
);
// Whitespace alone, as the control: the platform decoder takes it, the checked one does not.
const rawTakesWhitespace = native('QUJD QUJD    ').length === 6;
process.stdout.write(JSON.stringify({ native: true, runs, refused, rawTakesWhitespace }));
