import { z } from 'zod';
import { newId } from '../ids';
import type { Random } from '../ports';
import { longText } from '../records/text';
import { InstantSchema } from '../records/zoned-time';
import { RISK_QUESTION_IDS, type RiskQuestionId, RiskQuestionIdSchema } from './risk-questions';

export * from './risk-questions';
export { type RiskSuggestion, suggestFromLog } from './risk-suggestions';

export const RISK_ASSESSMENT_SCHEMA_VERSION: 1 = 1;

/** Same format as every Casebook id: 22 characters of base64url. */
export const RiskAssessmentIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, 'This is not a valid Casebook id (22 letters, digits, "-" or "_").')
  .brand<'RiskAssessmentId'>();
export type RiskAssessmentId = z.infer<typeof RiskAssessmentIdSchema>;

export const RiskAnswerSchema = z.enum(['yes', 'no', 'dont-know'], {
  error: "Choose yes, no or don't know.",
});
export type RiskAnswer = z.infer<typeof RiskAnswerSchema>;

export const RiskResponseSchema = z.strictObject({
  answer: RiskAnswerSchema,
  note: longText.optional(),
});
export type RiskResponse = z.infer<typeof RiskResponseSchema>;

/**
 * One dated run through the checklist. Each assessment is its own record, so the history is
 * kept and can be compared. Questions may be left unanswered.
 */
export const RiskAssessmentSchema = z.strictObject({
  schema: z.literal(RISK_ASSESSMENT_SCHEMA_VERSION),
  id: RiskAssessmentIdSchema,
  assessedAt: InstantSchema,
  answers: z.partialRecord(RiskQuestionIdSchema, RiskResponseSchema),
});
export type RiskAssessment = z.infer<typeof RiskAssessmentSchema>;

/** A new, empty assessment dated `at`. */
export function newRiskAssessment(random: Random, at: Date): RiskAssessment {
  return {
    schema: RISK_ASSESSMENT_SCHEMA_VERSION,
    id: newId(RiskAssessmentIdSchema, random),
    assessedAt: at.toISOString(),
    answers: {},
  };
}

/** A number to call, as dialled and as shown. */
export interface DialNumber {
  readonly dial: string;
  readonly display: string;
}

export interface GuidanceStep {
  readonly id: 'emergency' | 'police' | 'helpline';
  readonly text: string;
  readonly call: DialNumber;
}

export type RiskGuidance =
  | { readonly show: false }
  | {
      readonly show: true;
      /** The questions answered yes, in order. */
      readonly because: readonly RiskQuestionId[];
      readonly heading: string;
      readonly steps: readonly GuidanceStep[];
    };

const STEPS: readonly GuidanceStep[] = [
  {
    id: 'emergency',
    text: 'If you are in danger now, call 999.',
    call: { dial: '999', display: '999' },
  },
  {
    id: 'police',
    text: 'If you are frightened but not in immediate danger, call the police on 101 or report it online. They will arrange to talk it through with you.',
    call: { dial: '101', display: '101' },
  },
  {
    id: 'helpline',
    text: 'You can also call the National Stalking Helpline on 0808 802 0300 for advice. It is not a 24-hour or crisis line: in an emergency, call 999.',
    call: { dial: '+448088020300', display: '0808 802 0300' },
  },
];

/**
 * Any "yes" means the situation should be taken seriously: the guidance is to contact the
 * police (999 in danger, 101 or online otherwise) or the National Stalking Helpline.
 * No "yes" (all no, don't know or unanswered) gives `{ show: false }`.
 */
export function riskGuidance(assessment: RiskAssessment): RiskGuidance {
  const because = RISK_QUESTION_IDS.filter((q) => assessment.answers[q]?.answer === 'yes');
  if (because.length === 0) return { show: false };
  return {
    show: true,
    because,
    heading: 'Please take this seriously. You do not have to deal with it on your own.',
    steps: STEPS,
  };
}

export interface AnswerChange {
  readonly questionId: RiskQuestionId;
  /** Absent when the question was not answered. */
  readonly before?: RiskAnswer;
  readonly after?: RiskAnswer;
}

/** The questions whose answer differs from `earlier` to `later`, in question order (notes aside). */
export function compareAssessments(earlier: RiskAssessment, later: RiskAssessment): AnswerChange[] {
  const changes: AnswerChange[] = [];
  for (const questionId of RISK_QUESTION_IDS) {
    const before = earlier.answers[questionId]?.answer;
    const after = later.answers[questionId]?.answer;
    if (before === after) continue;
    changes.push({
      questionId,
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    });
  }
  return changes;
}
