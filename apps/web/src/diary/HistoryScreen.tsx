import { useEffect, useState } from 'react';
import { PageHeading } from '../components/PageHeading';
import type { RecordView } from '../data/record-types';
import { describeEvidence } from '../evidence/describe-evidence';
import { formatInstant } from './format';
import {
  describeCall,
  describeIncident,
  describeItem,
  describePerson,
  diffLines,
  type Line,
} from './labels';
import type { Navigate, Route } from './routes';
import { type Bodies, useDiary } from './use-diary-data';

/** The kinds whose revisions this screen shows. */
type HistoryKind = Extract<Route, { name: 'history' }>['kind'];

const TITLES: Record<HistoryKind, string> = {
  incident: 'incident',
  person: 'person',
  call: 'call',
  item: 'item',
  evidence: 'evidence item',
};

/** Every version of a record, newest first, with what changed in each. */
export function HistoryScreen(props: { kind: HistoryKind; id: string; navigate: Navigate }) {
  const diary = useDiary();
  const [versions, setVersions] = useState<RecordView[] | undefined>();
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    diary
      .history(props.kind, props.id)
      .then((v) => {
        if (live) setVersions(v);
      })
      .catch(() => {
        if (live) setFailed(true);
      });
    return () => {
      live = false;
    };
  }, [diary, props.kind, props.id]);

  const describe = (r: RecordView): Line[] => {
    if (r.state !== 'live') return [];
    switch (props.kind) {
      case 'incident':
        return describeIncident(r.body as Bodies['incident'], diary.peopleById);
      case 'person':
        return describePerson(r.body as Bodies['person']);
      case 'call':
        return describeCall(r.body as Bodies['call'], diary.peopleById);
      case 'item':
        return describeItem(r.body as Bodies['item']);
      case 'evidence':
        return describeEvidence(r.body as Bodies['evidence']);
    }
  };
  const back: Route =
    props.kind === 'incident'
      ? { name: 'incident', id: props.id }
      : props.kind === 'person'
        ? { name: 'people' }
        : props.kind === 'call'
          ? { name: 'calls' }
          : props.kind === 'evidence'
            ? { name: 'evidence' }
            : { name: 'items' };

  return (
    <>
      <PageHeading>History of this {TITLES[props.kind]}</PageHeading>
      <p>Every saved version is kept. Nothing is ever overwritten.</p>
      {failed ? (
        <p className="alert" role="alert">
          The history could not be read. Lock and unlock, then try again.
        </p>
      ) : null}
      {versions === undefined && !failed ? <p role="status">Reading history…</p> : null}
      <ol className="card-list" reversed aria-label="Versions">
        {(versions ?? [])
          .map((v, i, all) => ({ v, previous: i > 0 ? all[i - 1] : undefined }))
          .reverse()
          .map(({ v, previous }) => (
            <li key={v.rev} className={`card${v.state === 'live' ? '' : ' tombstone'}`}>
              <h2>
                Version {v.rev}:{' '}
                {v.state === 'deleted' ? 'deleted' : v.rev === 1 ? 'created' : 'edited'}
              </h2>
              <p className="card-meta">Saved {formatInstant(v.at)}</p>
              {v.state === 'deleted' ? <p className="card-text">Reason: {v.reason}</p> : null}
              {v.state === 'unreadable' ? <p className="card-text">{v.problem}</p> : null}
              {v.state === 'live' && !previous ? (
                <ul>
                  {describe(v).map((l) => (
                    <li key={l.label}>
                      <strong>{l.label}:</strong> <span className="card-text">{l.value}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
              {v.state === 'live' && previous ? (
                <ChangeList changes={diffLines(describe(previous), describe(v))} />
              ) : null}
            </li>
          ))}
      </ol>
      <p className="button-row">
        <button type="button" className="button secondary" onClick={() => props.navigate(back)}>
          Back
        </button>
      </p>
    </>
  );
}

function ChangeList({ changes }: { changes: { label: string; from: string; to: string }[] }) {
  if (changes.length === 0) return <p>No visible change.</p>;
  return (
    <ul>
      {changes.map((c) => (
        <li key={c.label}>
          <strong>{c.label}:</strong>{' '}
          {c.from ? (
            <>
              <del className="diff-old">{c.from}</del>{' '}
            </>
          ) : null}
          {c.to ? <ins className="diff-new">{c.to}</ins> : <em>removed</em>}
        </li>
      ))}
    </ul>
  );
}
