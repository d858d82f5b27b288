import { createHash } from 'node:crypto';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** A short, readable fingerprint of the casebook's signing key, to compare by eye. */
export async function keyFingerprint(publicKeyBase64: string): Promise<string> {
  const digest = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex');
  return digest.slice(0, 16).match(/.{4}/g)?.join(' ') ?? digest;
}

const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "3 Mar 2026" from an ISO date or local date-time string. */
export function formatDay(isoLike: string): string {
  const date = new Date(`${isoLike.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoLike : DAY.format(date);
}
