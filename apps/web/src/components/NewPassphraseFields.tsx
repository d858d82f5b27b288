import { useEffect, useState } from 'react';
import {
  assessPassphrase,
  preloadEstimator,
  type Strength,
  suggestPassphrase,
} from '../lib/passphrase';
import { TextField } from './Fields';

export interface NewPassphraseValue {
  passphrase: string;
  confirm: string;
}

/** Whether the two fields hold an acceptable new passphrase; the reason when not. */
export async function checkNewPassphrase(value: NewPassphraseValue): Promise<Strength> {
  const strength = await assessPassphrase(value.passphrase);
  if (!strength.ok) return strength;
  if (value.passphrase !== value.confirm) {
    return { ok: false, message: 'The two passphrases are different. Type the same one in both.' };
  }
  return strength;
}

/**
 * "Passphrase" and "Confirm passphrase" with a live strength check and a suggestion. Where a
 * current passphrase is asked for too, `labels` makes them "New passphrase" and so on.
 */
export function NewPassphraseFields(props: {
  value: NewPassphraseValue;
  onChange(value: NewPassphraseValue): void;
  error?: string | undefined;
  confirmError?: string | undefined;
  labels?: { passphrase: string; confirm: string } | undefined;
}) {
  const { value, onChange } = props;
  const [strength, setStrength] = useState<Strength | undefined>();
  const [shown, setShown] = useState(false);
  const [suggested, setSuggested] = useState<string | undefined>();

  useEffect(preloadEstimator, []);
  useEffect(() => {
    if (!value.passphrase) {
      setStrength(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void assessPassphrase(value.passphrase).then((s) => {
        if (live) setStrength(s);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [value.passphrase]);

  const suggest = async () => {
    const words = await suggestPassphrase();
    setSuggested(words);
    setShown(true);
    onChange({ passphrase: words, confirm: words });
  };

  return (
    <>
      <TextField
        label={props.labels?.passphrase ?? 'Passphrase'}
        type={shown ? 'text' : 'password'}
        autoComplete="off"
        spellCheck={false}
        hint="Several words you can remember are best. Nobody, including us, can recover it for you."
        value={value.passphrase}
        onChange={(passphrase) => onChange({ ...value, passphrase })}
        error={props.error}
      />
      <p aria-live="polite" className={`strength ${strength ? (strength.ok ? 'ok' : 'weak') : ''}`}>
        {strength?.message ?? ''}
      </p>
      <TextField
        label={props.labels?.confirm ?? 'Confirm passphrase'}
        type={shown ? 'text' : 'password'}
        autoComplete="off"
        spellCheck={false}
        value={value.confirm}
        onChange={(confirm) => onChange({ ...value, confirm })}
        error={props.confirmError}
      />
      <div className="button-row">
        <button type="button" className="button secondary" onClick={() => void suggest()}>
          Suggest a passphrase
        </button>
        <label className="check">
          <input
            type="checkbox"
            autoComplete="off"
            checked={shown}
            onChange={(e) => setShown(e.target.checked)}
          />
          <span>Show what I type</span>
        </label>
      </div>
      {suggested ? (
        <p className="notice">
          Suggested: <strong>{suggested}</strong>. Write it down somewhere safe until you know it by
          heart.
        </p>
      ) : null}
    </>
  );
}
