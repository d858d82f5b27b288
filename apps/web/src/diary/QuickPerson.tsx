import { newId, PERSON_ROLES, type Person, PersonIdSchema, RELATIONSHIPS } from '@casebook/core';
import { useState } from 'react';
import { Select, TextField } from '../components/Fields';
import { optional } from './format';
import { browserRandom } from './ports';
import { useDiary } from './use-diary-data';

/** Adds a person on the spot from inside the incident form (not a nested form). */
export function QuickPerson(props: { onAdded(id: string): void }) {
  const diary = useDiary();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>('offender');
  const [relationship, setRelationship] = useState<string>('unknown');
  const [error, setError] = useState<string | undefined>();

  const add = async () => {
    const person: Person = {
      schema: 1,
      id: newId(PersonIdSchema, browserRandom),
      role: role as Person['role'],
      relationship: relationship as Person['relationship'],
      names: optional(name) ? [name.trim()] : [],
      phones: [],
      emails: [],
      handles: [],
      vehicles: [],
    };
    try {
      await diary.save('person', person.id, person);
      props.onAdded(person.id);
      setName('');
      setOpen(false);
      setError(undefined);
    } catch {
      setError('This person could not be added. Please try again.');
    }
  };

  if (!open) {
    return (
      <button type="button" className="button secondary" onClick={() => setOpen(true)}>
        Add someone new
      </button>
    );
  }
  return (
    <div className="card">
      {error ? <p className="error-text">{error}</p> : null}
      <TextField
        label="New person's name"
        hint="Leave empty if you do not know who it is."
        value={name}
        onChange={setName}
      />
      <div className="inline-fields">
        <Select label="Who they are" value={role} onChange={setRole} options={PERSON_ROLES} />
        <Select
          label="How you know them"
          value={relationship}
          onChange={setRelationship}
          options={RELATIONSHIPS}
        />
      </div>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void add()}>
          Add this person
        </button>
        <button type="button" className="button quiet" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
