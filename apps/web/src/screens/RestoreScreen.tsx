import { type FormEvent, useId, useState } from 'react';
import { Alert, TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { vault } from '../data/vault';

/** Enough to show what is wrong without a wall of text. */
const MAX_SHOWN = 5;

/**
 * Restores a .casebook backup into this (empty) browser. The worker verifies the whole file
 * with the passphrase before writing anything, so a bad, changed or damaged file or a wrong
 * passphrase changes nothing; problems found are listed.
 */
export function RestoreScreen(props: { onRestored(): void; onBack(): void }) {
  const fileId = useId();
  const [file, setFile] = useState<File | undefined>();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [working, setWorking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (working) return;
    if (!file) {
      setError('Choose the backup file to restore.');
      return;
    }
    if (!passphrase) {
      setError('Enter the passphrase of the casebook in this backup.');
      return;
    }
    setWorking(true);
    setError(undefined);
    setProblems([]);
    try {
      const result = await vault.call('restoreBackup', file, passphrase);
      if (result.ok) {
        setPassphrase('');
        props.onRestored();
        return;
      }
      if (result.reason === 'problems' && result.problems) {
        setError(
          'This backup has been changed or damaged since it was made, so it was not restored. Nothing in this browser was changed.',
        );
        setProblems(result.problems);
      } else {
        setError(result.message);
      }
    } catch {
      setError(
        'This file could not be restored. It may not be a Casebook backup, or it may be damaged. Nothing was changed.',
      );
    }
    setWorking(false);
  };

  return (
    <>
      <PageHeading>Restore from a backup</PageHeading>
      <p>
        Choose a backup file made by Casebook (it ends in <code>.casebook</code>) and enter the
        passphrase you used with it. Nothing is changed unless both are right.
      </p>
      <form autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
        {error ? (
          <Alert>
            <p>{error}</p>
            {problems.length > 0 ? (
              <>
                <p>What the check found:</p>
                <ul className="problems">
                  {problems.slice(0, MAX_SHOWN).map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
                {problems.length > MAX_SHOWN ? (
                  <p>and {problems.length - MAX_SHOWN} more.</p>
                ) : null}
                <p>
                  Try another copy of the backup if you have one. Keep this file as it is: do not
                  delete it, it may help show what happened.
                </p>
              </>
            ) : null}
          </Alert>
        ) : null}
        <div className="field">
          <label htmlFor={fileId}>Backup file</label>
          <input
            id={fileId}
            type="file"
            autoComplete="off"
            accept=".casebook,.bak,application/octet-stream"
            onChange={(e) => setFile(e.target.files?.[0])}
          />
        </div>
        <TextField
          label="Passphrase"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={passphrase}
          onChange={setPassphrase}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={working}>
            Restore backup
          </button>
          {working ? (
            <span className="working" role="status">
              Restoring. This can take a little while…
            </span>
          ) : null}
          <button type="button" className="button quiet" onClick={props.onBack}>
            Back
          </button>
        </div>
      </form>
    </>
  );
}
