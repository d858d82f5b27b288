import { type FormEvent, useState } from 'react';
import { Alert, TextArea } from '../components/Fields';

/**
 * Deleting asks why. The record is not erased: a tombstone with the reason is saved, and every
 * earlier version stays in its history (the audit log needs it).
 */
export function DeleteForm(props: {
  what: string;
  onDelete(reason: string): Promise<void>;
  onCancel(): void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [working, setWorking] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (working) return;
    if (!reason.trim()) {
      setError(`Say why you are deleting this ${props.what}.`);
      return;
    }
    setWorking(true);
    try {
      await props.onDelete(reason.trim());
    } catch {
      setError(`The ${props.what} was not deleted. Please try again.`);
      setWorking(false);
    }
  };
  return (
    <form className="card" autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
      <h2>Delete this {props.what}?</h2>
      <p>
        It will leave your list, but a note that it was deleted, when and why, stays in your
        casebook. Earlier versions are kept in its history.
      </p>
      {error ? <Alert>{error}</Alert> : null}
      <TextArea label="Reason for deleting" value={reason} onChange={setReason} rows={2} />
      <div className="button-row">
        <button type="submit" className="button danger" disabled={working}>
          Delete {props.what}
        </button>
        <button type="button" className="button quiet" onClick={props.onCancel}>
          Keep it
        </button>
      </div>
    </form>
  );
}
