import { type FormEvent, useState } from 'react';
import { Alert } from '../components/Fields';
import {
  checkNewPassphrase,
  NewPassphraseFields,
  type NewPassphraseValue,
} from '../components/NewPassphraseFields';
import { PageHeading } from '../components/PageHeading';
import { vault } from '../data/vault';

/** Sets a new passphrase after a recovery-code unlock (Settings has ChangePassphraseScreen). */
export function NewPassphraseScreen(props: {
  title: string;
  intro: string;
  onDone(): void;
  onCancel?: (() => void) | undefined;
}) {
  const [value, setValue] = useState<NewPassphraseValue>({ passphrase: '', confirm: '' });
  const [error, setError] = useState<string | undefined>();
  const [working, setWorking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (working) return;
    const check = await checkNewPassphrase(value);
    if (!check.ok) {
      setError(check.message);
      return;
    }
    setWorking(true);
    setError(undefined);
    try {
      // Right after a recovery-code unlock the vault allows one change without other proof.
      const result = await vault.call('changePassphrase', value.passphrase);
      if (result.ok) {
        props.onDone();
        return;
      }
      setError(result.message);
      setWorking(false);
    } catch {
      setError(
        'The new passphrase could not be saved. Your old one still works. Please try again.',
      );
      setWorking(false);
    }
  };

  return (
    <>
      <PageHeading>{props.title}</PageHeading>
      <p>{props.intro}</p>
      <form autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
        {error ? <Alert>{error}</Alert> : null}
        <NewPassphraseFields value={value} onChange={setValue} />
        <div className="button-row">
          <button type="submit" className="button" disabled={working}>
            Save new passphrase
          </button>
          {working ? (
            <span className="working" role="status">
              Saving…
            </span>
          ) : null}
          {props.onCancel ? (
            <button type="button" className="button quiet" onClick={props.onCancel}>
              Cancel
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}
