import { useMemo } from 'react';
import { PageHeading } from '../components/PageHeading';
import type { Navigate } from '../diary/routes';
import { useDiary } from '../diary/use-diary-data';
import { behaviourCounts, behaviourList, stalkingFacts } from './stalking-facts';
import { useAnalysis } from './use-analysis';

const FOUR = [
  {
    key: 'fixated',
    word: 'Fixated',
    text: 'Their attention is fixed on you: they keep coming back to you, your home, your work or the people around you.',
  },
  {
    key: 'obsessive',
    word: 'Obsessive',
    text: 'It takes over their behaviour: many different ways of reaching you, watching you or finding out about you.',
  },
  {
    key: 'unwanted',
    word: 'Unwanted',
    text: 'You have not asked for it and do not want it, and it makes you feel scared, anxious or pestered.',
  },
  {
    key: 'repeated',
    word: 'Repeated',
    text: 'It happens again and again. Small incidents that seem minor on their own add up to a pattern.',
  },
] as const;

/** FOUR, the behaviour lists and the law in plain words, with this casebook's facts beside each. */
export function StalkingScreen({ navigate }: { navigate: Navigate }) {
  const diary = useDiary();
  const { analysis, incidents } = useAnalysis();
  const facts = useMemo(
    () => stalkingFacts(analysis, incidents, diary.peopleById),
    [analysis, incidents, diary.peopleById],
  );
  const groups = useMemo(() => behaviourList(behaviourCounts(incidents)), [incidents]);

  return (
    <>
      <PageHeading>Is it stalking?</PageHeading>
      <p>
        Stalking is persistent, unwanted attention that makes you feel scared or distressed. If what
        is happening to you is <strong>fixated, obsessive, unwanted and repeated</strong>, it is
        stalking. Threats are not needed for it to be a crime.
      </p>

      <section aria-labelledby="four-heading">
        <h2 id="four-heading">FOUR: fixated, obsessive, unwanted, repeated</h2>
        <ul className="four">
          {FOUR.map((f) => (
            <li key={f.key} className="card four-item">
              <h3>
                <span className="four-letter" aria-hidden="true">
                  {f.word.charAt(0)}
                </span>
                {f.word}
              </h3>
              <p>{f.text}</p>
              <p className="fact">
                <span className="fact-label">In your casebook: </span>
                {facts[f.key]}
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="law-heading">
        <h2 id="law-heading">The law in plain words</h2>
        <div className="card law">
          <h3>Protection from Harassment Act 1997</h3>
          <p>
            Harassment is behaviour that causes you alarm or distress. When it happens on two or
            more occasions, it can form a “course of conduct”, which is a crime. Stalking is a more
            serious form of harassment under the same Act.
          </p>
          <p className="fact">
            <span className="fact-label">In your casebook: </span>
            {facts.courseOfConduct}
          </p>
        </div>
        <div className="card law">
          <h3>Stalking protection orders</h3>
          <p>
            A civil order the police apply to a court for. It can forbid the person from doing
            certain things, such as contacting you or coming near your home, and can require them to
            do things, such as getting help. Ask the police about one.
          </p>
          <p className="fact">
            <span className="fact-label">In your casebook: </span>
            {facts.protectionOrder}
          </p>
        </div>
        <div className="card law">
          <h3>Non-molestation orders</h3>
          <p>
            If the person is a partner, ex-partner or family member, you can ask a court for a
            non-molestation order, which can forbid things such as contacting or threatening you. A
            solicitor or the National Stalking Helpline can tell you more.
          </p>
          <p className="fact">
            <span className="fact-label">In your casebook: </span>
            {facts.nonMolestation}
          </p>
        </div>
        <p className="card-meta">
          This is general information, not legal advice. Whether something is a crime is for the
          police and courts to decide; you do not need to be sure before you report it.
        </p>
      </section>

      <section aria-labelledby="behaviours-heading">
        <h2 id="behaviours-heading">What stalking and harassment can include</h2>
        <p>
          Police and victim services list these behaviours. The number beside each is how many of
          your incidents include it.
        </p>
        {groups.map((g) => (
          <div key={g.group} className="behaviour-group">
            <h3>{g.label}</h3>
            <ul className="figure-list" aria-label={g.label}>
              {g.behaviours.map(({ b, count }) => (
                <li key={b.id} className={count === 0 ? 'none' : undefined}>
                  <span>{b.label}</span>
                  <strong>
                    {count === 0 ? 'none' : count === 1 ? '1 incident' : `${count} incidents`}
                  </strong>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <div className="button-row">
        <button type="button" className="button" onClick={() => navigate({ name: 'help' })}>
          How to report it
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => navigate({ name: 'pattern' })}
        >
          See your pattern
        </button>
      </div>
    </>
  );
}
