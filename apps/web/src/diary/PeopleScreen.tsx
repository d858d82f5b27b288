import { PERSON_ROLES } from '@casebook/core';
import { useState } from 'react';
import { PageHeading } from '../components/PageHeading';
import { DamagedRecordsNotice } from './DamagedRecordsNotice';
import { DeleteForm } from './DeleteForm';
import { Details } from './Details';
import { formatInstant } from './format';
import { describePerson, personName } from './labels';
import type { Navigate } from './routes';
import { useDiary } from './use-diary-data';

export function PeopleScreen(props: { navigate: Navigate }) {
  const diary = useDiary();
  const [deleting, setDeleting] = useState<string | undefined>();
  const people = diary.lists.person;
  const deleted = people.filter((r) => r.state !== 'live');

  return (
    <>
      <PageHeading>People</PageHeading>
      <DamagedRecordsNotice kinds={['person']} />
      <p>The person or people responsible, witnesses, and people you trust.</p>
      <p className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => props.navigate({ name: 'person-new' })}
        >
          Add a person
        </button>
      </p>
      {people.length === 0 ? <p>Nobody added yet.</p> : null}
      {PERSON_ROLES.map((role) => {
        const group = people.filter((r) => r.state === 'live' && r.body.role === role.id);
        if (group.length === 0) return null;
        return (
          <section key={role.id} aria-labelledby={`role-${role.id}`}>
            <h2 id={`role-${role.id}`}>{role.label}</h2>
            <ul className="card-list">
              {group.map((r) =>
                r.state === 'live' ? (
                  <li key={r.id} className="card">
                    <h3>{personName(r.body)}</h3>
                    <Details
                      lines={describePerson(r.body).filter((l) => l.label !== 'Who they are')}
                    />
                    {deleting === r.id ? (
                      <DeleteForm
                        what="person"
                        onCancel={() => setDeleting(undefined)}
                        onDelete={async (reason) => {
                          await diary.remove('person', r.id, reason);
                          setDeleting(undefined);
                        }}
                      />
                    ) : (
                      <div className="button-row">
                        <button
                          type="button"
                          className="button secondary"
                          onClick={() => props.navigate({ name: 'person-edit', id: r.id })}
                        >
                          Edit<span className="visually-hidden"> {personName(r.body)}</span>
                        </button>
                        <button
                          type="button"
                          className="button quiet"
                          onClick={() =>
                            props.navigate({ name: 'history', kind: 'person', id: r.id })
                          }
                        >
                          History<span className="visually-hidden"> of {personName(r.body)}</span>
                        </button>
                        <button
                          type="button"
                          className="button quiet"
                          onClick={() => setDeleting(r.id)}
                        >
                          Delete<span className="visually-hidden"> {personName(r.body)}</span>
                        </button>
                      </div>
                    )}
                  </li>
                ) : null,
              )}
            </ul>
          </section>
        );
      })}
      {deleted.length > 0 ? (
        <section aria-labelledby="people-deleted">
          <h2 id="people-deleted">Deleted</h2>
          <ul className="card-list">
            {deleted.map((r) => (
              <li key={r.id} className="card tombstone">
                <p className="card-meta">Deleted {formatInstant(r.at)}</p>
                <p className="card-text">
                  {r.state === 'deleted' ? `Reason: ${r.reason}` : 'Could not be read.'}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
