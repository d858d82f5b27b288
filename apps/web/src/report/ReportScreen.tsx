import { useCallback, useEffect, useRef, useState } from 'react';
import { Checkbox, Radios, TextArea, TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { vault } from '../data/vault';
import { formatBytes } from '../evidence/format-bytes';
import type { MadeFile, ReportChoices, ReportPreview } from '../worker/report-types';
import { countOf, describeField, percentOf, reportFileName, wordsOf } from './report-words';
import { openStreamedDownload, saveBlob } from './streamed-download';

const today = () => new Date().toISOString().slice(0, 10);
const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/London';

/**
 * The account for the police or a court: choose what goes in, see what it will hold, and
 * download the PDF report, the CSVs, the JSON or the evidence bundle. Everything is made on
 * this device and saved by the browser; nothing is sent anywhere.
 */
export function ReportScreen() {
  const [title, setTitle] = useState('Account of incidents');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [profile, setProfile] = useState<'police' | 'disclosure'>('police');
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const [words, setWords] = useState('');
  const [preview, setPreview] = useState<ReportPreview | undefined>();
  const [working, setWorking] = useState<string | undefined>();
  const [percent, setPercent] = useState<number | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const request = useRef<number | undefined>(undefined);

  const choices = useCallback(
    (): ReportChoices => ({
      title,
      ...(from && { from }),
      ...(to && { to }),
      profile,
      redact: [],
      show: profile === 'disclosure' ? [...shown] : [],
      words: profile === 'disclosure' ? wordsOf(words) : [],
      timeZone: zone(),
    }),
    [title, from, to, profile, shown, words],
  );

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      vault
        .call('reportPreview', choices())
        .then((p) => live && setPreview(p))
        .catch(
          () => live && setError('The preview could not be made. Check the dates, then try again.'),
        );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [choices]);

  useEffect(
    () => () => {
      if (request.current !== undefined) void vault.cancel(request.current).catch(() => undefined);
    },
    [],
  );

  const download = async (what: MadeFile, label: string) => {
    if (working) return;
    setWorking(label);
    setError(undefined);
    setStatus(`Making the ${label}…`);
    try {
      const blob = await vault.call('makeReportFile', what, choices());
      const kind =
        what === 'csv-chronology' ? 'chronology' : what === 'csv-exhibits' ? 'exhibits' : what;
      saveBlob(blob, reportFileName(kind, today()));
      setStatus(`The ${label} is ready (${formatBytes(blob.size)}) and noted in your audit log.`);
    } catch {
      setStatus(undefined);
      setError(`The ${label} could not be made. Your casebook is unchanged; please try again.`);
    }
    setWorking(undefined);
  };

  const downloadBundle = async () => {
    if (working) return;
    setWorking('bundle');
    setError(undefined);
    setStatus('Making the evidence bundle…');
    setPercent(0);
    const name = reportFileName('bundle', today());
    try {
      const port = await openStreamedDownload(name, 'application/zip');
      const onProgress = (p: { done: number; total: number }) =>
        setPercent(percentOf(p.done, p.total));
      const call = port
        ? vault.startWithTransfer('makeBundle', onProgress, [port], choices(), port)
        : vault.start('makeBundle', onProgress, choices());
      request.current = call.id;
      const result = await call.result;
      request.current = undefined;
      if (!result.ok) {
        setStatus(undefined);
        setError(result.message);
      } else {
        if (result.blob) saveBlob(result.blob, name);
        setStatus(
          `The evidence bundle is saved (${result.files} files, ${formatBytes(result.bytes)}), signed with key ${result.keyFingerprint}, and noted in your audit log. Anyone can check it: see VERIFY.txt inside.`,
        );
      }
    } catch {
      request.current = undefined;
      setStatus(undefined);
      setError(
        'The evidence bundle could not be made. Your casebook is unchanged; please try again.',
      );
    }
    setPercent(undefined);
    setWorking(undefined);
  };

  const cancel = () => {
    if (request.current !== undefined) void vault.cancel(request.current).catch(() => undefined);
  };

  const toggleShown = (path: string) => {
    const next = new Set(shown);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    setShown(next);
  };

  const redactions = preview?.redactions ?? [];

  return (
    <>
      <PageHeading>Report</PageHeading>
      <p>
        Make an account to hand to the police, a solicitor or a court: a PDF report, the chronology
        as a spreadsheet, and an evidence bundle with your original files that anyone can check. It
        is made on this device; nothing is sent anywhere. Each one you make is noted in your audit
        log.
      </p>

      <h2>What goes in</h2>
      <TextField label="Title on the cover" value={title} limit={120} onChange={setTitle} />
      <div className="field-row">
        <TextField label="Incidents from (optional)" type="date" value={from} onChange={setFrom} />
        <TextField label="Up to (optional)" type="date" value={to} onChange={setTo} />
      </div>
      <Radios
        label="Who it is for"
        value={profile}
        onChange={(v) => setProfile(v === 'disclosure' ? 'disclosure' : 'police')}
        options={[
          { id: 'police', label: 'The police (everything, as you wrote it)' },
          {
            id: 'disclosure',
            label:
              'A disclosure copy: the other side may see it, so your new address, safety plan, refuges, schools and children are blacked out',
          },
        ]}
      />

      <section aria-labelledby="report-preview-heading" className="card">
        <h2 id="report-preview-heading">Preview</h2>
        {preview ? (
          <>
            <p>
              <strong>{preview.title}</strong>: {preview.range}.{' '}
              {countOf(preview.counts.incidents, 'incident', 'incidents')},{' '}
              {countOf(preview.counts.exhibits, 'exhibit', 'exhibits')},{' '}
              {countOf(preview.counts.people, 'person', 'people')},{' '}
              {countOf(preview.counts.calls, 'call', 'calls')}.
            </p>
            {preview.first.length > 0 ? (
              <ol className="report-preview-list">
                {preview.first.map((inc) => (
                  <li key={inc.number} className="user-text">
                    <strong>{inc.number}</strong> {inc.when}: {inc.what}
                  </li>
                ))}
              </ol>
            ) : (
              <p>No incidents in these dates.</p>
            )}
            {preview.leftOut > 0 ? (
              <p className="notice">
                {preview.leftOut} damaged records cannot be read, so they are left out. The Audit
                log screen can check them.
              </p>
            ) : null}
            <p>Fingerprint of your history: {preview.fingerprint}</p>
          </>
        ) : (
          <p>Working out what goes in…</p>
        )}
      </section>

      {profile === 'disclosure' ? (
        <section aria-labelledby="report-redactions-heading">
          <h2 id="report-redactions-heading">What is blacked out</h2>
          <TextArea
            label="Names or words to black out wherever they appear (one per line)"
            hint="For example your children's names, a new street, a school or a workplace. Casebook cannot know these by itself."
            value={words}
            limit={2000}
            onChange={setWords}
          />
          {redactions.length === 0 && shown.size === 0 ? (
            <p>Nothing in these dates needs blacking out.</p>
          ) : (
            <>
              <p>
                Each is shown as a black bar with its reason. Untick one to show it after all. Your
                records are not changed.
              </p>
              <div className="checks">
                {[...new Set([...redactions.map((r) => r.path), ...shown])].map((path) => {
                  const reason = redactions.find((r) => r.path === path)?.reason;
                  return (
                    <Checkbox
                      key={path}
                      label={`Black out ${describeField(path)}${reason ? ` (${reason})` : ''}`}
                      checked={!shown.has(path)}
                      onChange={() => toggleShown(path)}
                    />
                  );
                })}
              </div>
            </>
          )}
          {preview && preview.withheldFiles > 0 ? (
            <p className="notice">
              {countOf(preview.withheldFiles, 'file is', 'files are')} left out of this copy.
              Photos, videos and recordings can hold a place in their hidden details, which cannot
              be blacked out without changing the original, so they are listed with their
              fingerprints but not included. The copy for the police carries them.
            </p>
          ) : null}
        </section>
      ) : null}

      <h2>Download</h2>
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={working !== undefined}
          onClick={() => void download('pdf', 'PDF report')}
        >
          Download PDF report
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={working !== undefined}
          onClick={() => void download('csv-chronology', 'chronology spreadsheet')}
        >
          Download CSV
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={working !== undefined}
          onClick={() => void download('csv-exhibits', 'exhibit schedule')}
        >
          Download exhibit schedule (CSV)
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={working !== undefined}
          onClick={() => void download('json', 'full record (JSON)')}
        >
          Download everything as JSON
        </button>
      </div>
      <p>
        The evidence bundle holds the report, the spreadsheets, your original files, a signed list
        of their fingerprints and your audit log. A large bundle is saved straight to your downloads
        as it is made.
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={working !== undefined}
          onClick={() => void downloadBundle()}
        >
          Download evidence bundle
        </button>
        {working === 'bundle' ? (
          <button type="button" className="button secondary" onClick={cancel}>
            Cancel
          </button>
        ) : null}
      </div>
      {percent !== undefined ? (
        <div className="field">
          <label htmlFor="bundle-progress">Making the evidence bundle</label>
          <progress id="bundle-progress" max={100} value={percent} />
        </div>
      ) : null}
      <div aria-live="polite">{status ? <p className="success">{status}</p> : null}</div>
      {error ? (
        <p className="alert" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
