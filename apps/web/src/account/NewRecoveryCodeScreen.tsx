import { type FormEvent, useRef, useState } from 'react';
import { TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { vault } from '../data/vault';
import { useFirstFieldFocus } from './use-first-field-focus';

/**
 * Settings → Make a new recovery code, behind the passphrase. The new code is handed up at
 * once to be shown (once) on the recovery code screen; the old code stops working.
 */
export function NewRecoveryCodeScreen(props: { onCode(code: string): void; onCancel(): void }) {
  const form = useRef<HTMLFormElement>(null);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [working, setWorking] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFirstFieldFocus(form, String(attempt));

  const refuse = (message: string) => {
    setError(message);
    setAttempt((a) => a + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (working) return;
    if (!passphrase) {
      refuse('Type your current passphrase.');
      return;
    }
    setWorking(true);
    setError(undefined);
    try {
      const result = await vault.call('newRecoveryCode', passphrase);
      if (result.ok) {
        setPassphrase('');
        props.onCode(result.code);
        return;
      }
      refuse(result.message);
    } catch {
      refuse('A new recovery code could not be made just now. Your old one still works.');
    }
    setWorking(false);
  };

  return (
    <>
      <PageHeading>Make a new recovery code</PageHeading>
      <p>
        Make a new code if you have lost your recovery code, or think someone else may have seen it.
        Your old code will stop working at once, and the new one is shown only once: have paper and
        a pen ready.
      </p>
      <form ref={form} autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          label="Current passphrase"
          type="password"
          autoComplete="off"
          spellCheck={false}
          hint="So nobody else holding this phone can do this."
          value={passphrase}
          onChange={setPassphrase}
          error={error}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={working}>
            Make a new recovery code
          </button>
          {working ? (
            <span className="working" role="status">
              Checking…
            </span>
          ) : null}
          <button type="button" className="button quiet" onClick={props.onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
