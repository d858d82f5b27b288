import type { HelpDirectory, HelpEntry } from '@casebook/core';
import { PageHeading } from '../components/PageHeading';
import type { Navigate } from '../diary/routes';
import { orderedEntries } from '../help/help-directory-source';
import { useHelpDirectory } from '../help/use-help-directory';
import { CallLink } from './CallLink';
import { webHref } from './web-address';

/** Who to call and where to report: the help directory checked at start-up, 999 first. */
export function HelpScreen({ navigate }: { navigate: Navigate }) {
  const state = useHelpDirectory();
  const directory =
    state.status === 'ready'
      ? state.directory
      : state.status === 'invalid'
        ? state.fallback
        : undefined;
  const has999 = directory?.entries.some((e) => e.kind === 'emergency') ?? false;
  return (
    <>
      <PageHeading>Help</PageHeading>
      {has999 ? null : (
        <div className="emergency">
          <p>
            <strong>If you or someone else is in danger now, call 999.</strong>
          </p>
          <CallLink dial="999" display="999" label="emergency" urgent />
        </div>
      )}
      {state.status === 'loading' ? <p role="status">Loading the list of help…</p> : null}
      {state.status === 'invalid' ? (
        <div className="alert" role="alert">
          <p>
            <strong>The list of local help set up for this app could not be read.</strong>{' '}
            {state.fallback
              ? 'The national list is shown instead.'
              : 'Call 999 in an emergency, or 101 to report to the police.'}{' '}
            If this keeps happening, tell the organisation that gave you this app.
          </p>
          <details>
            <summary>Details for the organisation</summary>
            <pre className="problem">{state.reason}</pre>
          </details>
        </div>
      ) : null}
      {directory ? <Directory directory={directory} /> : null}
      <section aria-labelledby="help-more-heading">
        <h2 id="help-more-heading">Not sure if it counts?</h2>
        <p>
          You do not need to be certain, and you do not need to wait. Small, repeated incidents are
          taken seriously.
        </p>
        <div className="button-row">
          <button
            type="button"
            className="button secondary"
            onClick={() => navigate({ name: 'stalking' })}
          >
            Is it stalking?
          </button>
        </div>
      </section>
    </>
  );
}

function Directory({ directory }: { directory: HelpDirectory }) {
  return (
    <>
      <ul className="help-list" aria-label="Where to get help">
        {orderedEntries(directory).map((entry) => (
          <HelpCard key={entry.id} entry={entry} />
        ))}
      </ul>
      <p className="card-meta">
        This list is for {directory.region}. Numbers are free or cost no more than a normal call
        from most phones; check with your provider if you are unsure.
      </p>
    </>
  );
}

function HelpCard({ entry }: { entry: HelpEntry }) {
  return (
    <li className={`card help-card ${entry.kind}`}>
      <h2 className="help-name">{entry.organisation}</h2>
      <ul className="badges" aria-label="About this service">
        {entry.crisis ? <li className="badge crisis">Any time, day or night</li> : null}
        {entry.anonymous ? (
          <li className="badge anonymous">Anonymous: you do not have to give your name</li>
        ) : null}
        {!entry.crisis && entry.phones.length > 0 ? (
          <li className="badge">Not a crisis line</li>
        ) : null}
      </ul>
      <p>{entry.whatTheyDo}</p>
      {entry.hours && !entry.crisis ? (
        <p>
          <strong>Hours:</strong> {entry.hours}
        </p>
      ) : null}
      {entry.phones.length > 0 ? (
        <div className="button-row">
          {entry.phones.map((p) => (
            <CallLink
              key={p.dial}
              dial={p.dial}
              display={p.display}
              label={p.label ?? entry.organisation}
              urgent={entry.kind === 'emergency'}
            />
          ))}
        </div>
      ) : null}
      {entry.url || entry.email ? (
        <p className="help-contact">
          {entry.url ? (
            <span>
              Website: <WebAddress address={entry.url} />
            </span>
          ) : null}
          {entry.email ? (
            <span>
              Email: <a href={`mailto:${entry.email}`}>{entry.email}</a>
            </span>
          ) : null}
        </p>
      ) : null}
    </li>
  );
}

/** A help entry's website: a link (new tab) when it is an https address, else plain text. */
function WebAddress({ address }: { address: string }) {
  const href = webHref(address);
  if (!href) return <span className="url">{address}</span>;
  return (
    <a className="url" href={href} target="_blank" rel="noopener noreferrer">
      {address}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}
