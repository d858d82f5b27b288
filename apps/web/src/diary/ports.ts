import type { Clock, Random } from '@casebook/core';

/** The browser's clock, randomness and time zone, passed to core functions. */
export const browserRandom: Random = {
  bytes: (n) => crypto.getRandomValues(new Uint8Array(n)),
};
export const browserClock: Clock = { now: () => new Date() };

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/London';
}
