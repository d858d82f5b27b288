import { type FormEvent, useState } from 'react';
import { Alert, TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { vault } from '../data/vault';
import { loadSeenToken } from '../lib/seen-token';
import type { UnlockNoticesView } from '../worker/protocol';

/** Opens the casebook with the recovery code; a new passphrase is asked for next. */
export function RecoveryUnlockScreen(props: {
  onUnlocked(notices: UnlockNoticesView): void;
  onBack(): void;
}) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [working, setWorking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (working) return;
    if (!code.trim()) {
      setError('Enter your recovery code.');
      return;
    }
    setWorking(true);
    setError(undefined);
    try {
      const result = await vault.call('unlockWithRecoveryCode', code, loadSeenToken());
      if (result.ok) {
        setCode('');
        props.onUnlocked(result.notices);
        return;
      }
      setError(
        result.reason === 'bad-recovery-code' || result.reason === 'wrong-passphrase'
          ? 'That recovery code is not right. Check each group of letters and try again.'
          : result.message,
      );
    } catch {
      setError('The recovery code could not be checked just now. Please try again.');
    }
    setWorking(false);
  };

  return (
    <>
      <PageHeading>Use your recovery code</PageHeading>
      <p>
        Type the recovery code you saved when you set up. Then you will choose a new passphrase.
      </p>
      <form autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
        {error ? <Alert>{error}</Alert> : null}
        <TextField
          label="Recovery code"
          autoComplete="off"
          spellCheck={false}
          value={code}
          onChange={setCode}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={working}>
            Open with recovery code
          </button>
          {working ? (
            <span className="working" role="status">
              Checking…
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
