import { parseInitials } from '@casebook/importers';
import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { TextField } from '../components/Fields';
import type { IntakeRequest } from '../worker/protocol';
import { formatBytes } from './format-bytes';
import { type IntakeProgress, useBytesIn } from './intake-progress';
import { type IntakeJob, useIntake } from './use-intake';

const ON_PHONE =
  typeof window !== 'undefined' && window.matchMedia?.('(pointer: coarse)').matches === true;

/**
 * File inputs that add evidence (several files at once; any type), with each file's progress
 * and a Cancel button. On phones, separate inputs open the camera and the microphone.
 * Initials for exhibit references are asked for here the first time: in the flow, when the
 * first file is chosen (the file waits beside the question, which is not an error), and once.
 * While files go in, their progress stays pinned in view (sticky under the top bar).
 */
export function AttachFiles(props: {
  label: string;
  origin: string;
  incidents?: readonly string[];
  items?: readonly string[];
  accept?: string;
  hint?: string;
  capture?: boolean;
  /** Show the numbering line with "Change initials" (the Evidence screen does). */
  numbering?: boolean;
  onAdded?: (evidenceId: string) => void;
}) {
  const intake = useIntake();
  const id = useId();
  const [initialsText, setInitialsText] = useState(intake.initials ?? '');
  const [changing, setChanging] = useState(false);
  const [error, setError] = useState<string | undefined>();
  /** Add pressed with the field still empty: said plainly beside the question, not as an error. */
  const [nudge, setNudge] = useState<string | undefined>();
  const askInitials = intake.initials === undefined || changing;

  // Files chosen before the initials were given are kept, not dropped: a photo just taken with
  // the camera cannot be chosen again.
  const [pending, setPending] = useState<
    { files: File[]; source: IntakeRequest['source'] } | undefined
  >();

  const askRef = useRef<HTMLDivElement>(null);
  // The question comes to the person: the initials field takes the focus once a file waits.
  useEffect(() => {
    if (pending) askRef.current?.querySelector('input')?.focus();
  }, [pending]);

  /** `pressed`: the person pressed Add; a file just chosen is only ever asked about calmly. */
  const submit = (files: File[], source: IntakeRequest['source'], pressed = false) => {
    let initials = intake.initials ?? '';
    if (askInitials) {
      const parsed = parseInitials(initialsText);
      if (!parsed.ok) {
        setPending({ files, source });
        const waits = files.length === 1 ? 'The file you chose waits' : 'The files you chose wait';
        const empty = initialsText.trim() === '';
        setNudge(
          pressed && empty
            ? `Type your initials first, like AB. ${waits} here until then.`
            : undefined,
        );
        setError(pressed && !empty ? `${parsed.reason} ${waits} here until then.` : undefined);
        return;
      }
      initials = parsed.initials;
      intake.setInitials(initials);
      setChanging(false);
    }
    setError(undefined);
    setNudge(undefined);
    setPending(undefined);
    intake.add(files, {
      origin: props.origin,
      source,
      initials,
      ...(props.incidents && { incidents: props.incidents }),
      ...(props.items && { items: props.items }),
      ...(props.onAdded && { onAdded: props.onAdded }),
    });
  };

  const take = (source: IntakeRequest['source']) => (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length > 0) submit(files, source);
  };

  const jobs = intake.jobs.filter((j) => j.origin === props.origin);
  const waiting = pending?.files.length ?? 0;
  const askHint = pending
    ? `Before ${waiting === 1 ? 'this file goes' : `these ${waiting} files go`} in: each exhibit's reference is made of initials and a number, like AB/1. Type your own initials, or the ones the police ask you to use, then press ${waiting === 1 ? 'Add the chosen file' : `Add the ${waiting} chosen files`}.`
    : 'Each file gets a reference made of initials and a number, like AB/1, AB/2. Use your own initials, or the ones the police ask you to use.';
  return (
    <>
      <div className="attach">
        {askInitials ? (
          <div ref={askRef} className={pending ? 'initials-ask waiting' : 'initials-ask'}>
            <TextField
              label="Your initials for exhibit references"
              hint={nudge ? `${nudge} ${askHint}` : askHint}
              value={initialsText}
              onChange={setInitialsText}
              error={error}
              autoComplete="off"
            />
          </div>
        ) : props.numbering ? (
          <p className="hint numbering">
            New exhibits are numbered {intake.initials}/1, {intake.initials}/2 and so on.{' '}
            <button
              type="button"
              className="button quiet"
              onClick={() => {
                setInitialsText(intake.initials ?? '');
                setChanging(true);
              }}
            >
              Change initials
            </button>
          </p>
        ) : null}
        <p className="visually-hidden" role="status">
          {pending && askInitials
            ? `${waiting === 1 ? 'One file waits' : `${waiting} files wait`} for your initials.`
            : ''}
        </p>
        {pending && askInitials ? (
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => submit(pending.files, pending.source, true)}
            >
              {pending.files.length === 1
                ? `Add the chosen file (${pending.files[0]?.name ?? ''})`
                : `Add the ${pending.files.length} chosen files`}
            </button>
            <button
              type="button"
              className="button quiet"
              onClick={() => {
                setPending(undefined);
                setError(undefined);
              }}
            >
              {pending.files.length === 1 ? 'Do not add it' : 'Do not add them'}
            </button>
          </div>
        ) : null}
        <div className="field file-field">
          <label htmlFor={id}>{props.label}</label>
          <span className="hint" id={`${id}-hint`}>
            {props.hint ??
              'Photos, screenshots, recordings, videos, documents or any other file. Each is kept exactly as it is, encrypted.'}
          </span>
          <input
            id={id}
            type="file"
            autoComplete="off"
            multiple
            accept={props.accept}
            aria-describedby={`${id}-hint`}
            onChange={take('upload')}
          />
        </div>
        {props.capture && ON_PHONE ? (
          <div className="inline-fields">
            <div className="field file-field">
              <label htmlFor={`${id}-camera`}>Take a photo or video</label>
              <input
                id={`${id}-camera`}
                type="file"
                autoComplete="off"
                accept="image/*,video/*"
                capture="environment"
                onChange={take('camera')}
              />
            </div>
            <div className="field file-field">
              <label htmlFor={`${id}-mic`}>Record audio</label>
              <input
                id={`${id}-mic`}
                type="file"
                autoComplete="off"
                accept="audio/*"
                capture="user"
                onChange={take('microphone')}
              />
            </div>
          </div>
        ) : null}
      </div>
      {/* Outside the panel, so that, sticky, it can stay in view all down the screen. */}
      <IntakeList jobs={jobs} onDismiss={() => intake.dismiss(props.origin)} />
    </>
  );
}

/** A running or waiting file's bar: the one part that re-renders on each progress report. */
function JobProgress(props: { job: IntakeJob; progress: IntakeProgress; onCancel(): void }) {
  const { job } = props;
  const bytesIn = useBytesIn(props.progress, job);
  const percent = job.size === 0 ? 100 : Math.floor((bytesIn / job.size) * 100);
  return (
    <span className="intake-progress">
      <progress
        max={100}
        value={percent}
        aria-label={`Adding ${job.name}`}
        aria-valuetext={`${percent}%`}
      />
      <span aria-hidden="true">{job.status === 'waiting' ? 'Waiting' : `${percent}%`}</span>
      <button type="button" className="button secondary" onClick={props.onCancel}>
        Cancel
      </button>
    </span>
  );
}

function IntakeList(props: { jobs: readonly IntakeJob[]; onDismiss(): void }) {
  const intake = useIntake();
  const ref = useRef<HTMLElement>(null);
  const active = props.jobs.filter((j) => j.status === 'running' || j.status === 'waiting');
  // New files: bring their progress into view (on a phone it starts below the fold); from
  // then on it is sticky, so scrolling the list of exhibits keeps it in sight. Only when files
  // are newly chosen: not on each progress update, nor when coming back to a screen whose list
  // still shows earlier files (the person may be reading further down).
  const newest = props.jobs.at(-1)?.key;
  const seen = useRef(newest);
  useEffect(() => {
    if (newest === undefined || newest === seen.current) return;
    seen.current = newest;
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [newest]);
  if (props.jobs.length === 0) return null;
  const summary =
    active.length > 0
      ? `Adding ${active.length} ${active.length === 1 ? 'file' : 'files'}…`
      : 'Finished adding files.';
  return (
    // A region of its own that scrolls inside itself (48 files' messages would push the
    // exhibits a screen down); focusable, so a keyboard can scroll it too.
    <section
      ref={ref}
      className={active.length > 0 ? 'intake pinned' : 'intake'}
      aria-label="Progress of the files you chose"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
      tabIndex={0}
    >
      <p className="visually-hidden" role="status">
        {summary}
      </p>
      <ul className="intake-list" aria-label="Files being added">
        {props.jobs.map((job) => (
          <li key={job.key} className="intake-job">
            <span className="intake-name">
              {job.name} <span className="card-meta">({formatBytes(job.size)})</span>
            </span>
            {job.status === 'running' || job.status === 'waiting' ? (
              <JobProgress
                job={job}
                progress={intake.progress}
                onCancel={() => intake.cancel(job.key)}
              />
            ) : null}
            {job.status === 'done' ? (
              <span className="success intake-result">
                Added{job.ref ? ` as exhibit ${job.ref}` : ''}. {job.message}
              </span>
            ) : null}
            {job.status === 'failed' ? (
              <span className="alert intake-result" role="alert">
                {job.message}
              </span>
            ) : null}
            {job.status === 'cancelled' ? (
              <span className="notice intake-result">{job.message}</span>
            ) : null}
          </li>
        ))}
      </ul>
      {active.length === 0 ? (
        <button type="button" className="button quiet" onClick={props.onDismiss}>
          Clear this list
        </button>
      ) : null}
    </section>
  );
}
