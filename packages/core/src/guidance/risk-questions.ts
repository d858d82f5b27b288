import { z } from 'zod';
import type { SeedSource } from '../taxonomy/seed-sources';

/** The source of the twelve questions: the "Are you at risk?" list of seed page 002. */
export const RISK_SEED: SeedSource = '002_7e4faddf7540c658';

/**
 * Stable ids of the twelve questions, in the seed page's order. Stored in assessments:
 * never rename or remove one.
 */
export const RISK_QUESTION_IDS = [
  'very-frightened',
  'previous-abuse',
  'property-damaged',
  'turned-up-often',
  'followed-or-loitered',
  'threats-of-violence',
  'harassed-others',
  'violent-to-others',
  'engaged-others',
  'drugs-alcohol-mental-health',
  'suicide-threat',
  'police-history',
] as const;

export type RiskQuestionId = (typeof RISK_QUESTION_IDS)[number];

export interface RiskQuestion {
  readonly id: RiskQuestionId;
  /** The question in our own words (the seed's meaning, not its wording). */
  readonly text: string;
  /** Optional help shown under the question. */
  readonly hint?: string;
}

const TEXT = {
  'very-frightened': ['Do you feel very scared?'],
  'previous-abuse': [
    'Has this person stalked, harassed or abused you before, including domestic abuse?',
  ],
  'property-damaged': ['Have they damaged or destroyed anything that belongs to you?'],
  'turned-up-often': ['Have they turned up without warning more than three times in one week?'],
  'followed-or-loitered': ['Have they followed you, or hung around near your home or work?'],
  'threats-of-violence': ['Have they threatened physical or sexual violence?'],
  'harassed-others': ['Since this began, have they stalked or harassed anyone else?'],
  'violent-to-others': ['While this has been going on, have they been violent to anyone else?'],
  'engaged-others': ['Have they got other people to help them with what they are doing?'],
  'drugs-alcohol-mental-health': [
    'In the last year, have they had problems with drugs, alcohol or their mental health?',
  ],
  'suicide-threat': [
    'Have they tried to take their own life, or threatened to?',
    'This matters because it can show someone feels they have nothing left to lose.',
  ],
  'police-history': [
    'Have they ever been in trouble with the police, or do they have a criminal record?',
  ],
} as const satisfies Record<RiskQuestionId, readonly [string] | readonly [string, string]>;

/** The twelve questions, in order. */
export const RISK_QUESTIONS: readonly RiskQuestion[] = RISK_QUESTION_IDS.map((id) => {
  const [text, hint] = TEXT[id];
  return hint === undefined ? { id, text } : { id, text, hint };
});

export const RiskQuestionIdSchema = z.enum(RISK_QUESTION_IDS, {
  error: 'This is not one of the risk questions.',
});
