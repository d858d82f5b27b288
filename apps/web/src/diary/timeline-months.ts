import type { TimelineEntry } from './timeline-filter';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** One timeline row: an incident, and the month heading it opens if it is a month's first. */
export interface TimelineRow {
  readonly entry: TimelineEntry;
  readonly month?: { readonly label: string; readonly count: number };
}

/** "2026-03-14" → "March 2026" (the incident's own local date, never the device's zone). */
export function monthLabel(day: string): string {
  const [year, month] = day.split('-');
  const name = MONTHS[Number(month) - 1];
  return name && year ? `${name} ${year}` : 'Date unknown';
}

/**
 * Groups the (already sorted and filtered) entries by month: the first incident of each run of
 * one month carries the heading and how many the run holds. Runs, not buckets, so the list's
 * order is never changed (two zones can interleave near midnight at a month's end).
 */
/** A deleted incident keeps its place in the list but is not counted as one that happened. */
function liveCount(entries: readonly TimelineEntry[], from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++)
    if ((entries[k] as TimelineEntry).record.state !== 'deleted') count++;
  return count;
}

export function byMonth(entries: readonly TimelineEntry[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  let i = 0;
  while (i < entries.length) {
    const month = (entries[i] as TimelineEntry).day.slice(0, 7);
    let j = i + 1;
    while (j < entries.length && (entries[j] as TimelineEntry).day.slice(0, 7) === month) j++;
    rows.push({
      entry: entries[i] as TimelineEntry,
      month: { label: monthLabel(month), count: liveCount(entries, i, j) },
    });
    for (let k = i + 1; k < j; k++) rows.push({ entry: entries[k] as TimelineEntry });
    i = j;
  }
  return rows;
}
