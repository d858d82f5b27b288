import { countByWeek } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import { incident } from './test-kit';
import { primaryGroup, weeklyStacks } from './weekly-stacks';

describe('primaryGroup', () => {
  it('is the group of the most serious behaviour, or "none"', () => {
    expect(primaryGroup({ behaviours: [] })).toBe('none');
    expect(primaryGroup({ behaviours: ['unwanted-texts'] })).toBe('contact');
    expect(primaryGroup({ behaviours: ['unwanted-texts', 'threat-to-kill', 'following'] })).toBe(
      'threats',
    );
    // Same severity (2): the earlier behaviour in the taxonomy wins, whatever the order given.
    expect(primaryGroup({ behaviours: ['harassing-colleagues', 'following'] })).toBe('presence');
    expect(primaryGroup({ behaviours: ['following', 'harassing-colleagues'] })).toBe('presence');
  });
});

describe('weeklyStacks', () => {
  const log = [
    incident('a', '2026-03-02T09:00', { behaviours: ['following', 'unwanted-texts'] }),
    incident('b', '2026-03-04T21:00', { behaviours: ['unwanted-calls'] }),
    incident('c', '2026-03-17T10:00', { behaviours: ['threat-of-violence', 'unwanted-texts'] }),
    incident('d', '2026-03-18T10:00'),
  ];
  const byId = new Map(log.map((i) => [i.id as string, i]));
  const stacks = weeklyStacks(countByWeek(log), byId);

  it('counts each incident once, so every stack adds up to its week', () => {
    expect(stacks.weeks.map((w) => w.total)).toEqual([2, 0, 2]);
    for (const w of stacks.weeks) {
      const sum = Object.values(w.counts).reduce((n, c) => n + (c ?? 0), 0);
      expect(sum).toBe(w.total);
    }
    expect(stacks.weeks[0]?.counts).toEqual({ presence: 1, contact: 1 });
    expect(stacks.weeks[2]?.counts).toEqual({ threats: 1, none: 1 });
    expect(stacks.max).toBe(2);
  });

  it('lists only the groups that occur, in taxonomy order with "none" last', () => {
    expect(stacks.groups).toEqual(['presence', 'contact', 'threats', 'none']);
  });
});
