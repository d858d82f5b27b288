/**
 * A time as a clock showed it, with no zone applied: `date` is `2025-03-03`, `time` is
 * `14:05:09` when known. Never converted through the machine's time zone.
 */
export interface WallClock {
  date: string;
  time?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A `WallClock` from numbers, or undefined when the day or time does not exist. */
export function wallClock(
  year: number,
  month: number,
  day: number,
  hms?: readonly [number, number, number],
): WallClock | undefined {
  if (![year, month, day, ...(hms ?? [])].every(Number.isInteger)) return undefined;
  if (year < 1970 || year > 2099 || month < 1 || month > 12 || day < 1) return undefined;
  // Day 0 of the next month is the last day of this one; UTC so no zone is involved.
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (hms === undefined) return { date };
  const [h, m, s] = hms;
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return undefined;
  return { date, time: `${pad(h)}:${pad(m)}:${pad(s)}` };
}

/** `2025-03-03T14:05:09` for a wall clock with a time, else undefined. */
export function localDateTime(clock: WallClock): string | undefined {
  return clock.time === undefined ? undefined : `${clock.date}T${clock.time}`;
}
