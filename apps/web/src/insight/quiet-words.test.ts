import { describe, expect, it } from 'vitest';
import { quietSpellText, trimQuietWeeks } from './quiet-words';

const DAY = 86_400_000;

describe('quiet spells', () => {
  const gap = {
    from: '2026-03-03T07:30',
    to: '2026-03-13T07:30',
    days: 10,
    durationMs: 10 * DAY,
    incidentIds: [],
  };
  const since = (n: number) => ({
    from: '2026-03-13T07:30',
    days: n,
    durationMs: n * DAY,
    incidentIds: [],
  });

  it('counts the time since the last entry when it is the longest', () => {
    expect(quietSpellText({ longest: [gap], sinceLast: since(97) }, false)).toMatch(
      /^Nothing has been logged for 97 days, since 13 March\. That is the longest quiet spell/,
    );
    // One incident only: the time since is the only spell.
    expect(quietSpellText({ longest: [], sinceLast: since(1) }, false)).toMatch(/for 1 day,/);
  });

  it('keeps the longest gap between entries, and says how long it has been since', () => {
    const text = quietSpellText({ longest: [gap], sinceLast: since(4) }, true);
    expect(text).toMatch(
      /^The longest time with nothing logged was 10 days, from 3 March 2026 to 13 March 2026\./,
    );
    expect(text).toMatch(/It is now 4 days since the last entry, on 13 March 2026\./);
    expect(quietSpellText({ longest: [gap], sinceLast: since(0) }, false)).not.toMatch(/It is now/);
    expect(quietSpellText({ longest: [] }, false)).toBeUndefined();
  });
});

describe('the weekly chart', () => {
  const week = (weekStarting: string, total: number) => ({
    week: weekStarting,
    weekStarting,
    total,
    counts: {},
  });
  it('stops at the last week with an entry and counts the empty weeks after it', () => {
    const stacks = {
      groups: [],
      max: 2,
      weeks: [
        week('2026-03-02', 2),
        week('2026-03-09', 0),
        week('2026-03-16', 1),
        week('2026-03-23', 0),
        week('2026-03-30', 0),
      ],
    };
    const trimmed = trimQuietWeeks(stacks);
    expect(trimmed.stacks.weeks.map((w) => w.weekStarting)).toEqual([
      '2026-03-02',
      '2026-03-09',
      '2026-03-16',
    ]);
    expect(trimmed.quietWeeks).toBe(2);
    expect(trimmed.lastWeekStarting).toBe('2026-03-16');
    expect(trimQuietWeeks({ groups: [], max: 0, weeks: [] }).quietWeeks).toBe(0);
  });
});
