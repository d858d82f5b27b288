import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Alert, TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { vault } from '../data/vault';
import type { DeviceView, SyncStatusView } from '../worker/protocol';
import { ConflictNotice } from './ConflictNotice';
import { readServerAddress } from './server-address';
import { codeLastsText, exchangeText, whenText } from './sync-words';

/**
 * Settings → Sync: turn sync on with a server, see how the last sync went, sync now, link
 * another device with a code, and see, remove or unlink devices. The server holds only
 * ciphertext (apps/server/PROTOCOL.md); removing another device needs the passphrase.
 */
/** The code with a line break allowed after each hyphen (one before a digit would not break). */
function withBreaks(code: string) {
  return code.split('-').flatMap((group, i) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: the groups of one code never move
    i === 0 ? [group] : ['-', <wbr key={i} />, group],
  );
}

export function SyncScreen() {
  const [status, setStatus] = useState<SyncStatusView | undefined>();
  const [server, setServer] = useState('');
  const [invite, setInvite] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [note, setNote] = useState<string | undefined>();
  const [working, setWorking] = useState<string | undefined>();
  const [code, setCode] = useState<{ code: string; expiresAt: string } | undefined>();
  const [devices, setDevices] = useState<DeviceView[] | undefined>();
  const [removing, setRemoving] = useState<string | undefined>();
  const [passphrase, setPassphrase] = useState('');
  const [removeError, setRemoveError] = useState<string | undefined>();

  const refresh = useCallback(async () => {
    const next = await vault.call('syncStatus');
    setStatus(next);
    if (next.on) {
      const listed = await vault.call('syncDevices');
      setDevices(listed.ok ? listed.devices : undefined);
    } else {
      setDevices(undefined);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const turnOn = async (event: FormEvent) => {
    event.preventDefault();
    if (working) return;
    const address = readServerAddress(server);
    if (!address.ok) {
      setError(address.message);
      return;
    }
    setError(undefined);
    setWorking('Turning on sync…');
    try {
      const result = await vault.call('turnOnSync', address.origin, invite.trim() || undefined);
      if (!result.ok) setError(result.message);
      else setNote(exchangeText(result.sent, result.received));
    } catch {
      setError('Sync could not be turned on just now. Your casebook is safe here. Try again.');
    }
    setWorking(undefined);
    await refresh();
  };

  const syncNow = async () => {
    if (working) return;
    setWorking('Syncing…');
    setNote(undefined);
    try {
      const result = await vault.call('syncNow');
      // A failure is shown by the status below while sync is on; one that turned sync off
      // (this device was removed) is said here, or the screen would change without a word.
      setNote(
        result.ok
          ? [exchangeText(result.sent, result.received), ...result.notices].join(' ')
          : result.reason === 'removed'
            ? result.message
            : undefined,
      );
    } catch {
      setNote(undefined);
    }
    setWorking(undefined);
    await refresh();
  };

  const linkAnother = async () => {
    if (working) return;
    setWorking('Making a linking code…');
    try {
      const made = await vault.call('linkCode');
      if (made.ok) {
        setCode({ code: made.code, expiresAt: made.expiresAt });
        setError(undefined);
      } else setError(made.message);
    } catch {
      setError('A linking code could not be made just now. Try again.');
    }
    setWorking(undefined);
  };

  const remove = async (event: FormEvent, device: DeviceView) => {
    event.preventDefault();
    if (working) return;
    if (!passphrase) {
      setRemoveError('Type your passphrase to remove this device.');
      return;
    }
    setWorking('Removing the device…');
    try {
      const result = await vault.call('removeDevice', device.device, passphrase);
      if (result.ok) {
        setRemoving(undefined);
        setPassphrase('');
        setRemoveError(undefined);
        setNote('That device was removed. It can no longer sync with this casebook.');
      } else setRemoveError(result.message);
    } catch {
      setRemoveError('The device could not be removed just now. Try again.');
    }
    setWorking(undefined);
    await refresh();
  };

  const unlink = async () => {
    if (working) return;
    setWorking('Unlinking this device…');
    try {
      const result = await vault.call('unlinkThisDevice');
      setNote(
        result.ok
          ? 'This device no longer syncs. Everything you recorded is still here.'
          : result.message,
      );
    } catch {
      setNote('This device could not be unlinked just now. Try again.');
    }
    setCode(undefined);
    setWorking(undefined);
    await refresh();
  };

  if (!status) {
    return (
      <>
        <PageHeading>Sync</PageHeading>
        <p role="status">Opening…</p>
      </>
    );
  }

  if (!status.on) {
    return (
      <>
        <PageHeading>Sync</PageHeading>
        <p>
          Sync keeps this casebook the same on your other devices, through a server that an
          organisation you trust runs for you. Everything is locked before it leaves this device:
          the server cannot read what you write.
        </p>
        {note ? <p role="status">{note}</p> : null}
        <form autoComplete="off" noValidate onSubmit={(e) => void turnOn(e)}>
          {error ? <Alert>{error}</Alert> : null}
          <TextField
            label="Server address"
            hint="For example sync.example.org. Whoever runs the server can give it to you."
            value={server}
            onChange={setServer}
            inputMode="text"
            spellCheck={false}
          />
          <TextField
            label="Invite code"
            hint="Only if the server asked you for one."
            value={invite}
            onChange={setInvite}
            spellCheck={false}
          />
          <div className="button-row">
            <button type="submit" className="button" disabled={working !== undefined}>
              Turn on sync
            </button>
            {working ? (
              <span className="working" role="status">
                {working}
              </span>
            ) : null}
          </div>
        </form>
      </>
    );
  }

  const others = (devices ?? []).filter((d) => !d.thisDevice && d.removedAt === null);
  return (
    <>
      <PageHeading>Sync</PageHeading>
      <p>
        This casebook syncs with <strong className="break-anywhere">{status.server}</strong>.
      </p>
      <div role="status" className={status.last && !status.last.ok ? 'alert' : 'success'}>
        {status.running || working === 'Syncing…' ? (
          <p>Syncing…</p>
        ) : status.last?.ok ? (
          <p>Synced {whenText(status.last.at)}.</p>
        ) : status.last ? (
          <p>
            The last sync, {whenText(status.last.at)}, did not finish. {status.last.message}
          </p>
        ) : (
          <p>Not synced yet.</p>
        )}
        {note ? <p>{note}</p> : null}
      </div>
      {error ? <Alert>{error}</Alert> : null}
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => void syncNow()}
          disabled={working !== undefined}
        >
          Sync now
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => void linkAnother()}
          disabled={working !== undefined}
        >
          Link another device
        </button>
      </div>
      {working && working !== 'Syncing…' ? (
        <p className="working" role="status">
          {working}
        </p>
      ) : null}
      {code ? (
        <section aria-labelledby="link-code-heading" className="card">
          <h2 id="link-code-heading">Linking code</h2>
          <p>
            On your other device, open Casebook, choose “Open a casebook from another device”, and
            type this server’s address, this code and your passphrase.
          </p>
          <p className="link-code">{withBreaks(code.code)}</p>
          <p className="hint">{codeLastsText(code.expiresAt)} Only show it to yourself.</p>
        </section>
      ) : null}
      <ConflictNotice />
      <h2>Devices</h2>
      {devices === undefined ? (
        <p>The list of devices could not be read from the server just now.</p>
      ) : (
        <ul className="plain-list" aria-label="Devices of this casebook">
          {devices
            .filter((d) => d.removedAt === null)
            .map((d) => (
              <li key={d.device} className="card">
                <p>
                  {d.thisDevice ? 'This device' : 'Another device'}, linked {whenText(d.linkedAt)}
                </p>
                {d.thisDevice ? (
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => void unlink()}
                    disabled={working !== undefined}
                  >
                    Unlink this device
                  </button>
                ) : removing === d.device ? (
                  <form autoComplete="off" noValidate onSubmit={(e) => void remove(e, d)}>
                    {removeError ? <Alert>{removeError}</Alert> : null}
                    <TextField
                      label="Your passphrase"
                      hint="Removing another device needs your passphrase, so someone holding one of your devices cannot cut off the others."
                      type="password"
                      value={passphrase}
                      onChange={setPassphrase}
                    />
                    <div className="button-row">
                      <button type="submit" className="button" disabled={working !== undefined}>
                        Remove device
                      </button>
                      <button
                        type="button"
                        className="button secondary"
                        onClick={() => {
                          setRemoving(undefined);
                          setPassphrase('');
                          setRemoveError(undefined);
                        }}
                      >
                        Cancel
                      </button>
                    </div>
                  </form>
                ) : (
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => {
                      setRemoving(d.device);
                      setRemoveError(undefined);
                    }}
                    disabled={working !== undefined}
                  >
                    Remove
                  </button>
                )}
              </li>
            ))}
        </ul>
      )}
      {others.length === 0 && devices !== undefined ? (
        <p className="hint">No other device is linked yet.</p>
      ) : null}
    </>
  );
}
