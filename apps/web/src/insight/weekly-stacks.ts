import {
  BEHAVIOUR_GROUPS,
  BEHAVIOUR_IDS,
  type BehaviourGroup,
  type BehaviourId,
  behaviour,
  type Incident,
  type WeekCount,
} from '@casebook/core';

/** A stack's groups: the taxonomy's, plus incidents logged without a behaviour. */
export type StackGroup = BehaviourGroup | 'none';

export const STACK_GROUP_ORDER: readonly StackGroup[] = [
  ...(Object.keys(BEHAVIOUR_GROUPS) as BehaviourGroup[]),
  'none',
];

export function stackGroupLabel(group: StackGroup): string {
  return group === 'none' ? 'No behaviour chosen' : BEHAVIOUR_GROUPS[group];
}

export interface WeekStack {
  readonly week: string;
  readonly weekStarting: string;
  readonly total: number;
  /** Counts per group in {@link STACK_GROUP_ORDER}; they add up to `total`. */
  readonly counts: Readonly<Partial<Record<StackGroup, number>>>;
}

export interface WeeklyStacks {
  /** The groups that occur at least once, in display order. */
  readonly groups: readonly StackGroup[];
  readonly weeks: readonly WeekStack[];
  readonly max: number;
}

const ORDER = new Map<BehaviourId, number>(BEHAVIOUR_IDS.map((id, i) => [id, i]));

/**
 * The group an incident is drawn in: that of its most serious behaviour (ties: the earlier
 * behaviour in the taxonomy), so each incident is counted once and a week's stack adds up
 * to its count.
 */
export function primaryGroup(incident: Pick<Incident, 'behaviours'>): StackGroup {
  let best: BehaviourId | undefined;
  for (const b of incident.behaviours) {
    if (best === undefined) {
      best = b;
      continue;
    }
    const sb = behaviour(b).severity;
    const sBest = behaviour(best).severity;
    if (sb > sBest || (sb === sBest && (ORDER.get(b) ?? 0) < (ORDER.get(best) ?? 0))) best = b;
  }
  return best === undefined ? 'none' : behaviour(best).group;
}

/** Weekly counts split by behaviour group, from core's weeks and the incidents behind them. */
export function weeklyStacks(
  weeks: readonly WeekCount[],
  incidentsById: ReadonlyMap<string, Pick<Incident, 'behaviours'>>,
): WeeklyStacks {
  const seen = new Set<StackGroup>();
  let max = 0;
  const out = weeks.map((w) => {
    const counts: Partial<Record<StackGroup, number>> = {};
    for (const id of w.incidentIds) {
      const incident = incidentsById.get(id);
      const group = incident === undefined ? 'none' : primaryGroup(incident);
      counts[group] = (counts[group] ?? 0) + 1;
      seen.add(group);
    }
    max = Math.max(max, w.count);
    return { week: w.week, weekStarting: w.weekStarting, total: w.count, counts };
  });
  return { groups: STACK_GROUP_ORDER.filter((g) => seen.has(g)), weeks: out, max };
}
