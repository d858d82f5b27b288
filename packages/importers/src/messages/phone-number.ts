import type { ImportedNumber } from '@casebook/core';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Words and codes phones and apps write when the caller hid their number. */
const WITHHELD =
  /^(?:-[1-4]|withheld|private(?: number)?|unknown|restricted|anonymous|no caller id|payphone|unavailable|número privado|privé|unbekannt|anonimo|privato|privenummer)$/i;

/** True when `raw` says the number was hidden rather than giving one. */
export function isWithheld(raw: string): boolean {
  const t = raw.trim();
  return t === '' || WITHHELD.test(t);
}

const cache = new Map<string, ImportedNumber>();

/**
 * A number as shown, with its E.164 form when it reads as a phone number (default region GB:
 * `07700 900123` → `+447700900123`). `valid` is false for ranges no network hands out, such as
 * Ofcom's drama numbers, and for short codes and sender names (`HSBC`).
 */
export function readPhoneNumber(raw: string, region: CountryCode = 'GB'): ImportedNumber {
  const key = `${region} ${raw}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const trimmed = raw.trim();
  let parsed: ReturnType<typeof parsePhoneNumberFromString>;
  try {
    parsed = /\d/.test(trimmed) ? parsePhoneNumberFromString(trimmed, region) : undefined;
  } catch {
    parsed = undefined;
  }
  const value: ImportedNumber =
    parsed === undefined || !/^\+[1-9]\d{3,14}$/.test(parsed.number)
      ? { raw: raw.slice(0, 1000), valid: false }
      : { raw: raw.slice(0, 1000), e164: parsed.number, valid: parsed.isValid() };
  if (cache.size > 10_000) cache.clear();
  cache.set(key, value);
  return value;
}
