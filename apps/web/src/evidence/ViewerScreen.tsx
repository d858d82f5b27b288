import type { EvidenceItem } from '@casebook/core';
import { useEffect, useId, useRef, useState } from 'react';
import { PageHeading } from '../components/PageHeading';
import { vault } from '../data/vault';
import { Details } from '../diary/Details';
import type { Navigate, Route } from '../diary/routes';
import { useDiary } from '../diary/use-diary-data';
import { objectUrl, revokeUrl } from './blob-urls';
import { describeEvidence } from './describe-evidence';
import { EvidenceNotes } from './EvidenceNotes';
import { type EvidenceStream, openEvidenceStream, STREAM_THRESHOLD } from './evidence-stream';
import { evidenceNotes } from './evidence-times';
import { formatBytes } from './format-bytes';
import { Sha256Details } from './Sha256Details';
import { shownAs } from './shown-as';

type State =
  | { phase: 'opening'; done: number; total: number }
  | { phase: 'ready'; url: string; streamed: boolean }
  | { phase: 'failed'; message: string };

/**
 * One exhibit: decrypted in the worker chunk by chunk into a Blob, shown from a blob: URL
 * (images, audio, video) or offered as a download with its original name. The URL is revoked
 * when the viewer closes; lock revokes every URL.
 */
export function ViewerScreen(props: { id: string; back: Route; navigate: Navigate }) {
  const diary = useDiary();
  const record = diary.lists.evidence.find((r) => r.id === props.id);
  const item = record?.state === 'live' ? (record.body as EvidenceItem) : undefined;
  const [state, setState] = useState<State>({ phase: 'opening', done: 0, total: item?.size ?? 0 });
  const [cannotShow, setCannotShow] = useState(false);
  const noticeId = useId();
  const blobId = item?.blobId;
  const mediaType = item?.mediaType ?? 'application/octet-stream';
  const shown = shownAs(mediaType);

  const size = item?.size ?? 0;
  useEffect(() => {
    if (!blobId) return;
    let url: string | undefined;
    let stream: EvidenceStream | undefined;
    let finished = false;
    let requestId: number | undefined;
    const fail = (error: unknown) => {
      finished = true;
      setState({
        phase: 'failed',
        message: `This file could not be opened. ${error instanceof Error ? error.message : ''} Use Verify casebook on the Audit log screen to check it.`,
      });
    };
    const asBlob = () => {
      // A type that could run script is handed over as plain bytes, never as itself.
      const type = shown === 'download' ? 'application/octet-stream' : mediaType;
      const call = vault.start(
        'openFile',
        (p) => {
          if (!finished) setState({ phase: 'opening', done: p.done, total: p.total });
        },
        blobId,
        type,
      );
      requestId = call.id;
      call.result.then((blob) => {
        if (finished) return;
        finished = true;
        url = objectUrl(blob);
        setState({ phase: 'ready', url, streamed: false });
      }, fail);
    };
    if ((shown === 'audio' || shown === 'video') && size > STREAM_THRESHOLD) {
      openEvidenceStream(blobId, mediaType).then((opened) => {
        if (finished) {
          opened?.close();
          return;
        }
        if (!opened) return asBlob();
        stream = opened;
        finished = true;
        setState({ phase: 'ready', url: opened.url, streamed: true });
      }, fail);
    } else {
      asBlob();
    }
    return () => {
      if (!finished && requestId !== undefined) void vault.cancel(requestId).catch(() => undefined);
      finished = true;
      if (url) revokeUrl(url);
      stream?.close();
    };
  }, [blobId, mediaType, shown, size]);

  const back = (
    <button type="button" className="button secondary" onClick={() => props.navigate(props.back)}>
      Close
    </button>
  );
  if (!item) {
    return (
      <>
        <PageHeading>Exhibit</PageHeading>
        <p>This evidence item has been deleted or could not be read.</p>
        {back}
      </>
    );
  }
  const name = item.exhibitRef ?? item.originalName;
  return (
    <>
      <PageHeading>Exhibit {name}</PageHeading>
      <p className="card-meta">{item.originalName}</p>
      {state.phase === 'opening' ? (
        <div className="field">
          <label htmlFor="viewer-progress">Opening the file</label>
          <progress
            id="viewer-progress"
            max={100}
            value={state.total === 0 ? 0 : Math.floor((state.done / state.total) * 100)}
          />
          <span className="hint">
            {formatBytes(state.done)} of {formatBytes(state.total)} decrypted
          </span>
        </div>
      ) : null}
      {state.phase === 'failed' ? (
        <div className="alert" role="alert">
          {state.message}
        </div>
      ) : null}
      {state.phase === 'ready' ? (
        <div className="viewer">
          {shown === 'image' && !cannotShow ? (
            <img src={state.url} alt={`Exhibit ${name}`} onError={() => setCannotShow(true)} />
          ) : null}
          {shown === 'audio' && !cannotShow ? (
            // biome-ignore lint/a11y/useMediaCaption: the victim's own recordings have no captions
            <audio
              controls
              src={state.url}
              aria-label={`Exhibit ${name}`}
              onError={() => setCannotShow(true)}
            />
          ) : null}
          {shown === 'video' && !cannotShow ? (
            // biome-ignore lint/a11y/useMediaCaption: the victim's own recordings have no captions
            <video
              controls
              src={state.url}
              aria-label={`Exhibit ${name}`}
              onError={() => setCannotShow(true)}
            />
          ) : null}
          {shown === 'download' || cannotShow ? (
            <p>
              {cannotShow
                ? 'This browser cannot show this file here.'
                : 'This kind of file is not shown inside Casebook.'}{' '}
              Save a copy to open it in another app. The copy is the original, byte for byte.
            </p>
          ) : null}
          <CopyNotice id={noticeId} />
          {state.streamed ? (
            <SaveStreamedCopy
              blobId={item.blobId}
              name={item.originalName}
              describedBy={noticeId}
            />
          ) : (
            <p className="button-row">
              <a
                className="button secondary"
                href={state.url}
                download={item.originalName}
                aria-describedby={noticeId}
              >
                Save a copy of {item.originalName}
              </a>
            </p>
          )}
        </div>
      ) : null}
      <h2>About this file</h2>
      <Details
        lines={describeEvidence(item).filter(
          (l) => l.label !== 'SHA-256' && l.label !== 'About these details',
        )}
      />
      <EvidenceNotes notes={evidenceNotes(item)} />
      <Sha256Details value={item.sha256} />
      <div className="button-row">{back}</div>
    </>
  );
}

/** Said before any copy is saved: it leaves the casebook's encryption, and where it goes. */
function CopyNotice(props: { id: string }) {
  return (
    <div className="notice" id={props.id}>
      <p>
        <strong>A saved copy is not encrypted.</strong> It goes to this browser’s downloads folder,
        where anyone else who uses this device may find it, and its name shows in the browser’s list
        of downloads.
      </p>
      <p>
        Once it is saved, move it somewhere safe. When you have finished with it, delete it and
        remove it from the downloads list.
      </p>
    </div>
  );
}

/**
 * For a streamed (large) file, the copy to save is decrypted only when asked for, chunk by
 * chunk into a Blob, with its own progress; its URL is revoked when the viewer closes.
 */
function SaveStreamedCopy(props: { blobId: string; name: string; describedBy: string }) {
  const [copy, setCopy] = useState<
    { phase: 'idle' } | { phase: 'preparing'; percent: number } | { phase: 'ready'; url: string }
  >({ phase: 'idle' });
  const request = useRef<number | undefined>(undefined);
  const url = useRef<string | undefined>(undefined);
  useEffect(
    () => () => {
      if (request.current !== undefined) void vault.cancel(request.current).catch(() => undefined);
      if (url.current) revokeUrl(url.current);
    },
    [],
  );
  const prepare = () => {
    const call = vault.start(
      'openFile',
      (p) =>
        setCopy({
          phase: 'preparing',
          percent: p.total ? Math.floor((p.done / p.total) * 100) : 0,
        }),
      props.blobId,
      'application/octet-stream',
    );
    request.current = call.id;
    setCopy({ phase: 'preparing', percent: 0 });
    call.result.then(
      (blob) => {
        request.current = undefined;
        url.current = objectUrl(blob);
        setCopy({ phase: 'ready', url: url.current });
      },
      () => setCopy({ phase: 'idle' }),
    );
  };
  if (copy.phase === 'ready') {
    return (
      <p className="button-row">
        <a
          className="button secondary"
          href={copy.url}
          download={props.name}
          aria-describedby={props.describedBy}
        >
          Save a copy of {props.name}
        </a>
      </p>
    );
  }
  if (copy.phase === 'preparing') {
    return (
      <div className="field">
        <label htmlFor="copy-progress">Preparing a copy to save</label>
        <progress id="copy-progress" max={100} value={copy.percent} />
      </div>
    );
  }
  return (
    <p className="button-row">
      <button
        type="button"
        className="button secondary"
        onClick={prepare}
        aria-describedby={props.describedBy}
      >
        Prepare a copy to save
      </button>
    </p>
  );
}
