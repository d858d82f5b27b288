import { useEffect, useRef, useState } from 'react';
import { PageHeading } from '../components/PageHeading';
import { vault } from '../data/vault';
import { formatBytes } from '../evidence/format-bytes';
import { identityFor } from '../lib/disguise';
import { loadPrefs } from '../lib/prefs';
import type { VerifyReport } from '../worker/protocol';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Download the encrypted .casebook backup; check the casebook's integrity. */
export function BackupScreen() {
  const [status, setStatus] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [working, setWorking] = useState(false);
  /** Percent of the file chunks copied so far, while a backup is being prepared. */
  const [percent, setPercent] = useState<number | undefined>();
  const request = useRef<number | undefined>(undefined);
  const [report, setReport] = useState<VerifyReport | undefined>();
  const urlRef = useRef<string | undefined>(undefined);
  const mounted = useRef(false);
  const [persisted, setPersisted] = useState<boolean | undefined>();

  useEffect(() => {
    navigator.storage
      ?.persisted?.()
      .then(setPersisted)
      .catch(() => setPersisted(undefined));
  }, []);

  // The blob: URL points at ciphertext only, but revoke it when leaving all the same; and
  // stop a backup still being prepared, which nobody would then download.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (request.current !== undefined) void vault.cancel(request.current).catch(() => undefined);
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    };
  }, []);

  const download = async () => {
    if (working) return;
    setWorking(true);
    setError(undefined);
    setStatus('Preparing your backup…');
    setPercent(0);
    try {
      const call = vault.start('exportBackup', (p) =>
        setPercent(p.total ? Math.floor((p.done / p.total) * 100) : 0),
      );
      request.current = call.id;
      const blob = await call.result;
      request.current = undefined;
      // Finished just as the person left the screen: no download they did not stay for, and
      // no URL left that nothing would revoke.
      if (!mounted.current) return;
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
      const url = URL.createObjectURL(blob);
      urlRef.current = url;
      const a = document.createElement('a');
      a.href = url;
      // Named after the identity in use: a disguised casebook's backup says nothing either.
      a.download = identityFor(loadPrefs()).backupName(today());
      a.rel = 'noopener';
      document.body.append(a);
      a.click();
      a.remove();
      setStatus(
        `Backup ready (${formatBytes(blob.size)}). Keep the file somewhere safe, away from anyone who might look for it.`,
      );
    } catch {
      request.current = undefined;
      setStatus(undefined);
      setError('The backup could not be made. Please try again.');
    }
    setPercent(undefined);
    setWorking(false);
  };

  const check = async () => {
    setReport(undefined);
    try {
      setReport(await vault.call('verify'));
    } catch {
      setError('The check could not run. Please try again.');
    }
  };

  return (
    <>
      <PageHeading>Backup</PageHeading>
      <p>
        A backup is one file holding your whole casebook, still locked with your passphrase. Nobody
        can read it without your passphrase. Use it to move to a new device, or to keep your records
        safe if this one is lost.
      </p>
      {persisted === false ? (
        <p className="notice">
          This browser has not promised to keep your casebook if the device runs low on space, so a
          recent backup matters all the more.
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className="button" onClick={() => void download()} disabled={working}>
          Download backup
        </button>
      </div>
      {percent !== undefined ? (
        <div className="field">
          <label htmlFor="backup-progress">Preparing your backup</label>
          <progress id="backup-progress" max={100} value={percent} />
        </div>
      ) : null}
      <div aria-live="polite">{status ? <p className="success">{status}</p> : null}</div>
      {error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
      <h2>Restoring a backup</h2>
      <p>
        To restore, open Casebook in a browser that has no casebook yet and choose "Restore from a
        backup" on the first screen. You will need this backup's passphrase.
      </p>
      <h2>Check your casebook</h2>
      <p>Checks that every record and the log of changes are whole and unaltered.</p>
      <div className="button-row">
        <button type="button" className="button secondary" onClick={() => void check()}>
          Check now
        </button>
      </div>
      <div aria-live="polite">
        {report?.ok ? (
          <p className="success">Everything checked: nothing is missing or altered.</p>
        ) : null}
        {report && !report.ok ? (
          <div className="alert">
            <p>Some problems were found:</p>
            <ul>
              {report.problems.map((p) => (
                <li key={`${p.where}:${p.message}`}>
                  {p.where}: {p.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </>
  );
}
