import { type FormEvent, useState } from 'react';
import { Alert, TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { vault } from '../data/vault';
import { readServerAddress } from './server-address';

type Errors = { server?: string; code?: string; passphrase?: string; general?: string };

/**
 * First run on a new device: open a casebook kept on another device, with the server's
 * address, a linking code the other device shows, and the casebook's passphrase. This
 * browser becomes a device of that casebook and takes in everything from the server.
 */
export function LinkDeviceScreen(props: { onOpened(): void; onBack(): void }) {
  const [server, setServer] = useState('');
  const [code, setCode] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [working, setWorking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (working) return;
    const found: Errors = {};
    const address = readServerAddress(server);
    if (!address.ok) found.server = address.message;
    // Seven groups of four; sixteen characters is an older device's code, still read.
    if (![28, 16].includes(code.replace(/[\s-]/g, '').length)) {
      found.code =
        'Type the linking code your other device shows: seven groups of four letters and numbers.';
    }
    if (!passphrase) found.passphrase = 'Type the passphrase of the casebook on your other device.';
    if (!address.ok || Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setErrors({});
    setWorking(true);
    try {
      const result = await vault.call('openFromOtherDevice', address.origin, code, passphrase);
      if (result.ok) {
        props.onOpened();
        return;
      }
      setErrors(
        result.reason === 'wrong-passphrase'
          ? { passphrase: result.message }
          : { general: result.message },
      );
    } catch {
      setErrors({
        general: 'The casebook could not be opened here just now. Nothing was changed. Try again.',
      });
    }
    setWorking(false);
  };

  return (
    <>
      <PageHeading>Open a casebook from another device</PageHeading>
      <p>
        On your other device, go to Settings, Sync and choose “Link another device”. It shows a
        linking code that works for 10 minutes. Type it here with the server’s address and your
        passphrase.
      </p>
      <form autoComplete="off" noValidate onSubmit={(e) => void submit(e)}>
        {errors.general ? <Alert>{errors.general}</Alert> : null}
        <TextField
          label="Server address"
          hint="The same address your other device syncs with."
          value={server}
          onChange={setServer}
          spellCheck={false}
          error={errors.server}
        />
        <TextField
          label="Linking code"
          hint="Seven groups of four letters and numbers. Small or capital letters, spaces and hyphens all work."
          value={code}
          onChange={setCode}
          spellCheck={false}
          error={errors.code}
        />
        <TextField
          label="Passphrase"
          type="password"
          value={passphrase}
          onChange={setPassphrase}
          error={errors.passphrase}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={working}>
            Open casebook
          </button>
          <button type="button" className="button secondary" onClick={props.onBack}>
            Back
          </button>
          {working ? (
            <span className="working" role="status">
              Opening your casebook and fetching what it holds. This takes a little while…
            </span>
          ) : null}
        </div>
      </form>
    </>
  );
}
