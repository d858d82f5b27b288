import { type FormEvent, useState } from 'react';
import { Alert } from '../components/Fields';
import {
  checkNewPassphrase,
  NewPassphraseFields,
  type NewPassphraseValue,
} from '../components/NewPassphraseFields';
import { PageHeading } from '../components/PageHeading';
import { vault } from '../data/vault';

/** First run: make a casebook with a passphrase; the recovery code comes next. */
export function FirstRun(props: {
  onCreated(recoveryCode: string): void;
  onRestore(): void;
  onLink(): void;
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
    setError(undefined);
    setWorking(true);
    try {
      const { recoveryCode } = await vault.call('create', value.passphrase);
      props.onCreated(recoveryCode);
    } catch {
      setError('The casebook could not be created. Please try again.');
      setWorking(false);
    }
  };

  return (
    <>
      <PageHeading>Start your casebook</PageHeading>
      <p>
        Casebook is a private diary for recording what is happening to you. Everything you write is
        locked with your passphrase and stays on this device. Nothing is sent anywhere.
      </p>
      <form autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
        {error ? <Alert>{error}</Alert> : null}
        <NewPassphraseFields value={value} onChange={setValue} />
        <div className="button-row">
          <button type="submit" className="button" disabled={working}>
            Create casebook
          </button>
          {working ? (
            <span className="working" role="status">
              Setting up your casebook. This takes a few seconds…
            </span>
          ) : null}
        </div>
      </form>
      <h2>Moving from another device?</h2>
      <p>If you have a backup file from Casebook, you can restore it here instead.</p>
      <div className="button-row">
        <button type="button" className="button secondary" onClick={props.onRestore}>
          Restore from a backup
        </button>
      </div>
      <p>If your casebook syncs with a server, you can open it here with a linking code.</p>
      <div className="button-row">
        <button type="button" className="button secondary" onClick={props.onLink}>
          Open a casebook from another device
        </button>
      </div>
    </>
  );
}
