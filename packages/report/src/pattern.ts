import {
  analyseCasebook,
  BEHAVIOURS,
  type BehaviourId,
  behaviour,
  type Incident,
  PLACE_TYPE_LABELS,
  type PlaceTypeId,
} from '@casebook/core';
import { HARASSMENT_ACT_LIMBS, LIMB_OF } from './harassment-act';
import type { HarassmentActLimb, SnapshotPattern } from './snapshot-types';
import { monthText } from './time-text';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const occasions = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `on ${n} occasions`);

/** "3 March 2025" of `YYYY-MM-DD`. */
function dateWords(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${monthText(iso.slice(0, 7))}`;
}

/**
 * The pattern of the incidents in the report, in words for the reader (the app's own summary
 * speaks to the victim; this one speaks about the case). `numberOf` maps an id to INC-nnnn.
 */
export function buildPattern(
  incidents: readonly Incident[],
  numberOf: ReadonlyMap<string, string>,
  now: Date,
  zone: string,
): SnapshotPattern {
  const analysis = analyseCasebook(incidents, { now, zone });
  const summary: string[] = [];
  const span = analysis.span;
  if (span === undefined) {
    summary.push('No incidents are included in this report.');
  } else {
    const length =
      span.days === 1
        ? `on ${dateWords(span.first)}`
        : `between ${dateWords(span.first)} and ${dateWords(span.last)} (${span.days < 14 ? plural(span.days, 'day') : plural(span.weeks, 'week')})`;
    summary.push(`${plural(analysis.total, 'incident')} recorded ${length}.`);
    for (const p of analysis.places.byPlaceType) {
      if (p.placeType === 'home' || p.placeType === 'work') {
        summary.push(`At the victim's ${p.placeType} ${occasions(p.count)}.`);
      }
    }
    const words = {
      threat: 'threat',
      damage: 'damage to property',
      'break-in': 'break-in',
      assault: 'assault',
    };
    const told = new Set<string>();
    for (const s of analysis.escalation) {
      if (s.kind === 'first-serious' && s.category !== 'other' && !told.has(s.category)) {
        told.add(s.category);
        const n = s.incidentIds.map((id) => numberOf.get(id)).filter(Boolean);
        summary.push(
          `First ${words[s.category]} recorded on ${dateWords(s.date)} (${n.join(', ')}).`,
        );
      }
      if (s.kind === 'frequency-rising') {
        summary.push(
          `More frequent lately: ${s.recentCount} in the last ${s.windowDays} days against ${s.previousCount} in the ${s.windowDays} days before.`,
        );
      }
    }
    const turned = analysis.turnedUpWeeks;
    if (turned.length > 0) {
      summary.push(
        `Turned up unannounced more than three times in a week in ${plural(turned.length, 'week')}.`,
      );
    }
    if (analysis.courseOfConduct.met) {
      summary.push(
        'There are two or more incidents. Under the Protection from Harassment Act 1997 conduct on at least two occasions can form a course of conduct; whether it does is for the police and the court.',
      );
    }
  }

  const behaviourCounts = new Map<BehaviourId, number>();
  const byLimb = new Map<string, Incident[]>();
  for (const incident of incidents) {
    const limbs = new Set<string>();
    for (const b of new Set(incident.behaviours)) {
      behaviourCounts.set(b, (behaviourCounts.get(b) ?? 0) + 1);
      const limb = LIMB_OF[b];
      if (limb !== undefined) limbs.add(limb);
    }
    for (const limb of limbs) byLimb.set(limb, [...(byLimb.get(limb) ?? []), incident]);
  }
  const ordered = [...incidents].sort(
    (a, b) =>
      instant(a) - instant(b) || (numberOf.get(a.id) ?? '').localeCompare(numberOf.get(b.id) ?? ''),
  );
  const order = new Map(ordered.map((inc, i) => [inc.id, i]));
  const harassmentAct: HarassmentActLimb[] = HARASSMENT_ACT_LIMBS.map(({ limb, words }) => {
    const list = [...(byLimb.get(limb) ?? [])].sort(
      (a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
    );
    const first = list[0];
    const last = list[list.length - 1];
    return {
      limb,
      words,
      behaviours: BEHAVIOURS.filter((b) => LIMB_OF[b.id] === limb).map((b) => ({
        id: b.id,
        label: b.label,
      })),
      count: list.length,
      incidents: list.map((inc) => numberOf.get(inc.id) ?? ''),
      ...(first === undefined ? {} : { first: dateWords(first.when.start.local.slice(0, 10)) }),
      ...(last === undefined ? {} : { last: dateWords(last.when.start.local.slice(0, 10)) }),
    };
  });
  const counted = [...behaviourCounts.entries()]
    .map(([id, count]) => ({ id, label: behaviour(id).label, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));

  return {
    summary,
    ...(span === undefined ? {} : { span: { ...span } }),
    months: analysis.months.map((m) => ({
      month: m.month,
      label: monthText(m.month),
      count: m.count,
    })),
    behaviours: counted,
    places: analysis.places.byPlaceType.map((p) => ({
      id: p.placeType,
      label: PLACE_TYPE_LABELS[p.placeType as PlaceTypeId],
      count: p.count,
    })),
    harassmentAct,
    otherBehaviours: counted.filter((b) => LIMB_OF[b.id] === undefined),
    courseOfConduct: analysis.courseOfConduct.met,
  };
}

function instant(incident: Incident): number {
  const { local, offset } = incident.when.start;
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return Date.parse(`${local}Z`) - minutes * 60_000;
}
