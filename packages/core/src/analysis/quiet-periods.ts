import type { IncidentId } from '../ids';
import type { Incident } from '../records/incident';
import type { AnalysisOptions } from './options';
import { asTimeline, type Timeline } from './timeline';

const DAY_MS = 86_400_000;

/** A stretch with nothing logged, between two incidents (or from the last one to now). */
export interface QuietPeriod {
  /** Local date-time the quiet began (the earlier incident's start). */
  readonly from: string;
  /** Local date-time it ended (the later incident's start); absent while it goes on. */
  readonly to?: string;
  /** Whole days between the two starts, rounded down. */
  readonly days: number;
  readonly durationMs: number;
  /** The incident before, and the one after if there is one. */
  readonly incidentIds: readonly IncidentId[];
}

export interface QuietPeriods {
  /** The longest gaps between consecutive incidents, longest first (ties: earliest first). */
  readonly longest: readonly QuietPeriod[];
  /** From the last incident to `now`, when options are given and there is an incident. */
  readonly sinceLast?: QuietPeriod;
}

/** The `limit` (default 3) longest gaps between incidents, measured between exact instants. */
export function quietPeriods(
  source: readonly Incident[] | Timeline,
  options?: AnalysisOptions & { readonly limit?: number },
): QuietPeriods {
  const { entries } = asTimeline(source);
  const gaps: { index: number; ms: number }[] = [];
  for (let i = 1; i < entries.length; i++) {
    const a = entries[i - 1];
    const b = entries[i];
    if (a !== undefined && b !== undefined) gaps.push({ index: i, ms: b.instant - a.instant });
  }
  gaps.sort((x, y) => y.ms - x.ms || x.index - y.index);
  const longest: QuietPeriod[] = [];
  for (const { index, ms } of gaps.slice(0, options?.limit ?? 3)) {
    const a = entries[index - 1];
    const b = entries[index];
    if (a === undefined || b === undefined) continue;
    longest.push({
      from: a.incident.when.start.local,
      to: b.incident.when.start.local,
      days: Math.floor(ms / DAY_MS),
      durationMs: ms,
      incidentIds: [a.id, b.id],
    });
  }
  const last = entries.at(-1);
  if (options === undefined || last === undefined) return { longest };
  const ms = Math.max(0, options.now.getTime() - last.instant);
  return {
    longest,
    sinceLast: {
      from: last.incident.when.start.local,
      days: Math.floor(ms / DAY_MS),
      durationMs: ms,
      incidentIds: [last.id],
    },
  };
}
