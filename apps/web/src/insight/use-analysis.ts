import {
  type Analysis,
  analyseCasebook,
  type Incident,
  type RiskSuggestion,
  suggestFromLog,
} from '@casebook/core';
import { useMemo } from 'react';
import type { RecordView } from '../data/record-types';
import { browserZone } from '../diary/ports';
import { useDiary } from '../diary/use-diary-data';

export interface LiveLog {
  /** Live incidents only: deleted and unreadable ones are left out of the pattern. */
  readonly incidents: readonly Incident[];
  readonly byId: ReadonlyMap<string, Incident>;
  readonly analysis: Analysis;
}

// Keyed by the list itself: every save replaces the array, so a hit is always current, and
// Pattern, Risk checklist and "Is it stalking?" share one analysis.
const cache = new WeakMap<object, LiveLog>();

type IncidentList = readonly RecordView<Incident>[];

/** The analysis of this session's live incidents, worked out once per change to the list. */
export function useAnalysis(): LiveLog {
  const diary = useDiary();
  const list = diary.lists.incident;
  return useMemo(() => analyseList(list), [list]);
}

function analyseList(list: IncidentList): LiveLog {
  const hit = cache.get(list);
  if (hit !== undefined) return hit;
  const started = performance.now();
  const incidents: Incident[] = [];
  const byId = new Map<string, Incident>();
  for (const r of list) {
    if (r.state !== 'live') continue;
    incidents.push(r.body);
    byId.set(r.id, r.body);
  }
  const analysis = analyseCasebook(incidents, { now: new Date(), zone: browserZone() });
  // A local timing mark for bench/pattern-web.ts; it holds no data and goes nowhere.
  performance.measure('casebook:analysis', { start: started, end: performance.now() });
  const live = { incidents, byId, analysis };
  cache.set(list, live);
  return live;
}

/** Whether dates need their year: the log runs over more than one year or not this one. */
export function needsYear(analysis: Analysis, now = new Date()): boolean {
  const span = analysis.span;
  if (span === undefined) return false;
  const year = String(now.getFullYear());
  return span.first.slice(0, 4) !== span.last.slice(0, 4) || span.last.slice(0, 4) !== year;
}

const suggestionCache = new WeakMap<readonly Incident[], RiskSuggestion[]>();

/** Core's risk suggestions from the live incidents, worked out once per incident list. */
export function useRiskSuggestions(): { suggestions: RiskSuggestion[]; byId: LiveLog['byId'] } {
  const { incidents, byId } = useAnalysis();
  return useMemo(() => {
    let suggestions = suggestionCache.get(incidents);
    if (suggestions === undefined) {
      suggestions = suggestFromLog(incidents);
      suggestionCache.set(incidents, suggestions);
    }
    return { suggestions, byId };
  }, [incidents, byId]);
}
