import { describe, expect, it } from 'vitest';
import { BST, id, incident } from '../analysis/test-kit';
import { countingRandom } from '../testing/fixtures';
import {
  compareAssessments,
  newRiskAssessment,
  RISK_QUESTION_IDS,
  RISK_QUESTIONS,
  type RiskAnswer,
  type RiskAssessment,
  RiskAssessmentSchema,
  riskGuidance,
  suggestFromLog,
} from './risk-checklist';

const assessed = (answers: Partial<Record<(typeof RISK_QUESTION_IDS)[number], RiskAnswer>>) => {
  const a = newRiskAssessment(countingRandom(), new Date('2025-03-03T14:05:00Z'));
  const withAnswers: RiskAssessment = {
    ...a,
    answers: Object.fromEntries(Object.entries(answers).map(([q, answer]) => [q, { answer }])),
  };
  return RiskAssessmentSchema.parse(withAnswers);
};

describe('risk questions', () => {
  it('has the twelve questions of seed page 002 with stable ids, in our own words', () => {
    expect(RISK_QUESTIONS.map((q) => q.id)).toEqual([...RISK_QUESTION_IDS]);
    expect(RISK_QUESTIONS).toHaveLength(12);
    // Not the seed's wording (the S-DASH form may not be reproduced).
    expect(RISK_QUESTIONS[0]?.text).not.toBe('Are you very frightened?');
    expect(RISK_QUESTIONS.every((q) => q.text.endsWith('?'))).toBe(true);
  });
});

describe('RiskAssessmentSchema', () => {
  it('accepts a dated assessment with notes and unanswered questions', () => {
    const a = assessed({ 'very-frightened': 'yes', 'police-history': 'dont-know' });
    const noted = {
      ...a,
      answers: { ...a.answers, 'previous-abuse': { answer: 'no', note: 'Not that I know.' } },
    };
    expect(RiskAssessmentSchema.safeParse(noted).success).toBe(true);
  });

  it('rejects an unknown question, an unknown answer and a missing date', () => {
    const a = assessed({});
    expect(
      RiskAssessmentSchema.safeParse({ ...a, answers: { 'not-a-question': { answer: 'yes' } } })
        .success,
    ).toBe(false);
    expect(
      RiskAssessmentSchema.safeParse({ ...a, answers: { 'very-frightened': { answer: 'maybe' } } })
        .success,
    ).toBe(false);
    const { assessedAt: _, ...undated } = a;
    expect(RiskAssessmentSchema.safeParse(undated).success).toBe(false);
  });
});

describe('riskGuidance', () => {
  it('shows nothing when every answer is no', () => {
    const allNo = Object.fromEntries(RISK_QUESTION_IDS.map((q) => [q, 'no' as const]));
    expect(riskGuidance(assessed(allNo))).toEqual({ show: false });
    expect(riskGuidance(assessed({}))).toEqual({ show: false });
    expect(riskGuidance(assessed({ 'very-frightened': 'dont-know' }))).toEqual({ show: false });
  });

  it('shows police and helpline guidance for any single yes', () => {
    for (const q of RISK_QUESTION_IDS) {
      const guidance = riskGuidance(
        assessed({ [q]: 'yes', 'previous-abuse': q === 'previous-abuse' ? 'yes' : 'no' }),
      );
      expect(guidance.show).toBe(true);
      if (!guidance.show) continue;
      expect(guidance.because).toEqual([q]);
      expect(guidance.steps.map((s) => s.call.dial)).toEqual(['999', '101', '+448088020300']);
      expect(guidance.steps[2]?.text).toContain('not a 24-hour');
    }
  });
});

describe('compareAssessments', () => {
  it('lists the answers that changed, in question order', () => {
    const before = assessed({
      'very-frightened': 'no',
      'property-damaged': 'dont-know',
      'police-history': 'yes',
    });
    const after = assessed({
      'very-frightened': 'yes',
      'property-damaged': 'yes',
      'police-history': 'yes',
      'engaged-others': 'no',
    });
    expect(compareAssessments(before, after)).toEqual([
      { questionId: 'very-frightened', before: 'no', after: 'yes' },
      { questionId: 'property-damaged', before: 'dont-know', after: 'yes' },
      { questionId: 'engaged-others', after: 'no' },
    ]);
    expect(compareAssessments(after, after)).toEqual([]);
  });
});

describe('suggestFromLog', () => {
  it('cites the incidents behind each suggestion', () => {
    const turnedUp = ['10', '11', '12', '13'].map((d) =>
      incident(`t${d}`, `2025-03-${d}T19:00`, { behaviours: ['turning-up-unannounced'] }),
    );
    const suggestions = suggestFromLog([
      incident('a', '2025-03-01T09:00', { behaviours: ['unwanted-texts'] }),
      incident('dmg', '2025-03-03T22:00', { behaviours: ['damage-to-property'] }),
      incident('fol1', '2025-03-05T08:00', { behaviours: ['following'] }),
      incident('fol2', '2025-04-02T08:00', { ...BST, behaviours: ['loitering-near-work'] }),
      incident('thr', '2025-03-20T21:00', { behaviours: ['threat-to-kill'] }),
      incident('fam', '2025-03-21T12:00', { behaviours: ['harassing-family-or-friends'] }),
      incident('via', '2025-03-22T12:00', { channel: 'through-another-person' }),
      incident('sh', '2025-03-23T12:00', { behaviours: ['threat-of-self-harm'] }),
      ...turnedUp,
    ]);
    expect(suggestions.map((s) => [s.questionId, s.text, s.incidentIds])).toEqual([
      ['property-damaged', 'You logged damage to your property on 3 March.', [id('dmg')]],
      [
        'turned-up-often',
        'You logged them turning up unannounced 4 times in the week starting 10 March.',
        turnedUp.map((i) => i.id),
      ],
      [
        'followed-or-loitered',
        'You logged being followed or them waiting near your home or work 2 times, first on 5 March and most recently on 2 April.',
        [id('fol1'), id('fol2')],
      ],
      ['threats-of-violence', 'You logged threats of violence on 20 March.', [id('thr')]],
      [
        'harassed-others',
        'You logged them contacting or harassing people around you on 21 March.',
        [id('fam')],
      ],
      ['engaged-others', 'You logged them getting other people involved on 22 March.', [id('via')]],
      ['suicide-threat', 'You logged them threatening to harm themselves on 23 March.', [id('sh')]],
    ]);
    expect(suggestions.every((s) => s.answer === 'yes')).toBe(true);
  });

  it('suggests nothing from a log without those behaviours, and not turning up three times', () => {
    const three = ['10', '11', '12'].map((d) =>
      incident(`t${d}`, `2025-03-${d}T19:00`, { behaviours: ['turning-up-unannounced'] }),
    );
    expect(
      suggestFromLog([
        incident('a', '2025-03-01T09:00', { behaviours: ['unwanted-calls'] }),
        ...three,
      ]),
    ).toEqual([]);
  });
});
