import { compareAssessments, RISK_QUESTIONS, type RiskAssessment } from '@casebook/core';
import { useMemo, useState } from 'react';
import { Select } from '../components/Fields';
import { useDiary } from '../diary/use-diary-data';
import { answerCounts, answerLabel, describeCounts } from './risk-draft';

const WHEN = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** When an assessment was saved, to the second so two saves in a minute can be told apart. */
const formatInstant = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : WHEN.format(d);
};

const questionText = (id: string) => {
  const i = RISK_QUESTIONS.findIndex((q) => q.id === id);
  return `${i + 1}. ${RISK_QUESTIONS[i]?.text ?? id}`;
};

/** Earlier assessments, newest first, and what changed between any two of them. */
export function RiskHistory() {
  const diary = useDiary();
  const saved = useMemo(
    () =>
      diary.lists.risk
        .flatMap((r) => (r.state === 'live' ? [r.body] : []))
        .sort((a, b) => b.assessedAt.localeCompare(a.assessedAt)),
    [diary.lists.risk],
  );
  const [earlierId, setEarlierId] = useState('');
  const [laterId, setLaterId] = useState('');
  const later = saved.find((a) => a.id === laterId) ?? saved[0];
  const earlier = saved.find((a) => a.id === earlierId) ?? saved[1];
  const options = saved.map((a) => ({ id: a.id, label: formatInstant(a.assessedAt) }));

  return (
    <section aria-labelledby="risk-history-heading">
      <h2 id="risk-history-heading">Earlier answers</h2>
      {!diary.loaded.has('risk') ? (
        <p role="status">Opening your earlier answers…</p>
      ) : saved.length === 0 ? (
        <p>Nothing saved yet. When you save your answers, they are kept here with the date.</p>
      ) : (
        <ul className="card-list" aria-label="Saved assessments">
          {saved.map((a) => (
            <li key={a.id} className="card">
              <details>
                <summary>
                  {formatInstant(a.assessedAt)}: {describeCounts(answerCounts(a))}
                </summary>
                <AnswerList assessment={a} />
              </details>
            </li>
          ))}
        </ul>
      )}
      {later && earlier ? (
        <div className="compare">
          <h3>Compare two dates</h3>
          <div className="inline-fields">
            <Select label="Earlier" value={earlier.id} onChange={setEarlierId} options={options} />
            <Select label="Later" value={later.id} onChange={setLaterId} options={options} />
          </div>
          <Changes earlier={earlier} later={later} />
        </div>
      ) : null}
    </section>
  );
}

function AnswerList({ assessment }: { assessment: RiskAssessment }) {
  return (
    <dl className="details">
      {RISK_QUESTIONS.map((q) => {
        const r = assessment.answers[q.id];
        return (
          <div key={q.id} className="details-row">
            <dt>{questionText(q.id)}</dt>
            <dd>
              {answerLabel(r?.answer)}
              {r?.note ? ` — ${r.note}` : ''}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function Changes({ earlier, later }: { earlier: RiskAssessment; later: RiskAssessment }) {
  if (earlier.id === later.id) return <p>Choose two different dates to compare.</p>;
  const [from, to] = earlier.assessedAt <= later.assessedAt ? [earlier, later] : [later, earlier];
  const changes = compareAssessments(from, to);
  if (changes.length === 0) {
    return (
      <p role="status">
        No answers changed between {formatInstant(from.assessedAt)} and{' '}
        {formatInstant(to.assessedAt)}.
      </p>
    );
  }
  return (
    <>
      <p role="status">
        {changes.length} answer{changes.length === 1 ? '' : 's'} changed between{' '}
        {formatInstant(from.assessedAt)} and {formatInstant(to.assessedAt)}:
      </p>
      <ul className="changes" aria-label="What changed">
        {changes.map((c) => (
          <li key={c.questionId}>
            <span className="change-question">{questionText(c.questionId)}</span>{' '}
            <span className="diff-old">{answerLabel(c.before)}</span>
            <span aria-hidden="true"> → </span>
            <span className="visually-hidden"> became </span>
            <span className="diff-new">{answerLabel(c.after)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
