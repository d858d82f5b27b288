import {
  emptySafetyPlan,
  type RoutineChange,
  type SafePlace,
  type SafetyItemStatus,
  type SafetyPlan,
  type SafetyPlanItemId,
  type TrustedPerson,
} from '@casebook/core';

/** The safety plan is one record with a fixed id; every save is a new revision of it. */
export const SAFETY_PLAN_ID = 'safety-plan';

/** An item's status; items never touched are "not yet". */
export function statusOf(plan: SafetyPlan, id: SafetyPlanItemId): SafetyItemStatus {
  return plan.items[id]?.status ?? 'not-yet';
}

/** Sets an item's status, keeping its note. */
export function withStatus(
  plan: SafetyPlan,
  id: SafetyPlanItemId,
  status: SafetyItemStatus,
): SafetyPlan {
  const note = plan.items[id]?.note;
  return {
    ...plan,
    items: { ...plan.items, [id]: note === undefined ? { status } : { status, note } },
  };
}

/** The "done" checkbox: ticked → done; unticked → not yet. */
export function toggleDone(plan: SafetyPlan, id: SafetyPlanItemId, done: boolean): SafetyPlan {
  return withStatus(plan, id, done ? 'done' : 'not-yet');
}

/** The "not relevant" option: ticked → not relevant (and so not done); unticked → not yet. */
export function toggleNotRelevant(
  plan: SafetyPlan,
  id: SafetyPlanItemId,
  notRelevant: boolean,
): SafetyPlan {
  return withStatus(plan, id, notRelevant ? 'not-relevant' : 'not-yet');
}

/** Sets or (when blank) removes an item's note; the text is kept as typed. */
export function withNote(plan: SafetyPlan, id: SafetyPlanItemId, note: string): SafetyPlan {
  const status = statusOf(plan, id);
  return {
    ...plan,
    items: { ...plan.items, [id]: note.trim() === '' ? { status } : { status, note } },
  };
}

type ListKey = 'trustedPeople' | 'safePlaces' | 'routineChanges';
type Entry<K extends ListKey> = K extends 'trustedPeople'
  ? TrustedPerson
  : K extends 'safePlaces'
    ? SafePlace
    : RoutineChange;

export function withAdded<K extends ListKey>(
  plan: SafetyPlan,
  key: K,
  entry: Entry<K>,
): SafetyPlan {
  return { ...plan, [key]: [...plan[key], entry] };
}

export function withRemoved(plan: SafetyPlan, key: ListKey, index: number): SafetyPlan {
  return { ...plan, [key]: plan[key].filter((_, i) => i !== index) };
}

/** Stamps the plan with the time it is saved. */
export function stamped(plan: SafetyPlan, at: Date): SafetyPlan {
  return { ...plan, updatedAt: at.toISOString() };
}

/** How far along the plan is, per group or overall. */
export function progress(
  plan: SafetyPlan,
  ids: readonly SafetyPlanItemId[],
): { done: number; notRelevant: number; total: number } {
  let done = 0;
  let notRelevant = 0;
  for (const id of ids) {
    const s = statusOf(plan, id);
    if (s === 'done') done++;
    else if (s === 'not-relevant') notRelevant++;
  }
  return { done, notRelevant, total: ids.length };
}

export { emptySafetyPlan };
