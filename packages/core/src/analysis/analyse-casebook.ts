import type { IncidentId } from '../ids';
import type { Incident } from '../records/incident';
import { toZonedDateTime } from '../records/to-zoned-date-time';
import { countByMonth, countByWeek, type MonthCount, type WeekCount } from './counts';
import { type CourseOfConduct, courseOfConduct } from './course-of-conduct';
import { type EscalationOptions, type EscalationSignal, escalationSignals } from './escalation';
import { type Heatmap, weekdayHourHeatmap } from './heatmap';
import { isoDate } from './local-date';
import { type PersonCount, peopleInvolved } from './people-involved';
import { type QuietPeriods, quietPeriods } from './quiet-periods';
import { type Places, recurringPlaces } from './recurring-places';
import { type Span, type Summary, summariseAnalysis } from './summary';
import { buildTimeline } from './timeline';
import { type TurnedUpWeek, turnedUpWeeks } from './turned-up-weeks';

/** Everything the Pattern screen and the report show; every figure carries its incident ids. */
export interface Analysis {
  readonly total: number;
  /** All incidents analysed, oldest first. */
  readonly incidentIds: readonly IncidentId[];
  /** Absent when there are no incidents. */
  readonly span?: Span;
  readonly weeks: readonly WeekCount[];
  readonly months: readonly MonthCount[];
  readonly escalation: readonly EscalationSignal[];
  readonly heatmap: Heatmap;
  readonly places: Places;
  readonly people: readonly PersonCount[];
  readonly turnedUpWeeks: readonly TurnedUpWeek[];
  readonly courseOfConduct: CourseOfConduct;
  readonly quietPeriods: QuietPeriods;
  readonly summary: Summary;
}

/**
 * Analyses a casebook. Pass live incidents only: deleted ones must be left out by the caller.
 * Local dates and hours come from each incident's own wall clock (`when.start.local`); `zone`
 * only places `now`. Pure: the same incidents in any order give the same result.
 */
export function analyseCasebook(
  incidents: readonly Incident[],
  options: EscalationOptions,
): Analysis {
  const timeline = buildTimeline(incidents);
  const { entries } = timeline;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const e of entries) {
    min = Math.min(min, e.day);
    max = Math.max(max, e.day);
  }
  const days = max - min + 1;
  const span: Span | undefined =
    entries.length === 0
      ? undefined
      : { first: isoDate(min), last: isoDate(max), days, weeks: Math.ceil(days / 7) };
  const incidentIds = entries.map((e) => e.id);
  const escalation = escalationSignals(timeline, options);
  const places = recurringPlaces(timeline);
  const turnedUp = turnedUpWeeks(timeline);
  const course = courseOfConduct(timeline);
  const summary = summariseAnalysis({
    total: entries.length,
    incidentIds,
    ...(span === undefined ? {} : { span }),
    places,
    escalation,
    turnedUpWeeks: turnedUp,
    courseOfConduct: course,
    currentYear: Number(toZonedDateTime(options.now, options.zone).local.slice(0, 4)),
  });
  return {
    total: entries.length,
    incidentIds,
    ...(span === undefined ? {} : { span }),
    weeks: countByWeek(timeline, options),
    months: countByMonth(timeline),
    escalation,
    heatmap: weekdayHourHeatmap(timeline),
    places,
    people: peopleInvolved(timeline),
    turnedUpWeeks: turnedUp,
    courseOfConduct: course,
    quietPeriods: quietPeriods(timeline, options),
    summary,
  };
}
