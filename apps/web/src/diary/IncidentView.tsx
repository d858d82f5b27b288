import { useState } from 'react';
import { PageHeading } from '../components/PageHeading';
import { LinkedEvidence } from '../evidence/LinkedEvidence';
import { ConflictNotice } from '../sync/ConflictNotice';
import { DeleteForm } from './DeleteForm';
import { Details } from './Details';
import { formatInstant } from './format';
import { describeIncident } from './labels';
import type { Navigate } from './routes';
import { useDiary } from './use-diary-data';

export function IncidentView(props: { id: string; navigate: Navigate }) {
  const diary = useDiary();
  const [deleting, setDeleting] = useState(false);
  const record = diary.lists.incident.find((r) => r.id === props.id);

  if (record?.state !== 'live') {
    return (
      <>
        <PageHeading>Incident</PageHeading>
        <p>This incident has been deleted or could not be read.</p>
        <ConflictNotice only={{ kind: 'incident', id: props.id }} />
        <button
          type="button"
          className="button secondary"
          onClick={() => props.navigate({ name: 'history', kind: 'incident', id: props.id })}
        >
          See its history
        </button>
      </>
    );
  }
  return (
    <>
      <PageHeading>Incident</PageHeading>
      <p className="card-meta">
        Version {record.rev}, saved {formatInstant(record.at)}
      </p>
      <ConflictNotice only={{ kind: 'incident', id: record.id }} />
      <Details lines={describeIncident(record.body, diary.peopleById)} />
      <section aria-labelledby="incident-evidence">
        <h2 id="incident-evidence">Evidence</h2>
        <LinkedEvidence
          ids={record.body.evidence}
          attachLabel="Attach evidence files"
          origin={`incident-${record.id}`}
          incidents={[record.id]}
          back={{ name: 'incident', id: record.id }}
          navigate={props.navigate}
        />
      </section>
      {deleting ? (
        <DeleteForm
          what="incident"
          onCancel={() => setDeleting(false)}
          onDelete={async (reason) => {
            await diary.remove('incident', record.id, reason);
            props.navigate({
              name: 'timeline',
              flash: 'Incident deleted. A note of it stays in the list.',
            });
          }}
        />
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => props.navigate({ name: 'incident-edit', id: record.id })}
          >
            Edit incident
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => props.navigate({ name: 'history', kind: 'incident', id: record.id })}
          >
            History
          </button>
          <button type="button" className="button secondary" onClick={() => setDeleting(true)}>
            Delete incident
          </button>
          <button
            type="button"
            className="button quiet"
            onClick={() => props.navigate({ name: 'timeline' })}
          >
            Back to incidents
          </button>
        </div>
      )}
    </>
  );
}
