import type { Clock, Random } from '@casebook/core';

/** The browser's clock, randomness and time zone, passed to core functions. */
export const browserRandom: Random = {
  bytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
};
export const browserClock: Clock = { now: () => new Date() };

let zone: string | undefined;

/** This device's time zone (read once: creating a DateTimeFormat is slow on long lists). */
export function browserZone(): string {
  zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/London';
  return zone;
}
