import { wallClock } from '../diary/format';

const LONG = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long' });
const LONG_YEAR = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const SHORT = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' });

const asUtc = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

/** "3 March", or "3 March 2026" with `withYear`, from a local `YYYY-MM-DD`. */
export function formatLocalDate(iso: string, withYear = false): string {
  const d = asUtc(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return (withYear ? LONG_YEAR : LONG).format(d);
}

/** "3 Mar", for chart labels. */
export function formatShortDate(iso: string): string {
  const d = asUtc(iso);
  return Number.isNaN(d.getTime()) ? iso : SHORT.format(d);
}

/** "08:00–09:00" for an hour of the day. */
export function hourRange(hour: number): string {
  const h = (n: number) => `${String(n % 24).padStart(2, '0')}:00`;
  return `${h(hour)}–${h(hour + 1)}`;
}

/** "1 incident", "3 incidents". */
export function incidents(n: number): string {
  return `${n.toLocaleString('en-GB')} incident${n === 1 ? '' : 's'}`;
}

/** "Sat 10 Jan 2026, 10:09" from a local date-time, as on the clock where it happened. */
export function formatLocalWhen(local: string): string {
  const d = new Date(`${local.slice(0, 16)}:00Z`);
  return Number.isNaN(d.getTime()) ? local : wallClock.format(d).replace(/,(?= \d{1,2} )/, '');
}
