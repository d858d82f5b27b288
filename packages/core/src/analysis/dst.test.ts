import { describe, expect, it } from 'vitest';
import { fromLocal, toZonedDateTime } from '../records/to-zoned-date-time';
import { countByWeek } from './counts';
import { weekdayHourHeatmap } from './heatmap';
import { quietPeriods } from './quiet-periods';
import { id, incident } from './test-kit';
import { buildTimeline } from './timeline';

/** An incident as the app records it: from the local time the victim typed, in Europe/London. */
const typed = (label: string, local: string) => {
  const start = toZonedDateTime(fromLocal(local, 'Europe/London'), 'Europe/London');
  return incident(label, start.local, { offset: start.offset });
};
const SUNDAY = 6;
const MONDAY = 0;

describe('Europe/London clock changes', () => {
  it('last Sunday of March 2025 (30th): 00:30 GMT and a typed 01:30, which becomes 02:30 BST', () => {
    const early = typed('m1', '2025-03-30T00:30');
    const skipped = typed('m2', '2025-03-30T01:30');
    expect(early.when.start).toMatchObject({ local: '2025-03-30T00:30:00', offset: '+00:00' });
    expect(skipped.when.start).toMatchObject({ local: '2025-03-30T02:30:00', offset: '+01:00' });
    const mondayAfter = typed('m3', '2025-03-31T00:30'); // 23:30 UTC on Sunday

    const { cells } = weekdayHourHeatmap([early, skipped, mondayAfter]);
    expect(cells[SUNDAY]?.[0]?.incidentIds).toEqual([id('m1')]);
    expect(cells[SUNDAY]?.[1]?.count).toBe(0);
    expect(cells[SUNDAY]?.[2]?.incidentIds).toEqual([id('m2')]);
    expect(cells[MONDAY]?.[0]?.incidentIds).toEqual([id('m3')]);
    expect(cells[SUNDAY]?.[23]?.count).toBe(0);

    const weeks = countByWeek([early, skipped, mondayAfter]);
    expect(weeks.map((w) => [w.week, w.incidentIds])).toEqual([
      ['2025-W13', [id('m1'), id('m2')]],
      ['2025-W14', [id('m3')]],
    ]);
    // 00:30 GMT to 02:30 BST is one hour of real time.
    expect(quietPeriods([early, skipped]).longest[0]?.durationMs).toBe(3_600_000);
  });

  it('last Sunday of October 2025 (26th): 00:30 BST and both 01:30s (BST, then GMT)', () => {
    const early = incident('o1', '2025-10-26T00:30', { offset: '+01:00' }); // 23:30 UTC Saturday
    const firstOneThirty = incident('o2', '2025-10-26T01:30', { offset: '+01:00' });
    const secondOneThirty = incident('o3', '2025-10-26T01:30', { offset: '+00:00' });
    const mondayAfter = incident('o4', '2025-10-27T00:30');
    const log = [mondayAfter, secondOneThirty, early, firstOneThirty];

    expect(buildTimeline(log).entries.map((e) => e.id)).toEqual([
      id('o1'),
      id('o2'),
      id('o3'),
      id('o4'),
    ]);
    const { cells } = weekdayHourHeatmap(log);
    expect(cells[SUNDAY]?.[0]?.incidentIds).toEqual([id('o1')]);
    expect(cells[SUNDAY]?.[1]?.incidentIds).toEqual([id('o2'), id('o3')]);
    expect(cells[SUNDAY - 1]?.[23]?.count).toBe(0); // not Saturday 23:00, as UTC would say
    expect(cells[MONDAY]?.[0]?.incidentIds).toEqual([id('o4')]);

    const weeks = countByWeek(log);
    expect(weeks.map((w) => [w.week, w.count])).toEqual([
      ['2025-W43', 3],
      ['2025-W44', 1],
    ]);
    // The two 01:30s are an hour apart in real time.
    const gaps = quietPeriods([firstOneThirty, secondOneThirty]).longest;
    expect(gaps[0]?.durationMs).toBe(3_600_000);
  });
});
