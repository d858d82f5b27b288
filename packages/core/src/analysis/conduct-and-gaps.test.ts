import { describe, expect, it } from 'vitest';
import { courseOfConduct } from './course-of-conduct';
import { quietPeriods } from './quiet-periods';
import { id, incident } from './test-kit';
import { turnedUpWeeks } from './turned-up-weeks';

describe('turnedUpWeeks', () => {
  const turnedUp = (label: string, local: string) =>
    incident(label, local, { behaviours: ['turning-up-unannounced', 'loitering-near-home'] });

  it('flags weeks with more than three times turning up, not three', () => {
    const weeks = turnedUpWeeks([
      // W10: four times (Mon, Wed, Fri, Sun 23:00)
      turnedUp('a', '2025-03-03T08:00'),
      turnedUp('b', '2025-03-05T08:00'),
      turnedUp('c', '2025-03-07T08:00'),
      turnedUp('d', '2025-03-09T23:00'),
      incident('x', '2025-03-08T08:00', { behaviours: ['loitering-near-home'] }), // not turning up
      // W11: three times only
      turnedUp('e', '2025-03-10T08:00'),
      turnedUp('f', '2025-03-11T08:00'),
      turnedUp('g', '2025-03-12T08:00'),
    ]);
    expect(weeks).toEqual([
      {
        week: '2025-W10',
        weekStarting: '2025-03-03',
        count: 4,
        incidentIds: [id('a'), id('b'), id('c'), id('d')],
      },
    ]);
  });
});

describe('courseOfConduct', () => {
  it('is not met with fewer than two incidents', () => {
    expect(courseOfConduct([])).toEqual({ met: false, count: 0, incidentIds: [] });
    expect(courseOfConduct([incident('a', '2025-03-03T10:00')])).toEqual({
      met: false,
      count: 1,
      incidentIds: [id('a')],
    });
  });

  it('is met at two, naming the first two dates, whatever the input order', () => {
    const log = [
      incident('c', '2025-03-20T10:00'),
      incident('b', '2025-03-09T10:00'),
      incident('a', '2025-03-03T10:00'),
    ];
    expect(courseOfConduct(log)).toEqual({
      met: true,
      count: 3,
      firstDate: '2025-03-03',
      secondDate: '2025-03-09',
      incidentIds: [id('a'), id('b')],
    });
  });
});

describe('quietPeriods', () => {
  const log = [
    incident('a', '2025-03-01T00:00'),
    incident('b', '2025-03-02T00:00'), // 1 day after a
    incident('c', '2025-03-12T00:00'), // 10 days after b
    incident('d', '2025-03-15T12:00'), // 3½ days after c
  ];

  it('lists the longest gaps first, in whole days, with the incidents either side', () => {
    const { longest, sinceLast } = quietPeriods(log);
    expect(longest.map((g) => [g.days, g.incidentIds])).toEqual([
      [10, [id('b'), id('c')]],
      [3, [id('c'), id('d')]],
      [1, [id('a'), id('b')]],
    ]);
    expect(longest[1]).toMatchObject({ from: '2025-03-12T00:00', to: '2025-03-15T12:00' });
    expect(longest[1]?.durationMs).toBe(3.5 * 86_400_000);
    expect(sinceLast).toBeUndefined();
  });

  it('limits the list and measures the quiet since the last incident', () => {
    const { longest, sinceLast } = quietPeriods(log, {
      now: new Date('2025-03-20T12:00:00Z'),
      zone: 'Europe/London',
      limit: 1,
    });
    expect(longest).toHaveLength(1);
    expect(sinceLast).toEqual({
      from: '2025-03-15T12:00',
      days: 5,
      durationMs: 5 * 86_400_000,
      incidentIds: [id('d')],
    });
  });
});
