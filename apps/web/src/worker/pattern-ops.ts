import { type Analysis, analyseCasebook, type Incident } from '@casebook/core';
import type { RecordState } from '@casebook/vault';
import { trimQuietWeeks } from '../insight/quiet-words';
import { weeklyStacks } from '../insight/weekly-stacks';
import { view } from './record-view';

/** What the Pattern screen draws, worked out in the vault worker from every live incident. */
export interface PatternView {
  readonly analysis: Analysis;
  /** The weekly chart with its quiet weeks at the end trimmed (`trimQuietWeeks`). */
  readonly chart: ReturnType<typeof trimQuietWeeks>;
  /** Only the incidents the screen links to (escalation signs, the first two). */
  readonly incidents: Readonly<Record<string, Incident>>;
}

/**
 * The analysis of the live incidents (deleted ones and bodies failing the schema left out, as
 * the timeline leaves them out of its counts). `now` is an ISO instant, `zone` the page's.
 */
export function patternView(
  states: readonly RecordState[],
  now: string,
  zone: string,
): PatternView {
  const byId = new Map<string, Incident>();
  for (const state of states) {
    const record = view(state);
    if (record.state === 'live') byId.set(record.id, record.body as Incident);
  }
  const analysis = analyseCasebook([...byId.values()], { now: new Date(now), zone });
  const chart = trimQuietWeeks(weeklyStacks(analysis.weeks, byId));
  const linked = new Set<string>(analysis.courseOfConduct.incidentIds);
  for (const signal of analysis.escalation) for (const id of signal.incidentIds) linked.add(id);
  const incidents: Record<string, Incident> = {};
  for (const id of linked) {
    const incident = byId.get(id);
    if (incident) incidents[id] = incident;
  }
  return { analysis, chart, incidents };
}
