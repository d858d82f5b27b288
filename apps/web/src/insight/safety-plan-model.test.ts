import { SafetyPlanSchema } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import {
  emptySafetyPlan,
  progress,
  stamped,
  statusOf,
  toggleDone,
  toggleNotRelevant,
  withAdded,
  withNote,
  withRemoved,
} from './safety-plan-model';

const start = emptySafetyPlan(new Date('2026-03-03T10:00:00Z'));

describe('safety plan model', () => {
  it('treats untouched items as not yet, and the checkbox as "done"', () => {
    expect(statusOf(start, 'carry-a-phone')).toBe('not-yet');
    const done = toggleDone(start, 'carry-a-phone', true);
    expect(statusOf(done, 'carry-a-phone')).toBe('done');
    expect(statusOf(toggleDone(done, 'carry-a-phone', false), 'carry-a-phone')).toBe('not-yet');
  });

  it('makes "not relevant" and "done" exclusive, and keeps notes through both', () => {
    let plan = withNote(start, 'second-phone', 'Ask at the shop ');
    plan = toggleDone(plan, 'second-phone', true);
    plan = toggleNotRelevant(plan, 'second-phone', true);
    expect(plan.items['second-phone']).toEqual({
      status: 'not-relevant',
      note: 'Ask at the shop ',
    });
    plan = toggleNotRelevant(plan, 'second-phone', false);
    expect(statusOf(plan, 'second-phone')).toBe('not-yet');
    expect(withNote(plan, 'second-phone', '  ').items['second-phone']).toEqual({
      status: 'not-yet',
    });
  });

  it('adds and removes list entries, and stays a valid plan', () => {
    let plan = withAdded(start, 'trustedPeople', { name: 'Priya', contact: '07700 900123' });
    plan = withAdded(plan, 'trustedPeople', { name: 'Sam' });
    plan = withAdded(plan, 'safePlaces', { name: 'Police station, High Street' });
    plan = withAdded(plan, 'routineChanges', { change: 'Bus from the other stop' });
    plan = withRemoved(plan, 'trustedPeople', 0);
    expect(plan.trustedPeople).toEqual([{ name: 'Sam' }]);
    const saved = stamped(toggleDone(plan, 'passwords', true), new Date('2026-03-04T09:00:00Z'));
    expect(SafetyPlanSchema.parse(saved)).toEqual(saved);
    expect(saved.updatedAt).toBe('2026-03-04T09:00:00.000Z');
  });

  it('reports progress', () => {
    const plan = toggleNotRelevant(toggleDone(start, 'passwords', true), 'second-phone', true);
    expect(progress(plan, ['passwords', 'second-phone', 'carry-a-phone'])).toEqual({
      done: 1,
      notRelevant: 1,
      total: 3,
    });
  });
});
