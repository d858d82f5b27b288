import type { Incident } from '@casebook/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordView } from '../data/record-types';
import type { TimelineEntry } from './timeline-filter';
import type { TimelineRow } from './timeline-months';
import { estimateRowHeight } from './timeline-row-height';

const PHONE = 390;
const DESKTOP = 1280;

const common = { kind: 'incident', id: 'i1', rev: 1, at: '2026-03-14T12:00:00Z' } as const;

function live(
  whatHappened: string,
  extra: { behaviours?: string[]; location?: string; approximate?: boolean } = {},
): RecordView<Incident> {
  const body = {
    when: {
      start: { local: '2026-03-14T14:05', zone: 'Europe/London', offset: '+00:00' },
      approximate: extra.approximate ?? false,
    },
    whatHappened,
    behaviours: extra.behaviours ?? [],
    ...(extra.location ? { location: { text: extra.location } } : {}),
  } as unknown as Incident;
  return { ...common, state: 'live', body };
}

function row(record: RecordView<Incident>, month = false): TimelineRow {
  const entry = { record, sortKey: 0, savedAt: 0, day: '2026-03-14', haystack: '' };
  return {
    entry: entry as TimelineEntry,
    ...(month ? { month: { label: 'March 2026', count: 3 } } : {}),
  };
}

const h = (r: RecordView<Incident>, width = PHONE, month = false) =>
  estimateRowHeight(row(r, month), width);

/** One line of body text at the phone's width is about 41 characters (354 px / 8.5 px). */
const LINE = 17 * 1.5;

describe('timeline row height estimate', () => {
  it('gives a one-line card on a phone a plausible whole number of px', () => {
    const one = h(live('He was outside.'));
    expect(Number.isInteger(one)).toBe(true);
    // A card with one line of text, its date line and an Open button (44 px target).
    expect(one).toBeGreaterThan(120);
    expect(one).toBeLessThan(220);
  });

  it('adds a line of text height for each line the text wraps to', () => {
    const one = h(live('x'.repeat(30)));
    const three = h(live('x'.repeat(110)));
    expect(three - one).toBeGreaterThanOrEqual(2 * LINE - 1);
    expect(three - one).toBeLessThanOrEqual(2 * LINE + 1);
  });

  it('counts the text’s own line breaks, even short lines', () => {
    expect(h(live('a\nb\nc'))).toBeGreaterThan(h(live('abc')));
    expect(h(live('a\nb\nc')) - h(live('abc'))).toBeCloseTo(2 * LINE, -0.5);
    // A blank line still takes a line.
    expect(h(live('a\n\nb'))).toBe(h(live('a\nb\nc')));
  });

  it('guesses a long text shorter on a wide screen than on a phone', () => {
    const text = 'He followed me from the station to the door and waited outside. '.repeat(8);
    expect(h(live(text), DESKTOP)).toBeLessThan(h(live(text), PHONE));
    // Short text fits one line at either width: the same guess.
    expect(h(live('Short.'), DESKTOP)).toBe(h(live('Short.'), PHONE));
  });

  it('does not let a tiny or unmeasured width (0 before the list is measured) blow up', () => {
    const text = 'word '.repeat(200);
    const zero = h(live(text), 0);
    expect(Number.isFinite(zero)).toBe(true);
    expect(zero).toBe(h(live(text), 100));
    expect(zero).toBeGreaterThan(h(live(text), PHONE));
  });

  it('adds a month heading’s height to the row that opens a month', () => {
    const plain = h(live('He was outside.'));
    const headed = h(live('He was outside.'), PHONE, true);
    // The heading: 1.1 rem at 1.25 line height plus its margins, about 45 px.
    expect(headed - plain).toBeGreaterThanOrEqual(43);
    expect(headed - plain).toBeLessThanOrEqual(46);
  });

  it('adds a row of tags when there are behaviours, and another when they wrap', () => {
    const none = h(live('x'));
    const three = h(live('x', { behaviours: ['following', 'threats', 'messages'] }));
    const seven = h(live('x', { behaviours: Array.from({ length: 7 }, (_, i) => `b${i}`) }));
    expect(three).toBeGreaterThan(none);
    expect(seven).toBeGreaterThan(three);
    // The same seven tags fit in one row on a wide screen.
    const wideSeven = h(
      live('x', { behaviours: Array.from({ length: 7 }, (_, i) => `b${i}`) }),
      DESKTOP,
    );
    expect(wideSeven).toBe(h(live('x', { behaviours: ['a'] }), DESKTOP));
  });

  it('grows with a long place name in the date line', () => {
    const place = 'Outside the flats on the corner of the high street by the bus stop';
    expect(h(live('x', { location: place }))).toBeGreaterThan(h(live('x')));
  });

  it('sizes deleted and unreadable incidents from their reason or problem', () => {
    const deleted = (reason: string): RecordView<Incident> => ({
      ...common,
      state: 'deleted',
      reason,
    });
    const unreadable = (problem: string): RecordView<Incident> => ({
      ...common,
      state: 'unreadable',
      problem,
    });
    expect(h(deleted('Duplicate.'.repeat(20)))).toBeGreaterThan(h(deleted('Duplicate.')));
    expect(h(unreadable('x'.repeat(200)))).toBeGreaterThan(h(unreadable('x')));
    expect(h(deleted('Dup'), PHONE, true)).toBeGreaterThan(h(deleted('Dup')));
  });

  it('never shrinks as the text grows, and never grows as the list widens', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 600, unit: fc.constantFrom('a', ' ', '\n', 'é') }),
        fc.string({ maxLength: 200, unit: fc.constantFrom('b', ' ', '\n') }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.boolean(),
        (text, more, w1, w2, month) => {
          const [narrow, wide] = w1 <= w2 ? [w1, w2] : [w2, w1];
          const base = h(live(text), narrow, month);
          expect(Number.isInteger(base)).toBe(true);
          expect(base).toBeGreaterThan(0);
          expect(h(live(text + more), narrow, month)).toBeGreaterThanOrEqual(base);
          expect(h(live(text), wide, month)).toBeLessThanOrEqual(base);
        },
      ),
    );
  });
});
