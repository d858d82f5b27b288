import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDemoCasebook } from '../demo/build-demo-casebook';
import type { Incident } from '../records/incident';
import { BEHAVIOUR_IDS } from '../taxonomy/behaviours';
import { CHANNEL_IDS } from '../taxonomy/channels';
import { PLACE_TYPE_IDS } from '../taxonomy/place-types';
import { analyseCasebook } from './analyse-casebook';
import { countByMonth, countByWeek } from './counts';
import { id, incident, personId } from './test-kit';

const LONDON = 'Europe/London';
const DAY = 86_400_000;

/** The summary example of PRODUCT.md §3, built by hand: 42 incidents from 6 January to 23 March. */
function elevenWeeks(): Incident[] {
  const start = Date.UTC(2025, 0, 6, 10);
  const span = Date.UTC(2025, 2, 23, 10) - start;
  return Array.from({ length: 42 }, (_, i) => {
    const local = new Date(start + Math.round((span * i) / 41 / DAY) * DAY)
      .toISOString()
      .slice(0, 16);
    return incident(`n${i}`, local, {
      behaviours: i === 30 ? ['threat-of-violence'] : ['unwanted-texts'],
      ...(i % 4 === 1 && i < 36 ? { location: { placeType: 'home' as const } } : {}),
    });
  });
}

describe('analyseCasebook', () => {
  it('writes the summary of PRODUCT.md §3 for the example log', () => {
    const log = elevenWeeks();
    expect(log[30]?.when.start.local).toBe('2025-03-03T10:00');
    const analysis = analyseCasebook(log, { now: new Date('2025-03-24T12:00:00Z'), zone: LONDON });
    expect(analysis.total).toBe(42);
    expect(analysis.span).toEqual({ first: '2025-01-06', last: '2025-03-23', days: 77, weeks: 11 });
    expect(analysis.summary.text).toBe(
      '42 incidents over 11 weeks; at your home on 9 occasions; first threat on 3 March. ' +
        'Under the Protection from Harassment Act 1997, two or more incidents can form a course ' +
        'of conduct; the first two here were on 6 January and 8 January. ' +
        'You can report this to the police: call 999 if you are in danger now, or 101.',
    );
    const part = (key: string) => analysis.summary.parts.find((p) => p.key === key);
    expect(part('place-home')?.incidentIds).toHaveLength(9);
    expect(part('first-threat')?.incidentIds).toEqual([id('n30')]);
    expect(part('course-of-conduct')?.incidentIds).toEqual([id('n0'), id('n1')]);
  });

  it('says more in the summary when the log shows it, with the year outside the current one', () => {
    const turnedUp = ['03', '04', '05', '06'].map((d) =>
      incident(`t${d}`, `2024-06-${d}T20:00`, {
        behaviours: ['turning-up-unannounced'],
        location: { placeType: 'work' },
      }),
    );
    const log = [
      incident('a', '2024-06-01T09:00', { behaviours: ['harassing-family-or-friends'] }),
      ...turnedUp,
      incident('z', '2024-06-08T09:00', { behaviours: ['damage-to-property'] }),
    ];
    const { summary } = analyseCasebook(log, {
      now: new Date('2025-01-10T12:00:00Z'),
      zone: LONDON,
    });
    expect(summary.text).toBe(
      '6 incidents over 8 days; at your work on 4 occasions; first damage to property on 8 June 2024. ' +
        'First contact with people around you on 1 June 2024. ' +
        'Turned up unannounced more than three times in a week: the week starting 3 June 2024. ' +
        'Under the Protection from Harassment Act 1997, two or more incidents can form a course ' +
        'of conduct; the first two here were on 1 June 2024 and 3 June 2024. ' +
        'You can report this to the police: call 999 if you are in danger now, or 101.',
    );
  });

  it('handles an empty log and a single incident calmly', () => {
    const now = { now: new Date('2025-03-24T12:00:00Z'), zone: LONDON };
    const empty = analyseCasebook([], now);
    expect(empty.summary.text).toBe('No incidents logged yet.');
    expect(empty.weeks).toEqual([]);
    expect(empty.span).toBeUndefined();
    const one = analyseCasebook([incident('a', '2025-03-03T10:00')], now);
    expect(one.summary.text).toBe('1 incident on 3 March.');
    expect(one.courseOfConduct.met).toBe(false);
  });

  it('analyses the demo casebook consistently', () => {
    const demo = buildDemoCasebook({
      seed: 7,
      incidents: 300,
      weeks: 20,
      startDate: '2025-01-06',
      zone: LONDON,
    });
    const a = analyseCasebook(demo.incidents, {
      now: new Date('2025-05-26T12:00:00Z'),
      zone: LONDON,
    });
    expect(a.summary.text.startsWith('300 incidents over ')).toBe(true);
    expect(a.weeks.reduce((n, w) => n + w.count, 0)).toBe(300);
    expect(a.escalation.some((s) => s.kind === 'first-serious' && s.category === 'threat')).toBe(
      true,
    );
    const ids = new Set(demo.incidents.map((i) => i.id));
    for (const part of a.summary.parts) {
      expect(part.incidentIds.every((x) => ids.has(x))).toBe(true);
    }
  });
});

const incidentArb = fc.record({
  day: fc.integer({ min: 0, max: 400 }),
  minute: fc.integer({ min: 0, max: 1439 }),
  summer: fc.boolean(),
  behaviours: fc.subarray([...BEHAVIOUR_IDS], { maxLength: 3 }),
  channel: fc.option(fc.constantFrom(...CHANNEL_IDS), { nil: undefined }),
  placeType: fc.option(fc.constantFrom(...PLACE_TYPE_IDS), { nil: undefined }),
  text: fc.option(fc.constantFrom('Outside my flat', 'outside my flat!', 'Work car park'), {
    nil: undefined,
  }),
  people: fc.subarray(['a', 'b', 'c']),
});

const logArb = fc.array(incidentArb, { maxLength: 60 }).map((rows) =>
  rows.map((r, i): Incident => {
    const local = new Date(Date.UTC(2024, 11, 1) + r.day * DAY + r.minute * 60_000)
      .toISOString()
      .slice(0, 16);
    const location = {
      ...(r.placeType === undefined ? {} : { placeType: r.placeType }),
      ...(r.text === undefined ? {} : { text: r.text }),
    };
    return incident(`q${i}`, local, {
      offset: r.summer ? '+01:00' : '+00:00',
      behaviours: r.behaviours,
      people: r.people.map(personId),
      location,
      ...(r.channel === undefined ? {} : { channel: r.channel }),
    });
  }),
);

const options = { now: new Date('2026-02-01T12:00:00Z'), zone: LONDON };

describe('analysis properties', () => {
  it('weekly, monthly and heatmap counts each add up to the number of incidents', () => {
    fc.assert(
      fc.property(logArb, (log) => {
        const sum = (xs: readonly { count: number }[]) => xs.reduce((n, x) => n + x.count, 0);
        expect(sum(countByWeek(log))).toBe(log.length);
        expect(sum(countByWeek(log, options))).toBe(log.length);
        expect(sum(countByMonth(log))).toBe(log.length);
        expect(sum(analyseCasebook(log, options).heatmap.cells.flat())).toBe(log.length);
      }),
    );
  });

  it('gives the same analysis whatever order the incidents come in', () => {
    fc.assert(
      fc.property(
        logArb.chain((log) =>
          fc.tuple(fc.constant(log), fc.shuffledSubarray(log, { minLength: log.length })),
        ),
        ([log, shuffled]) => {
          expect(analyseCasebook(shuffled, options)).toEqual(analyseCasebook(log, options));
        },
      ),
    );
  });

  it('weeks are contiguous and every incident id appears in exactly one week', () => {
    fc.assert(
      fc.property(logArb, (log) => {
        const weeks = countByWeek(log);
        const ids = weeks.flatMap((w) => w.incidentIds);
        expect(new Set(ids).size).toBe(log.length);
        for (let i = 1; i < weeks.length; i++) {
          const gap =
            Date.parse(weeks[i]?.weekStarting ?? '') - Date.parse(weeks[i - 1]?.weekStarting ?? '');
          expect(gap).toBe(7 * DAY);
        }
      }),
    );
  });
});
