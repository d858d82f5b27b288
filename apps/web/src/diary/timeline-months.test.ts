import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from './timeline-filter';
import { byMonth, monthLabel } from './timeline-months';

const entry = (id: string, day: string) =>
  ({ record: { id }, day, sortKey: 0, savedAt: 0, haystack: '' }) as unknown as TimelineEntry;

describe('timeline months', () => {
  it('names a month in words from the local date', () => {
    expect(monthLabel('2026-03-14')).toBe('March 2026');
    expect(monthLabel('2025-12')).toBe('December 2025');
    expect(monthLabel('nonsense')).toBe('Date unknown');
  });

  it('heads each run of one month with its count, keeping the order', () => {
    const rows = byMonth([
      entry('a', '2026-03-30'),
      entry('b', '2026-03-02'),
      entry('c', '2026-02-27'),
      entry('d', '2025-12-01'),
      entry('e', '2025-12-01'),
      entry('f', '2025-12-01'),
    ]);
    expect(rows.map((r) => r.entry.record.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(rows.map((r) => r.month ?? null)).toEqual([
      { label: 'March 2026', count: 2 },
      null,
      { label: 'February 2026', count: 1 },
      { label: 'December 2025', count: 3 },
      null,
      null,
    ]);
    expect(byMonth([])).toEqual([]);
  });

  it('does not count a deleted incident in its month', () => {
    const deleted = { ...entry('x', '2026-03-20'), record: { id: 'x', state: 'deleted' } };
    const rows = byMonth([entry('a', '2026-03-30'), deleted as unknown as TimelineEntry]);
    expect(rows[0]?.month).toEqual({ label: 'March 2026', count: 1 });
  });
});
