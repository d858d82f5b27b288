import { type FormEvent, useState } from 'react';
import { Alert, Checkbox, TextArea } from '../components/Fields';
import { vault } from '../data/vault';
import type { ExhibitInfo } from '../worker/protocol';

/**
 * Removing a deleted item's original file for good: a second, explicit step. The audit log
 * keeps its SHA-256, that it was removed, when and why.
 */
export function PurgeForm(props: { exhibit: ExhibitInfo; onPurged(): void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [sure, setSure] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [tried, setTried] = useState(false);
  const [working, setWorking] = useState(false);
  // Both answers are checked at once, each said beside its own field and in the summary.
  const reasonError =
    tried && !reason.trim() ? 'Say why you are removing the original file.' : undefined;
  const sureError =
    tried && !sure ? 'Tick the box to confirm that the file cannot be brought back.' : undefined;
  const problems = [reasonError, sureError, error].filter((p) => p !== undefined);
  const name = props.exhibit.ref ?? props.exhibit.originalName;

  if (!open) {
    return (
      <>
        <p>The original file is still kept, in case you need it.</p>
        <button type="button" className="button secondary" onClick={() => setOpen(true)}>
          Remove the original file for good
        </button>
      </>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (working) return;
    setTried(true);
    setError(undefined);
    if (!reason.trim() || !sure) return;
    setWorking(true);
    try {
      await vault.call('purgeFile', props.exhibit.blobId, reason.trim());
      props.onPurged();
    } catch {
      setError('The file was not removed. Please try again.');
      setWorking(false);
    }
  };
  return (
    <form className="card nested" autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
      <h3>Remove the original file of {name} for good?</h3>
      <p>
        This cannot be undone. The file will no longer be on this device or in new backups, so it
        cannot be given to the police later. The audit log keeps its SHA-256, and a note that it was
        removed, when and why.
      </p>
      {problems.length > 0 ? <Alert>{problems.join(' ')}</Alert> : null}
      <TextArea
        label="Reason for removing the file"
        value={reason}
        onChange={setReason}
        rows={2}
        error={reasonError}
      />
      <Checkbox
        label="I understand the original file cannot be brought back"
        checked={sure}
        onChange={setSure}
        error={sureError}
      />
      <div className="button-row">
        <button type="submit" className="button danger" disabled={working}>
          Remove the file for good
        </button>
        <button type="button" className="button quiet" onClick={() => setOpen(false)}>
          Keep the file
        </button>
      </div>
    </form>
  );
}
