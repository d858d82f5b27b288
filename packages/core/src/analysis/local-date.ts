/**
 * Calendar arithmetic on wall-clock dates. A "day number" is days since 1970-01-01 of a
 * local calendar date (not an instant), so it never shifts when clocks change.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of the calendar date `y-m-d`. */
export function dayNumberOf(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Monday 0 … Sunday 6 (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of a day number. */
export function isoDate(day: number): string {
  const date = new Date(day * DAY_MS);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The ISO 8601 week of a day: `2025-W10` and the day number of its Monday. */
export function isoWeekOf(day: number): { readonly week: string; readonly monday: number } {
  const monday = day - weekdayOf(day);
  // The ISO year is the year of the week's Thursday.
  const thursday = new Date((monday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const n = Math.floor((monday + 3 - dayNumberOf(year, 1, 1)) / 7) + 1;
  return { week: `${pad(year, 4)}-W${pad(n)}`, monday };
}

const DAY_MONTH = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
});
const DAY_MONTH_YEAR = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "3 March", or "3 March 2025" with `withYear`: how UK English writes a date in a sentence. */
export function formatDay(day: number, withYear: boolean): string {
  return (withYear ? DAY_MONTH_YEAR : DAY_MONTH).format(new Date(day * DAY_MS));
}
