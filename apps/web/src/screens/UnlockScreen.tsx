import { type FormEvent, useState } from 'react';
import { Alert, TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { vault } from '../data/vault';
import { loadSeenToken } from '../lib/seen-token';
import type { UnlockNoticesView } from '../worker/protocol';

/** Unlock with the passphrase; a link to the recovery code for a forgotten one. */
export function UnlockScreen(props: {
  name: string;
  onUnlocked(notices: UnlockNoticesView): void;
  onUseRecoveryCode(): void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [working, setWorking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (working) return;
    if (!passphrase) {
      setError('Enter your passphrase.');
      return;
    }
    setWorking(true);
    setError(undefined);
    try {
      const result = await vault.call('unlock', passphrase, loadSeenToken());
      if (result.ok) {
        setPassphrase('');
        props.onUnlocked(result.notices);
        return;
      }
      setError(
        result.reason === 'wrong-passphrase'
          ? 'That passphrase is not right. Check it and try again.'
          : result.message,
      );
    } catch {
      setError('Your passphrase could not be checked just now. Please try again.');
    }
    setWorking(false);
  };

  return (
    <>
      <PageHeading>{props.name} is locked</PageHeading>
      <form autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
        {error ? <Alert>{error}</Alert> : null}
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
            Unlock
          </button>
          {working ? (
            <span className="working" role="status">
              Checking…
            </span>
          ) : null}
        </div>
      </form>
      <p>
        <button type="button" className="button quiet" onClick={props.onUseRecoveryCode}>
          Forgotten it? Use your recovery code
        </button>
      </p>
    </>
  );
}
