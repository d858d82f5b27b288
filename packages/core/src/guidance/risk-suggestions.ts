import { formatDay } from '../analysis/local-date';
import { buildTimeline, type TimelineEntry } from '../analysis/timeline';
import { turnedUpWeeks } from '../analysis/turned-up-weeks';
import type { IncidentId } from '../ids';
import type { Incident } from '../records/incident';
import type { BehaviourId } from '../taxonomy/behaviours';
import { RISK_QUESTION_IDS, type RiskQuestionId } from './risk-questions';

/** A question the log can inform, with the sentence that says why and the incidents behind it. */
export interface RiskSuggestion {
  readonly questionId: RiskQuestionId;
  readonly answer: 'yes';
  readonly text: string;
  readonly incidentIds: readonly IncidentId[];
}

interface Rule {
  readonly questionId: RiskQuestionId;
  /** "You logged … on 3 March". */
  readonly what: string;
  readonly behaviours: readonly BehaviourId[];
  readonly throughAnotherPerson?: true;
}

const RULES: readonly Rule[] = [
  {
    questionId: 'property-damaged',
    what: 'damage to your property',
    behaviours: ['damage-to-property'],
  },
  {
    questionId: 'followed-or-loitered',
    what: 'being followed or them waiting near your home or work',
    behaviours: ['following', 'loitering-near-home', 'loitering-near-work'],
  },
  {
    questionId: 'threats-of-violence',
    what: 'threats of violence',
    behaviours: [
      'threat-of-violence',
      'threat-of-sexual-violence',
      'threat-to-kill',
      'threat-to-children',
      'threat-to-others',
    ],
  },
  {
    questionId: 'harassed-others',
    what: 'them contacting or harassing people around you',
    behaviours: ['harassing-family-or-friends', 'harassing-colleagues'],
  },
  {
    questionId: 'engaged-others',
    what: 'them getting other people involved',
    behaviours: ['engaging-others-to-help'],
    throughAnotherPerson: true,
  },
  {
    questionId: 'suicide-threat',
    what: 'them threatening to harm themselves',
    behaviours: ['threat-of-self-harm'],
  },
];

const dayOf = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);

/**
 * For each risk question the log can inform, a suggested "yes" and a sentence such as
 * "You logged damage to your property on 3 March." The person still answers for themselves.
 * Pass live incidents only. Dates carry their year when the log runs over more than one year.
 */
export function suggestFromLog(incidents: readonly Incident[]): RiskSuggestion[] {
  const timeline = buildTimeline(incidents);
  const years = new Set(timeline.entries.map((e) => e.incident.when.start.local.slice(0, 4)));
  const withYear = years.size > 1;
  const date = (day: number) => formatDay(day, withYear);
  const out: RiskSuggestion[] = [];

  for (const rule of RULES) {
    const hits: TimelineEntry[] = timeline.entries.filter(
      (e) =>
        e.incident.behaviours.some((b) => rule.behaviours.includes(b)) ||
        (rule.throughAnotherPerson === true && e.incident.channel === 'through-another-person'),
    );
    const first = hits[0];
    const last = hits.at(-1);
    if (first === undefined || last === undefined) continue;
    const when =
      hits.length === 1
        ? `on ${date(first.day)}`
        : `${hits.length} times, first on ${date(first.day)} and most recently on ${date(last.day)}`;
    out.push({
      questionId: rule.questionId,
      answer: 'yes',
      text: `You logged ${rule.what} ${when}.`,
      incidentIds: hits.map((e) => e.id),
    });
  }

  const turned = turnedUpWeeks(timeline);
  const [firstWeek] = turned;
  if (firstWeek !== undefined) {
    const start = date(dayOf(firstWeek.weekStarting));
    const text =
      turned.length === 1
        ? `You logged them turning up unannounced ${firstWeek.count} times in the week starting ${start}.`
        : `You logged them turning up unannounced more than three times a week in ${turned.length} weeks, first in the week starting ${start}.`;
    out.push({
      questionId: 'turned-up-often',
      answer: 'yes',
      text,
      incidentIds: turned.flatMap((w) => w.incidentIds),
    });
  }
  return out.sort(
    (a, b) => RISK_QUESTION_IDS.indexOf(a.questionId) - RISK_QUESTION_IDS.indexOf(b.questionId),
  );
}
