import { describe, expect, it } from 'vitest';
import { SEED_SOURCES } from '../taxonomy/seed-sources';
import {
  emptySafetyPlan,
  SAFETY_PLAN_GROUPS,
  SAFETY_PLAN_ITEMS,
  SafetyPlanSchema,
} from './safety-plan';

describe('safety plan items', () => {
  it('covers every group and every seed page, with unique kebab-case ids', () => {
    const groups = new Set(SAFETY_PLAN_ITEMS.map((i) => i.group));
    expect([...groups].sort()).toEqual(Object.keys(SAFETY_PLAN_GROUPS).sort());
    const seeds = new Set(SAFETY_PLAN_ITEMS.flatMap((i) => i.seeds));
    expect([...seeds].sort()).toEqual(
      Object.keys(SEED_SOURCES)
        .filter((s) => s !== 'product')
        .sort(),
    );
    const ids = SAFETY_PLAN_ITEMS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((x) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(x))).toBe(true);
  });

  it('is honest that the seed pages disagree about blocking', () => {
    const blocking = SAFETY_PLAN_ITEMS.find((i) => i.id === 'think-before-blocking');
    expect(blocking?.seeds).toEqual(['003_3e3776f8e8344a54', '004_263530a507bd51f8']);
    expect(blocking?.text).toContain('not to block');
    expect(blocking?.text).toContain('option');
  });
});

describe('SafetyPlanSchema', () => {
  const plan = {
    ...emptySafetyPlan(new Date('2025-03-03T14:05:00Z')),
    items: {
      'attack-alarm': { status: 'done', note: 'From victim services.' },
      'second-phone': { status: 'not-relevant' },
      passwords: { status: 'not-yet' },
    },
    trustedPeople: [{ name: 'Jess', contact: '07700 900123' }],
    safePlaces: [{ name: 'Police station on High Street' }],
    routineChanges: [{ change: 'Take the bus from the other stop.' }],
  };

  it('accepts a filled-in plan and an empty one', () => {
    expect(SafetyPlanSchema.safeParse(plan).success).toBe(true);
    expect(SafetyPlanSchema.safeParse(emptySafetyPlan(new Date())).success).toBe(true);
  });

  it('rejects unknown items, unknown statuses and blank names', () => {
    expect(
      SafetyPlanSchema.safeParse({ ...plan, items: { 'no-such-item': { status: 'done' } } })
        .success,
    ).toBe(false);
    expect(
      SafetyPlanSchema.safeParse({ ...plan, items: { passwords: { status: 'maybe' } } }).success,
    ).toBe(false);
    expect(SafetyPlanSchema.safeParse({ ...plan, trustedPeople: [{ name: '  ' }] }).success).toBe(
      false,
    );
    expect(SafetyPlanSchema.safeParse({ ...plan, schema: 2 }).success).toBe(false);
  });
});
