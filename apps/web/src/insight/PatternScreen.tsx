import type { Incident } from '@casebook/core';
import { PageHeading } from '../components/PageHeading';
import { personName, placeTypeLabel } from '../diary/labels';
import type { Navigate } from '../diary/routes';
import { useDiary } from '../diary/use-diary-data';
import type { PatternView } from '../worker/pattern-ops';
import { EscalationCallouts } from './EscalationCallouts';
import { formatLocalDate, incidents } from './format-date';
import { HeatmapChart } from './HeatmapChart';
import { IncidentLinks } from './IncidentLinks';
import { quietSpellText } from './quiet-words';
import { needsYear } from './use-analysis';
import { usePattern } from './use-pattern';
import { WeeklyChart } from './WeeklyChart';

const MAX_PLACES = 8;

/** The bigger picture: summary, escalation, weekly chart, heatmap, places, people, the law. */
export function PatternScreen({ navigate }: { navigate: Navigate }) {
  const pattern = usePattern();
  if (pattern.status === 'ready') {
    return <PatternFigures navigate={navigate} view={pattern.view} byId={pattern.byId} />;
  }
  return (
    <>
      <PageHeading>Pattern</PageHeading>
      {pattern.status === 'working' ? (
        <p role="status">Working out the pattern…</p>
      ) : (
        <div className="alert" role="alert">
          The pattern could not be worked out. Lock and unlock again; your records are safe.
        </div>
      )}
    </>
  );
}

function PatternFigures({
  navigate,
  view,
  byId,
}: {
  navigate: Navigate;
  view: PatternView;
  byId: ReadonlyMap<string, Incident>;
}) {
  const diary = useDiary();
  const { analysis, chart } = view;
  const withYear = needsYear(analysis);
  const quiet = quietSpellText(analysis.quietPeriods, withYear);
  const course = analysis.summary.parts.find((p) => p.key === 'course-of-conduct');

  if (analysis.total === 0) {
    return (
      <>
        <PageHeading>Pattern</PageHeading>
        <section className="card summary" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Summary</h2>
          <p>{analysis.summary.text}</p>
          <p>
            When you log incidents, this page shows how often things happen, when and where, and
            whether they are getting worse.
          </p>
        </section>
        <StalkingLinks navigate={navigate} />
      </>
    );
  }

  return (
    <>
      <PageHeading>Pattern</PageHeading>
      <section className="card summary" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <p className="summary-text" data-testid="pattern-summary">
          {summaryText(analysis.summary.text, course?.text)}
        </p>
      </section>

      <section aria-labelledby="escalation-heading">
        <h2 id="escalation-heading">Signs it is getting worse</h2>
        <EscalationCallouts
          signals={analysis.escalation}
          byId={byId}
          navigate={navigate}
          withYear={withYear}
        />
      </section>

      <section aria-labelledby="weeks-heading">
        <h2 id="weeks-heading">Week by week</h2>
        <WeeklyChart stacks={chart.stacks} withYear={withYear} />
        {chart.quietWeeks > 0 && chart.lastWeekStarting ? (
          <p className="chart-note">
            The chart ends at the week of {formatLocalDate(chart.lastWeekStarting, withYear)}, the
            last with an entry. Nothing was logged in the{' '}
            {chart.quietWeeks === 1 ? 'week' : `${chart.quietWeeks} weeks`} since then, up to this
            week.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="when-heading">
        <h2 id="when-heading">When it happens</h2>
        <HeatmapChart heatmap={analysis.heatmap} />
      </section>

      <section aria-labelledby="places-heading">
        <h2 id="places-heading">Places</h2>
        {analysis.places.byPlaceType.length === 0 ? (
          <p>No kinds of place recorded yet.</p>
        ) : (
          <ul className="figure-list" aria-label="Kinds of place">
            {analysis.places.byPlaceType.map((p) => (
              <li key={p.placeType}>
                <span>{placeTypeLabel(p.placeType)}</span>
                <strong>{incidents(p.count)}</strong>
              </li>
            ))}
          </ul>
        )}
        {analysis.places.recurring.length > 0 ? (
          <>
            <h3>Places that come up again</h3>
            <ul className="figure-list" aria-label="Places that come up again">
              {analysis.places.recurring.slice(0, MAX_PLACES).map((p) => (
                <li key={p.key}>
                  <span>{p.text}</span>
                  <strong>{incidents(p.count)}</strong>
                </li>
              ))}
            </ul>
            {analysis.places.recurring.length > MAX_PLACES ? (
              <p className="card-meta">
                And {analysis.places.recurring.length - MAX_PLACES} more places named more than
                once.
              </p>
            ) : null}
          </>
        ) : null}
      </section>

      <section aria-labelledby="people-heading">
        <h2 id="people-heading">People</h2>
        {analysis.people.length === 0 ? (
          <p>No one is named on an incident yet.</p>
        ) : (
          <ul className="figure-list" aria-label="People named on incidents">
            {analysis.people.map((p) => (
              <li key={p.personId}>
                <span>{personName(diary.peopleById.get(p.personId))}</span>
                <strong>{incidents(p.count)}</strong>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="turned-up-heading">
        <h2 id="turned-up-heading">Turning up unannounced</h2>
        {analysis.turnedUpWeeks.length === 0 ? (
          <p>No week in the log has them turning up unannounced more than three times.</p>
        ) : (
          <>
            <p>
              Weeks when they turned up unannounced more than three times. The risk checklist asks
              about this.
            </p>
            <ul className="figure-list" aria-label="Weeks they turned up more than three times">
              {analysis.turnedUpWeeks.map((w) => (
                <li key={w.week}>
                  <span>Week starting {formatLocalDate(w.weekStarting, withYear)}</span>
                  <strong>{w.count} times</strong>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {quiet ? (
        <section aria-labelledby="quiet-heading">
          <h2 id="quiet-heading">Quiet spells</h2>
          <p data-testid="quiet-spells">{quiet}</p>
        </section>
      ) : null}

      <section className="card course" aria-labelledby="course-heading">
        <h2 id="course-heading">Course of conduct</h2>
        {analysis.courseOfConduct.met ? (
          <p>
            Under the Protection from Harassment Act 1997, conduct on two or more occasions can form
            a “course of conduct”. Your log has {incidents(analysis.courseOfConduct.count)};{' '}
            {firstTwo(
              formatLocalDate(analysis.courseOfConduct.firstDate, withYear),
              formatLocalDate(analysis.courseOfConduct.secondDate, withYear),
            )}
            . You can report this to the police: call 999 if you are in danger now, or 101.
          </p>
        ) : (
          <p>
            Under the Protection from Harassment Act 1997, conduct on two or more occasions can form
            a “course of conduct”. You do not need to wait for more incidents to report what is
            happening.
          </p>
        )}
        <IncidentLinks
          ids={analysis.courseOfConduct.incidentIds}
          byId={byId}
          navigate={navigate}
          label="The first two incidents"
          limit={2}
          oldestFirst
        />
        <StalkingLinks navigate={navigate} />
      </section>
    </>
  );
}

/** The summary without its course-of-conduct sentences, which have a section of their own. */
function summaryText(text: string, course: string | undefined): string {
  return course === undefined ? text : text.replace(` ${course}`, '').replace(course, '');
}

function StalkingLinks({ navigate }: { navigate: Navigate }) {
  return (
    <div className="button-row">
      <button type="button" className="button" onClick={() => navigate({ name: 'help' })}>
        How to report it
      </button>
      <button
        type="button"
        className="button secondary"
        onClick={() => navigate({ name: 'stalking' })}
      >
        Is it stalking?
      </button>
    </div>
  );
}

/** "the first two were on 6 January and 9 January", or "both on …" when it is one day. */
function firstTwo(first: string, second: string): string {
  return first === second
    ? `the first two were both on ${first}`
    : `the first two were on ${first} and ${second}`;
}
