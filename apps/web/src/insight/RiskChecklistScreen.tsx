import { RISK_QUESTIONS, type RiskAnswer, type RiskQuestionId } from '@casebook/core';
import { useEffect, useState } from 'react';
import { TextArea } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { browserRandom } from '../diary/ports';
import type { Navigate } from '../diary/routes';
import { useDiary } from '../diary/use-diary-data';
import { IncidentLinks } from './IncidentLinks';
import { RiskGuidanceBox } from './RiskGuidanceBox';
import { RiskHistory } from './RiskHistory';
import {
  ANSWER_LABELS,
  answersOf,
  assessmentFromDraft,
  draftFromAnswers,
  latestAssessment,
  type RiskDraft,
  riskGuidance,
  saveRefusal,
} from './risk-draft';
import { useRiskSuggestions } from './use-analysis';

const ANSWERS: readonly RiskAnswer[] = ['yes', 'no', 'dont-know'];

/** The twelve questions, dated assessments with history and comparison, and what to do. */
export function RiskChecklistScreen({ navigate }: { navigate: Navigate }) {
  const diary = useDiary();
  const { suggestions, byId } = useRiskSuggestions();
  const riskLoaded = diary.loaded.has('risk');
  // Opens on the latest saved answers (once they have arrived), never on a blank form.
  const [draft, setDraft] = useState<RiskDraft | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  const [flash, setFlash] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (draft !== undefined || !riskLoaded) return;
    const saved = diary.lists.risk.flatMap((r) => (r.state === 'live' ? [r.body] : []));
    const latest = latestAssessment(saved);
    setDraft(latest ? draftFromAnswers(latest.answers) : {});
  }, [draft, riskLoaded, diary.lists.risk]);

  if (draft === undefined) {
    return (
      <>
        <PageHeading>Risk checklist</PageHeading>
        <p role="status">Opening your answers…</p>
      </>
    );
  }
  const current = draft;

  const guidance = riskGuidance({ answers: answersOf(current) });

  const set = (id: RiskQuestionId, change: Partial<{ answer: RiskAnswer; note: string }>) => {
    setFlash(undefined);
    setError(undefined);
    setDraft((d) => ({ ...d, [id]: { note: '', ...d?.[id], ...change } }));
  };

  const save = async () => {
    const refusal = saveRefusal(current);
    if (refusal) {
      setFlash(undefined);
      setError(refusal);
      return;
    }
    setSaving(true);
    setError(undefined);
    try {
      const assessment = assessmentFromDraft(current, browserRandom, new Date());
      await diary.save('risk', assessment.id, assessment);
      setFlash(
        'Your answers are saved with today’s date. You can find them under “Earlier answers”.',
      );
    } catch {
      setError('Your answers could not be saved. Try again, or lock and unlock.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeading>Risk checklist</PageHeading>
      <p>
        Twelve questions the police use to understand how much danger you may be in. Answer what you
        can; you can leave any question out. If you answer yes to any of them, please take it
        seriously: what to do is shown here, above the questions.
      </p>
      {answerCountOf(current) > 0 ? (
        <p>
          Your latest answers are filled in. Change any that are different now and save: it is kept
          as a new, dated set of answers, and the earlier ones stay below.
        </p>
      ) : null}
      <p className="notice">
        If you are in danger now, call <a href="tel:999">999</a>.
      </p>
      {guidance.show ? <RiskGuidanceBox guidance={guidance} /> : null}

      <form
        className="risk-form"
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {RISK_QUESTIONS.map((q, i) => {
          const response = current[q.id];
          const suggestion = suggestions.find((s) => s.questionId === q.id);
          return (
            <fieldset key={q.id} className="question">
              <legend>
                <span className="question-number">{i + 1}.</span> {q.text}
              </legend>
              {q.hint ? <p className="hint">{q.hint}</p> : null}
              {suggestion ? (
                <div className="suggestion">
                  <p>
                    <strong>From your log:</strong> {suggestion.text} You may want to answer yes; it
                    is your choice.
                  </p>
                  <IncidentLinks
                    ids={suggestion.incidentIds}
                    byId={byId}
                    navigate={navigate}
                    label={`Incidents for question ${i + 1}`}
                  />
                </div>
              ) : null}
              <div className="answers">
                {ANSWERS.map((a) => (
                  <label key={a} className="check answer">
                    <input
                      type="radio"
                      autoComplete="off"
                      name={`risk-${q.id}`}
                      value={a}
                      checked={response?.answer === a}
                      onChange={() => set(q.id, { answer: a })}
                    />
                    <span>{ANSWER_LABELS[a]}</span>
                  </label>
                ))}
              </div>
              <TextArea
                label={`Note on question ${i + 1} (optional)`}
                value={response?.note ?? ''}
                rows={2}
                onChange={(note) => set(q.id, { note })}
                hint={
                  response?.note.trim() && response.answer === undefined
                    ? 'Choose an answer to keep this note.'
                    : undefined
                }
              />
            </fieldset>
          );
        })}

        {error ? (
          <div className="alert" role="alert">
            {error}
          </div>
        ) : null}
        {flash ? (
          <p className="success" role="status">
            {flash}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button" disabled={saving}>
            Save answers
          </button>
        </div>
      </form>

      <RiskHistory />
    </>
  );
}

function answerCountOf(draft: RiskDraft): number {
  return Object.keys(answersOf(draft)).length;
}
