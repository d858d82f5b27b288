import { type FormEvent, useRef, useState } from 'react';
import { TextField } from '../components/Fields';
import { NewPassphraseFields, type NewPassphraseValue } from '../components/NewPassphraseFields';
import { PageHeading } from '../components/PageHeading';
import { vault } from '../data/vault';
import { assessPassphrase } from '../lib/passphrase';
import type { AccountProof } from '../worker/protocol';
import { useFirstFieldFocus } from './use-first-field-focus';

type Errors = { proof?: string; next?: string; confirm?: string; general?: string };

const NEW_LABELS = { passphrase: 'New passphrase', confirm: 'Confirm new passphrase' };

/**
 * Settings → Change passphrase. Asks for the current passphrase (or the recovery code, for a
 * forgotten one) as well as the new one: someone who picks up the unlocked phone must not be
 * able to lock the owner out. The vault checks both and says why it refused.
 */
export function ChangePassphraseScreen(props: { onDone(): void }) {
  const form = useRef<HTMLFormElement>(null);
  const [useCode, setUseCode] = useState(false);
  const [proof, setProof] = useState('');
  const [value, setValue] = useState<NewPassphraseValue>({ passphrase: '', confirm: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [working, setWorking] = useState(false);
  const [done, setDone] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFirstFieldFocus(form, `${useCode}-${attempt}`);

  const refuse = (next: Errors) => {
    setErrors(next);
    setAttempt((a) => a + 1);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (working) return;
    const found: Errors = {};
    if (!proof.trim()) {
      found.proof = useCode
        ? 'Type your recovery code, as you wrote it down.'
        : 'Type your current passphrase.';
    }
    const strength = await assessPassphrase(value.passphrase);
    if (!strength.ok) found.next = strength.message;
    else if (value.passphrase !== value.confirm) {
      found.confirm = 'The two new passphrases are different. Type the same one in both.';
    }
    if (Object.keys(found).length > 0) {
      refuse(found);
      return;
    }
    setWorking(true);
    setErrors({});
    const given: AccountProof = useCode ? { recoveryCode: proof } : { passphrase: proof };
    try {
      const result = await vault.call('changePassphrase', value.passphrase, given);
      if (result.ok) {
        setProof('');
        setValue({ passphrase: '', confirm: '' });
        setDone(true);
        return;
      }
      refuse(result.reason === 'weak' ? { next: result.message } : { proof: result.message });
    } catch {
      refuse({
        general:
          'The new passphrase could not be saved. Your current one still works. Please try again.',
      });
    }
    setWorking(false);
  };

  if (done) {
    return (
      <>
        {/* A heading of its own, so focus moves to it as the form goes. */}
        <PageHeading key="done">Change your passphrase</PageHeading>
        <div className="success" role="status">
          <p>
            <strong>Your passphrase has been changed.</strong> Use the new one from now on; the old
            one no longer opens your casebook. Your recovery code keeps working.
          </p>
          <p>The change is recorded in the audit log.</p>
        </div>
        <button type="button" className="button" onClick={props.onDone}>
          Back to Settings
        </button>
      </>
    );
  }

  return (
    <>
      <PageHeading>Change your passphrase</PageHeading>
      <p>
        First type the passphrase you use now, so nobody else holding this phone can change it. Then
        choose the new one.
      </p>
      <form ref={form} autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
        {errors.general ? (
          <div className="alert" role="alert">
            {errors.general}
          </div>
        ) : null}
        {useCode ? (
          <TextField
            key="code"
            label="Recovery code"
            autoComplete="off"
            spellCheck={false}
            hint="The code you wrote down when you made your casebook (or your newest one)."
            value={proof}
            onChange={setProof}
            error={errors.proof}
          />
        ) : (
          <TextField
            key="current"
            label="Current passphrase"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={proof}
            onChange={setProof}
            error={errors.proof}
          />
        )}
        <p>
          <button
            type="button"
            className="button quiet"
            onClick={() => {
              setUseCode((c) => !c);
              setProof('');
              setErrors({});
            }}
          >
            {useCode
              ? 'Use my current passphrase instead'
              : 'I have forgotten it: use my recovery code'}
          </button>
        </p>
        <NewPassphraseFields
          value={value}
          onChange={setValue}
          error={errors.next}
          confirmError={errors.confirm}
          labels={NEW_LABELS}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={working}>
            Save new passphrase
          </button>
          {working ? (
            <span className="working" role="status">
              Saving…
            </span>
          ) : null}
          <button type="button" className="button quiet" onClick={props.onDone}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
