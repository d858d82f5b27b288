import { MAX_LONG_TEXT, MAX_SHORT_TEXT } from '@casebook/core';

export { MAX_LONG_TEXT, MAX_SHORT_TEXT };

const n = (count: number) => count.toLocaleString('en-GB');

/** The counter under a field close to its limit: "1,203 of 1,000 characters". */
export function counterText(length: number, max: number): string {
  return `${n(length)} of ${n(max)} characters`;
}

/** Whether to show the counter: once the text is most of the way to the limit. */
export function showCounter(length: number, max: number): boolean {
  return length >= max * 0.8;
}

/**
 * Names the field, says by how much it is over and what to do; undefined when it fits.
 * `elsewhere` is where the rest can go ("What happened"), if anywhere.
 */
export function tooLongMessage(
  label: string,
  length: number,
  max: number,
  elsewhere?: string,
): string | undefined {
  if (length <= max) return undefined;
  const over = length - max;
  const then = elsewhere
    ? `Shorten it by ${n(over)}, or put the rest in "${elsewhere}".`
    : `Shorten it by ${n(over)}, or split it into two.`;
  return `${label} is too long: ${counterText(length, max)}. ${then}`;
}
