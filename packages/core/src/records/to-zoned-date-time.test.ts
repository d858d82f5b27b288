import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOffset, fromLocal, instantOf, toZonedDateTime } from './to-zoned-date-time';
import { ZonedDateTimeSchema } from './zoned-time';

describe('zoned date-times', () => {
  it('reads wall-clock time and offset in a zone', () => {
    expect(toZonedDateTime(new Date('2025-03-30T00:59:59Z'), 'Europe/London')).toEqual({
      local: '2025-03-30T00:59:59',
      zone: 'Europe/London',
      offset: '+00:00',
    });
    expect(toZonedDateTime(new Date('2025-03-30T01:00:00Z'), 'Europe/London').local).toBe(
      '2025-03-30T02:00:00',
    );
    expect(toZonedDateTime(new Date('2025-01-01T00:00:00Z'), 'Asia/Kolkata').offset).toBe('+05:30');
    expect(toZonedDateTime(new Date('2025-01-01T00:00:00Z'), 'America/St_Johns').offset).toBe(
      '-03:30',
    );
    expect(formatOffset(-210)).toBe('-03:30');
  });

  it('resolves local times across the clock changes', () => {
    // Clocks go back: 01:30 happens twice; take the first (BST).
    expect(fromLocal('2025-10-26T01:30', 'Europe/London').toISOString()).toBe(
      '2025-10-26T00:30:00.000Z',
    );
    // Clocks go forward: 01:30 never happens; move an hour on.
    expect(fromLocal('2025-03-30T01:30', 'Europe/London').toISOString()).toBe(
      '2025-03-30T01:30:00.000Z',
    );
    expect(fromLocal('2025-07-01T09:00', 'Europe/London').toISOString()).toBe(
      '2025-07-01T08:00:00.000Z',
    );
  });

  it('round-trips instants to the second through any common zone', () => {
    const zones = [
      'Europe/London',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01Z'),
          max: new Date('2060-01-01Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        (date, zone) => {
          const zoned = toZonedDateTime(date, zone);
          expect(ZonedDateTimeSchema.safeParse(zoned).success).toBe(true);
          expect(instantOf(zoned).getTime()).toBe(Math.floor(date.getTime() / 1000) * 1000);
        },
      ),
    );
  });
});
