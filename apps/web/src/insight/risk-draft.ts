import {
  riskGuidance as coreRiskGuidance,
  newRiskAssessment,
  type Random,
  RISK_QUESTION_IDS,
  type RiskAnswer,
  type RiskAssessment,
  type RiskGuidance,
  type RiskQuestionId,
  type RiskResponse,
} from '@casebook/core';

/** What the form holds for one question: maybe an answer, and a note (possibly blank). */
export interface DraftResponse {
  readonly answer?: RiskAnswer;
  readonly note: string;
}

export type RiskDraft = Readonly<Partial<Record<RiskQuestionId, DraftResponse>>>;

export const ANSWER_LABELS: Readonly<Record<RiskAnswer, string>> = {
  yes: 'Yes',
  no: 'No',
  'dont-know': "Don't know",
};

/**
 * The stored answers for a draft: unanswered questions are left out and blank notes omitted.
 * A note without an answer is dropped rather than turned into an answer (the schema needs one).
 */
export function answersOf(draft: RiskDraft): RiskAssessment['answers'] {
  const answers: Partial<Record<RiskQuestionId, RiskResponse>> = {};
  for (const id of RISK_QUESTION_IDS) {
    const r = draft[id];
    if (r?.answer === undefined) continue;
    const note = r.note.trim();
    answers[id] = note === '' ? { answer: r.answer } : { answer: r.answer, note };
  }
  return answers;
}

/** A new dated assessment from the draft. */
export function assessmentFromDraft(draft: RiskDraft, random: Random, at: Date): RiskAssessment {
  return { ...newRiskAssessment(random, at), answers: answersOf(draft) };
}

export interface AnswerCounts {
  readonly yes: number;
  readonly no: number;
  readonly dontKnow: number;
  readonly unanswered: number;
}

export function answerCounts(assessment: Pick<RiskAssessment, 'answers'>): AnswerCounts {
  let yes = 0;
  let no = 0;
  let dontKnow = 0;
  for (const id of RISK_QUESTION_IDS) {
    const a = assessment.answers[id]?.answer;
    if (a === 'yes') yes++;
    else if (a === 'no') no++;
    else if (a === 'dont-know') dontKnow++;
  }
  return { yes, no, dontKnow, unanswered: RISK_QUESTION_IDS.length - yes - no - dontKnow };
}

/** "2 yes, 7 no, 1 don't know, 2 not answered" (parts that are 0 left out). */
export function describeCounts(c: AnswerCounts): string {
  const parts = [
    c.yes > 0 ? `${c.yes} yes` : '',
    c.no > 0 ? `${c.no} no` : '',
    c.dontKnow > 0 ? `${c.dontKnow} don't know` : '',
    c.unanswered > 0 ? `${c.unanswered} not answered` : '',
  ].filter(Boolean);
  return parts.length === 0 ? 'No answers' : parts.join(', ');
}

/** "Yes", "No", "Don't know" or "Not answered". */
export function answerLabel(answer: RiskAnswer | undefined): string {
  return answer === undefined ? 'Not answered' : ANSWER_LABELS[answer];
}

/** Core's guidance for answers not yet saved (it reads only the answers). */
export function riskGuidance(assessment: Pick<RiskAssessment, 'answers'>): RiskGuidance {
  return coreRiskGuidance({ ...(assessment as RiskAssessment), answers: assessment.answers });
}

/** The newest saved assessment (by its date), if any. */
export function latestAssessment(
  saved: readonly Pick<RiskAssessment, 'assessedAt' | 'answers'>[],
): Pick<RiskAssessment, 'assessedAt' | 'answers'> | undefined {
  let latest: Pick<RiskAssessment, 'assessedAt' | 'answers'> | undefined;
  for (const a of saved) if (!latest || a.assessedAt > latest.assessedAt) latest = a;
  return latest;
}

/** The form opened on saved answers, so changing one answer is one tap, not twelve. */
export function draftFromAnswers(answers: RiskAssessment['answers']): RiskDraft {
  const draft: Partial<Record<RiskQuestionId, DraftResponse>> = {};
  for (const id of RISK_QUESTION_IDS) {
    const r = answers[id];
    if (r) draft[id] = { answer: r.answer, note: r.note ?? '' };
  }
  return draft;
}

/** Why a save is refused, or undefined: an assessment with no answer at all is not stored. */
export function saveRefusal(draft: RiskDraft): string | undefined {
  return Object.keys(answersOf(draft)).length === 0
    ? 'Nothing was saved: no question has an answer yet. Choose Yes, No or Don’t know for at least one question, then save.'
    : undefined;
}
