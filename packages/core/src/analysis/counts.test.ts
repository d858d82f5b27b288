import { describe, expect, it } from 'vitest';
import { countByMonth, countByWeek } from './counts';
import { BST, id, incident } from './test-kit';

const log = [
  incident('i1', '2025-03-03T10:00', { behaviours: ['unwanted-texts'] }), // Monday, W10
  incident('i2', '2025-03-05T23:30', { behaviours: ['unwanted-texts', 'unwanted-calls'] }),
  incident('i3', '2025-03-09T23:59'), // Sunday: still W10
  incident('i4', '2025-03-10T00:01'), // Monday: W11
  incident('i5', '2025-03-24T12:00'), // W13; W12 is empty
  incident('i6', '2025-04-01T09:00', BST), // W14, April
];

describe('countByWeek', () => {
  it('buckets by ISO week of the local date, with empty weeks as zero', () => {
    const weeks = countByWeek(log);
    expect(weeks.map((w) => [w.week, w.weekStarting, w.count])).toEqual([
      ['2025-W10', '2025-03-03', 3],
      ['2025-W11', '2025-03-10', 1],
      ['2025-W12', '2025-03-17', 0],
      ['2025-W13', '2025-03-24', 1],
      ['2025-W14', '2025-03-31', 1],
    ]);
    expect(weeks[0]?.incidentIds).toEqual([id('i1'), id('i2'), id('i3')]);
    expect(weeks[0]?.byBehaviour).toEqual({ 'unwanted-texts': 2, 'unwanted-calls': 1 });
    expect(weeks[2]?.incidentIds).toEqual([]);
  });

  it('runs on to the week of now when asked', () => {
    const weeks = countByWeek(log, {
      now: new Date('2025-04-15T12:00:00Z'),
      zone: 'Europe/London',
    });
    expect(weeks.map((w) => w.week).slice(-3)).toEqual(['2025-W14', '2025-W15', '2025-W16']);
    expect(weeks.at(-1)?.count).toBe(0);
  });

  it('uses ISO week years at the turn of the year', () => {
    const weeks = countByWeek([
      incident('a', '2020-12-31T12:00'), // Thursday of 2020-W53
      incident('b', '2021-01-03T12:00'), // Sunday: still 2020-W53
      incident('c', '2021-01-04T12:00'), // Monday: 2021-W01
      incident('d', '2024-12-30T12:00'), // Monday: 2025-W01
    ]);
    const nonEmpty = weeks.filter((w) => w.count > 0).map((w) => [w.week, w.count]);
    expect(nonEmpty).toEqual([
      ['2020-W53', 2],
      ['2021-W01', 1],
      ['2025-W01', 1],
    ]);
  });

  it('is empty for an empty log', () => {
    expect(countByWeek([])).toEqual([]);
    expect(countByMonth([])).toEqual([]);
  });
});

describe('countByMonth', () => {
  it('buckets by local calendar month, with empty months as zero', () => {
    const months = countByMonth([...log, incident('i7', '2025-06-30T23:30', BST)]);
    expect(months.map((m) => [m.month, m.count])).toEqual([
      ['2025-03', 5],
      ['2025-04', 1],
      ['2025-05', 0],
      ['2025-06', 1], // 22:30 UTC on 30 June, but 23:30 on the clock: still June
    ]);
    expect(months[1]?.incidentIds).toEqual([id('i6')]);
  });
});
