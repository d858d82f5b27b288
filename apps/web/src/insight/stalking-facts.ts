import {
  type Analysis,
  BEHAVIOUR_GROUPS,
  BEHAVIOURS,
  type Behaviour,
  type BehaviourGroup,
  type BehaviourId,
  behaviour,
  type Incident,
  type Person,
  RELATIONSHIP_LABELS,
  SERIOUS_SEVERITY,
} from '@casebook/core';
import { personName } from '../diary/labels';
import { incidents as nIncidents } from './format-date';

/** Incidents per behaviour (an incident counts once under each behaviour it has). */
export function behaviourCounts(log: readonly Incident[]): Map<BehaviourId, number> {
  const counts = new Map<BehaviourId, number>();
  for (const incident of log) {
    for (const b of new Set(incident.behaviours)) counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return counts;
}

/** The behaviour lists by group, each behaviour with how often the log shows it. */
export function behaviourList(
  counts: ReadonlyMap<BehaviourId, number>,
): { group: BehaviourGroup; label: string; behaviours: { b: Behaviour; count: number }[] }[] {
  return (Object.keys(BEHAVIOUR_GROUPS) as BehaviourGroup[])
    .filter((g) => g !== 'other')
    .map((group) => ({
      group,
      label: BEHAVIOUR_GROUPS[group],
      behaviours: BEHAVIOURS.filter((b) => b.group === group).map((b) => ({
        b,
        count: counts.get(b.id) ?? 0,
      })),
    }));
}

export interface StalkingFacts {
  readonly fixated: string;
  readonly obsessive: string;
  readonly unwanted: string;
  readonly repeated: string;
  readonly courseOfConduct: string;
  readonly protectionOrder: string;
  readonly nonMolestation: string;
}

const INTIMATE = new Set(['ex-partner', 'partner', 'family']);

/** The casebook's own facts beside each part of FOUR and each part of the law, in plain words. */
export function stalkingFacts(
  analysis: Analysis,
  log: readonly Incident[],
  people: ReadonlyMap<string, Person>,
): StalkingFacts {
  const counts = behaviourCounts(log);
  const kinds = [...counts.keys()].filter((b) => b !== 'other').length;
  const channels = new Set(log.flatMap((i) => (i.channel ? [i.channel] : []))).size;
  const withImpact = log.filter((i) => (i.impact ?? '').trim() !== '').length;
  const serious = log.filter((i) =>
    i.behaviours.some((b) => behaviour(b).severity >= SERIOUS_SEVERITY),
  ).length;
  const top = analysis.people[0];
  const busiest = analysis.weeks.reduce((m, w) => Math.max(m, w.count), 0);
  const span = analysis.span;
  const close = [...people.values()].filter(
    (p) => p.role === 'offender' && INTIMATE.has(p.relationship),
  );
  const none = 'Nothing logged yet.';

  return {
    fixated:
      top === undefined
        ? 'No one is named on an incident yet. If you know who it is, add them under People.'
        : `${personName(people.get(top.personId))} is named on ${nIncidents(top.count)}.`,
    obsessive:
      analysis.total === 0
        ? none
        : `You logged ${kinds} different kind${kinds === 1 ? '' : 's'} of behaviour, by ${channels} different way${channels === 1 ? '' : 's'} of making contact.`,
    unwanted:
      analysis.total === 0
        ? none
        : `You wrote down how it affected you for ${nIncidents(withImpact)} of ${analysis.total}.`,
    repeated:
      span === undefined
        ? none
        : `${nIncidents(analysis.total)} over ${span.days < 14 ? `${span.days} day${span.days === 1 ? '' : 's'}` : `${span.weeks} weeks`}; the busiest week had ${busiest}.`,
    courseOfConduct: analysis.courseOfConduct.met
      ? `Your log has ${nIncidents(analysis.total)}: more than the two occasions a course of conduct needs.`
      : analysis.total === 1
        ? 'Your log has 1 incident so far. You do not need to wait for a second to report it.'
        : 'Your log has no incidents yet.',
    protectionOrder:
      serious === 0
        ? `${nIncidents(analysis.total)} logged; none includes threats, damage, break-ins or violence.`
        : `${nIncidents(serious)} include${serious === 1 ? 's' : ''} threats, damage, break-ins or violence.`,
    nonMolestation:
      close.length === 0
        ? 'None of the people responsible in your People list is recorded as a partner, ex-partner or family member.'
        : close
            .map(
              (p) =>
                `You recorded ${personName(p)} as your ${RELATIONSHIP_LABELS[p.relationship].toLowerCase()}.`,
            )
            .join(' '),
  };
}
