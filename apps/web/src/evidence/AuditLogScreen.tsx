import { useEffect, useMemo, useState } from 'react';
import { PageHeading } from '../components/PageHeading';
import { vault } from '../data/vault';
import { formatInstant, formatZoned } from '../diary/format';
import { personName } from '../diary/labels';
import { useDiary } from '../diary/use-diary-data';
import { whenText } from '../sync/sync-words';
import type {
  AuditEntryView,
  CheckpointView,
  ExhibitInfo,
  SyncStatusView,
  VerifyReport,
} from '../worker/protocol';
import { describeEntry, describeProblem, indexExhibits } from './audit-words';

type Check =
  | { phase: 'idle' }
  | { phase: 'running' }
  | { phase: 'done'; report: VerifyReport }
  | { phase: 'failed' };

/**
 * The audit log in plain words, newest first, and Verify casebook: the chain, its signatures,
 * every record and every file, each problem named by its exhibit where there is one.
 */
export function AuditLogScreen() {
  const diary = useDiary();
  const [entries, setEntries] = useState<AuditEntryView[] | undefined>();
  const [exhibits, setExhibits] = useState<ExhibitInfo[]>([]);
  const [failed, setFailed] = useState(false);
  const [check, setCheck] = useState<Check>({ phase: 'idle' });
  const [checkpoint, setCheckpoint] = useState<CheckpointView | undefined>();

  useEffect(() => {
    let live = true;
    Promise.all([vault.call('auditLog'), vault.call('exhibits'), vault.call('checkpoint')])
      .then(([log, ex, cp]) => {
        if (!live) return;
        setEntries(log);
        setExhibits(ex);
        setCheckpoint(cp);
      })
      .catch(() => {
        if (live) setFailed(true);
      });
    return () => {
      live = false;
    };
  }, []);

  const index = useMemo(() => indexExhibits(exhibits), [exhibits]);
  const label = (kind: string, id: string): string | undefined => {
    if (kind === 'incident') {
      const r = diary.lists.incident.find((x) => x.id === id);
      return r?.state === 'live' ? `of ${formatZoned(r.body.when.start)}` : undefined;
    }
    if (kind === 'person') {
      const p = diary.peopleById.get(id);
      return p ? `“${personName(p)}”` : undefined;
    }
    return undefined;
  };

  const verify = async () => {
    setCheck({ phase: 'running' });
    try {
      const [report, ex] = await Promise.all([vault.call('verify'), vault.call('exhibits')]);
      setExhibits(ex);
      setCheck({ phase: 'done', report });
    } catch {
      setCheck({ phase: 'failed' });
    }
  };

  return (
    <>
      <PageHeading>Audit log</PageHeading>
      <p>
        Every change to your casebook is written here in order, sealed and signed, so anyone can
        check later that nothing was altered or removed unseen.
      </p>
      <CheckpointBox checkpoint={checkpoint} />
      <ServerHistory />
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => void verify()}
          disabled={check.phase === 'running'}
        >
          Verify casebook
        </button>
      </div>
      <div role="status" aria-live="polite">
        {check.phase === 'running' ? (
          <p className="working">Checking the log, every record and every file…</p>
        ) : null}
        {check.phase === 'done' && check.report.ok ? (
          <p className="success">
            No problems found. The audit log, its signatures, every record and every file are
            exactly as they were logged.
          </p>
        ) : null}
        {check.phase === 'done' ? <ReachedLines report={check.report} /> : null}
      </div>
      {check.phase === 'done' && !check.report.ok ? (
        <div className="alert" role="alert">
          <p>
            {check.report.problems.length === 1
              ? 'One problem was found.'
              : `${check.report.problems.length} problems were found.`}{' '}
            Keep your backups, and do not delete anything yet.
          </p>
          <ul className="problems">
            {check.report.problems.map((p) => (
              <li key={`${p.where}-${p.message}`}>{describeProblem(p, index)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {check.phase === 'failed' ? (
        <div className="alert" role="alert">
          The check could not run. Lock and unlock, then try again.
        </div>
      ) : null}
      <h2>Everything that happened</h2>
      {failed ? (
        <div className="alert" role="alert">
          The audit log could not be read. Use Verify casebook to find out why.
        </div>
      ) : null}
      {entries === undefined && !failed ? <p role="status">Reading the audit log…</p> : null}
      <ol className="audit-list" reversed aria-label="Audit log entries">
        {(entries ?? [])
          .slice()
          .reverse()
          .map((e) => (
            <li key={e.seq} className="audit-entry">
              <time dateTime={e.time}>{formatInstant(e.time)}</time> —{' '}
              <span className="audit-words">{describeEntry(e, index, label)}</span>
            </li>
          ))}
      </ol>
    </>
  );
}

/** Where the signed history ends now: the fingerprint a later copy can be checked against. */
function CheckpointBox(props: { checkpoint: CheckpointView | undefined }) {
  const { checkpoint } = props;
  if (!checkpoint) return null;
  return (
    <section className="card checkpoint" aria-labelledby="checkpoint-heading">
      <h2 id="checkpoint-heading">Where your history ends now</h2>
      <p>
        Fingerprint <strong className="fingerprint">{checkpoint.fingerprint}</strong>, at entry{' '}
        {checkpoint.seq}, <time dateTime={checkpoint.time}>{formatInstant(checkpoint.time)}</time>.
      </p>
      <p className="hint">
        Note this, or keep a printed report: a later copy of your casebook can be checked against
        it, so nobody can quietly remove entries.
      </p>
    </section>
  );
}

/** The checkpoint Verify casebook reached, and any notes that are not problems. */
function ReachedLines(props: { report: VerifyReport }) {
  const { checkpoint, notes } = props.report;
  return (
    <>
      {checkpoint ? (
        <p>
          The check reached the signed checkpoint of{' '}
          <time dateTime={checkpoint.time}>{formatInstant(checkpoint.time)}</time> (entry{' '}
          {checkpoint.seq}), fingerprint{' '}
          <span className="fingerprint">{checkpoint.fingerprint}</span>.
        </p>
      ) : null}
      {(notes ?? []).map((note) => (
        <p key={note} className="notice">
          {note}
        </p>
      ))}
    </>
  );
}

/**
 * What the sync server confirmed of this device's history (its countersigned time of this
 * device's head), or that it has seen more of it than this device holds. Nothing when sync is off.
 */
function ServerHistory() {
  const [status, setStatus] = useState<SyncStatusView | undefined>();
  useEffect(() => {
    let live = true;
    vault
      .call('syncStatus')
      .then((s) => {
        if (live) setStatus(s);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!status?.on) return null;
  if (status.serverAhead) {
    return (
      <div className="alert" role="alert">
        <p>
          The server has seen more of this casebook’s history than this device holds. This device
          may hold an older copy, or entries may have been removed from it. Keep it as it is, use
          your newest copy, and ask for help before changing anything.
        </p>
      </div>
    );
  }
  return (
    <p className="hint">
      {status.confirmed
        ? `History confirmed by the server up to ${whenText(status.confirmed.serverTime)} (entry ${status.confirmed.seq} of this device).`
        : 'The sync server has not confirmed this history yet. It does at the next sync.'}
    </p>
  );
}
