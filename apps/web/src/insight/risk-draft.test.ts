import { RiskAssessmentSchema } from '@casebook/core';
import { describe, expect, it } from 'vitest';
import {
  answerCounts,
  answersOf,
  assessmentFromDraft,
  describeCounts,
  draftFromAnswers,
  latestAssessment,
  riskGuidance,
  saveRefusal,
} from './risk-draft';
import { fixedRandom } from './test-kit';

describe('risk draft', () => {
  const draft = {
    'very-frightened': { answer: 'yes', note: '  Since the card  ' },
    'previous-abuse': { answer: 'no', note: '   ' },
    'property-damaged': { note: 'Not sure what counts' },
    'police-history': { answer: 'dont-know', note: '' },
  } as const;

  it('keeps answered questions, trims notes and drops blank ones', () => {
    expect(answersOf(draft)).toEqual({
      'very-frightened': { answer: 'yes', note: 'Since the card' },
      'previous-abuse': { answer: 'no' },
      'police-history': { answer: 'dont-know' },
    });
  });

  it('makes a valid, dated assessment', () => {
    const at = new Date('2026-03-03T10:00:00Z');
    const a = assessmentFromDraft(draft, fixedRandom, at);
    expect(RiskAssessmentSchema.parse(a)).toEqual(a);
    expect(a.assessedAt).toBe('2026-03-03T10:00:00.000Z');
  });

  it('counts and describes the answers', () => {
    const counts = answerCounts({ answers: answersOf(draft) });
    expect(counts).toEqual({ yes: 1, no: 1, dontKnow: 1, unanswered: 9 });
    expect(describeCounts(counts)).toBe("1 yes, 1 no, 1 don't know, 9 not answered");
    expect(describeCounts(answerCounts({ answers: {} }))).toBe('12 not answered');
  });

  it('shows guidance for any yes, with the helpline as a number to call', () => {
    expect(riskGuidance({ answers: {} })).toEqual({ show: false });
    expect(riskGuidance({ answers: { 'previous-abuse': { answer: 'no' } } }).show).toBe(false);
    const g = riskGuidance({ answers: answersOf(draft) });
    if (!g.show) throw new Error('expected guidance');
    expect(g.because).toEqual(['very-frightened']);
    expect(g.steps.map((s) => s.call.dial)).toEqual(['999', '101', '+448088020300']);
  });
});

describe('risk draft from saved answers', () => {
  const older = {
    assessedAt: '2026-03-01T10:00:00.000Z',
    answers: { 'very-frightened': { answer: 'no' } },
  } as const;
  const newer = {
    assessedAt: '2026-03-05T10:00:00.000Z',
    answers: { 'very-frightened': { answer: 'yes', note: 'Since the card' } },
  } as const;

  it('opens on the newest assessment, whatever the order', () => {
    expect(latestAssessment([newer, older])).toBe(newer);
    expect(latestAssessment([older, newer])).toBe(newer);
    expect(latestAssessment([])).toBeUndefined();
  });

  it('turns saved answers back into the form, notes included, and back again unchanged', () => {
    const draft = draftFromAnswers(newer.answers);
    expect(draft).toEqual({ 'very-frightened': { answer: 'yes', note: 'Since the card' } });
    expect(answersOf(draft)).toEqual(newer.answers);
  });

  it('refuses an empty save with what to do, and allows one answer', () => {
    expect(saveRefusal({})).toMatch(/Nothing was saved.*at least one question/);
    expect(saveRefusal({ 'very-frightened': { note: 'a note but no answer' } })).toMatch(/Nothing/);
    expect(saveRefusal({ 'very-frightened': { answer: 'dont-know', note: '' } })).toBeUndefined();
  });
});
