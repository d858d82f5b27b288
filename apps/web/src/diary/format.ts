import { fromLocal, toZonedDateTime, type ZonedDateTime } from '@casebook/core';
import { browserZone } from './ports';

/**
 * A wall-clock reading ("Tue 3 Mar 2026, 14:05"), formatted as if it were UTC so this
 * device's own zone never moves it. Shared by every screen that shows a lived time.
 */
export const WALL_CLOCK_OPTIONS: Intl.DateTimeFormatOptions = {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};

export const wallClock = new Intl.DateTimeFormat('en-GB', WALL_CLOCK_OPTIONS);

/** "Tue 3 Mar 2026, 14:05" from a zoned time, as the person lived it (its own wall clock). */
export function formatZoned(when: ZonedDateTime): string {
  const ms = Date.parse(`${when.local}Z`);
  if (Number.isNaN(ms)) return when.local;
  const text = wallClock.format(new Date(ms));
  return when.zone === browserZone() ? text : `${text} (${when.zone})`;
}

const instantFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** When something was saved (an ISO instant), in this device's time. */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : instantFormat.format(d);
}

/** The value for an `<input type="datetime-local">`: "2026-03-03T14:05". */
export function toInputValue(when: ZonedDateTime | undefined): string {
  return when ? when.local.slice(0, 16) : '';
}

/** Now, as an input value in this device's zone. */
export function nowInputValue(): string {
  return toZonedDateTime(new Date(), browserZone()).local.slice(0, 16);
}

/**
 * A datetime-local input value as a zoned time. Keeps the record's own zone when editing, so
 * an incident logged in London and edited abroad still means the same moment.
 */
export function fromInputValue(value: string, zone = browserZone()): ZonedDateTime | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  try {
    return toZonedDateTime(fromLocal(value.length === 16 ? `${value}:00` : value, zone), zone);
  } catch {
    return undefined;
  }
}

/** A duration in seconds as "3 min 20 s". */
export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m === 0) return `${s} s`;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

/** Trimmed text, or undefined when blank (optional fields are omitted, never ""). */
export function optional(text: string): string | undefined {
  const t = text.trim();
  return t.length > 0 ? t : undefined;
}

/** Lines of a textarea as a list, blanks dropped. */
export function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}
