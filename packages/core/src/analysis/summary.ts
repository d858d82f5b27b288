import type { IncidentId } from '../ids';
import type { CourseOfConduct } from './course-of-conduct';
import type { EscalationSignal, SeriousKind } from './escalation';
import { dayNumberOf, formatDay } from './local-date';
import type { Places } from './recurring-places';
import type { TurnedUpWeek } from './turned-up-weeks';

/** How long the log runs, by local dates of the first and last incidents. */
export interface Span {
  /** `YYYY-MM-DD`. */
  readonly first: string;
  readonly last: string;
  /** Calendar days from first to last, both included. */
  readonly days: number;
  /** `days / 7`, rounded up. */
  readonly weeks: number;
}

/** One statement of the summary and the incidents it rests on. */
export interface SummaryPart {
  readonly key: string;
  readonly text: string;
  readonly incidentIds: readonly IncidentId[];
}

export interface Summary {
  /** The whole summary as calm UK English sentences. */
  readonly text: string;
  /** The opening sentence's clauses, then the further sentences, each traceable. */
  readonly parts: readonly SummaryPart[];
}

/** The parts of the analysis the summary is built from. */
export interface SummaryInput {
  readonly total: number;
  readonly incidentIds: readonly IncidentId[];
  readonly span?: Span;
  readonly places: Places;
  readonly escalation: readonly EscalationSignal[];
  readonly turnedUpWeeks: readonly TurnedUpWeek[];
  readonly courseOfConduct: CourseOfConduct;
  /** Year of `now` in the user's zone; dates outside it are written with their year. */
  readonly currentYear: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const occasions = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `on ${n} occasions`);

const SERIOUS_WORDS: Readonly<Record<Exclude<SeriousKind, 'other'>, string>> = {
  threat: 'first threat',
  damage: 'first damage to property',
  'break-in': 'first break-in',
  assault: 'first assault',
};

/**
 * A plain-language summary: "42 incidents over 11 weeks; at your home on 9 occasions; first
 * threat on 3 March." followed by short sentences for turning up, rising frequency, people
 * around you and the course of conduct. Dates are en-GB; the year is added when the log
 * runs over more than one year or not in the current one.
 */
export function summariseAnalysis(input: SummaryInput): Summary {
  const { total, span } = input;
  if (total === 0 || span === undefined) {
    return { text: 'No incidents logged yet.', parts: [] };
  }
  const dayOf = (iso: string) =>
    dayNumberOf(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
  const withYear =
    span.first.slice(0, 4) !== span.last.slice(0, 4) ||
    Number(span.last.slice(0, 4)) !== input.currentYear;
  const date = (iso: string) => formatDay(dayOf(iso), withYear);

  const headline: SummaryPart[] = [];
  const incidents = plural(total, 'incident');
  const countText =
    span.days === 1
      ? `${incidents} on ${date(span.first)}`
      : span.days < 14
        ? `${incidents} over ${span.days} days`
        : `${incidents} over ${span.weeks} weeks`;
  headline.push({ key: 'count', text: countText, incidentIds: input.incidentIds });

  for (const [placeType, words] of [
    ['home', 'at your home'],
    ['work', 'at your work'],
  ] as const) {
    const found = input.places.byPlaceType.find((p) => p.placeType === placeType);
    if (found !== undefined) {
      headline.push({
        key: `place-${placeType}`,
        text: `${words} ${occasions(found.count)}`,
        incidentIds: found.incidentIds,
      });
    }
  }

  for (const [kind, words] of Object.entries(SERIOUS_WORDS)) {
    const first = input.escalation.find((s) => s.kind === 'first-serious' && s.category === kind);
    if (first !== undefined) {
      headline.push({
        key: `first-${kind}`,
        text: `${words} on ${date(first.date)}`,
        incidentIds: first.incidentIds,
      });
    }
  }

  const sentences: SummaryPart[] = [];
  const third = input.escalation.find((s) => s.kind === 'third-party-contact');
  if (third !== undefined) {
    sentences.push({
      key: 'third-party',
      text: `First contact with people around you on ${date(third.date)}.`,
      incidentIds: third.incidentIds,
    });
  }
  const [firstWeek] = input.turnedUpWeeks;
  if (firstWeek !== undefined) {
    const n = input.turnedUpWeeks.length;
    sentences.push({
      key: 'turned-up',
      text: `Turned up unannounced more than three times in a week: ${n === 1 ? 'the week' : `${n} weeks, the first`} starting ${date(firstWeek.weekStarting)}.`,
      incidentIds: input.turnedUpWeeks.flatMap((w) => w.incidentIds),
    });
  }
  const rising = input.escalation.find((s) => s.kind === 'frequency-rising');
  if (rising !== undefined) {
    const weeks =
      rising.windowDays % 7 === 0
        ? plural(rising.windowDays / 7, 'week')
        : plural(rising.windowDays, 'day');
    sentences.push({
      key: 'frequency-rising',
      text: `More often lately: ${rising.recentCount} in the last ${weeks}, against ${rising.previousCount} in the ${weeks} before.`,
      incidentIds: [...rising.previousIncidentIds, ...rising.incidentIds],
    });
  }
  const course = input.courseOfConduct;
  if (course.met) {
    const when =
      course.firstDate === course.secondDate
        ? `both on ${date(course.firstDate)}`
        : `on ${date(course.firstDate)} and ${date(course.secondDate)}`;
    sentences.push({
      key: 'course-of-conduct',
      text:
        `Under the Protection from Harassment Act 1997, two or more incidents can form a course of conduct; the first two here were ${when}. ` +
        'You can report this to the police: call 999 if you are in danger now, or 101.',
      incidentIds: course.incidentIds,
    });
  }

  const opening = `${headline.map((p) => p.text).join('; ')}.`;
  const text = [
    opening.charAt(0).toUpperCase() + opening.slice(1),
    ...sentences.map((s) => s.text),
  ].join(' ');
  return { text, parts: [...headline, ...sentences] };
}
