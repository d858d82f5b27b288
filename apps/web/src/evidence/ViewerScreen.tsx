import type { EvidenceItem } from '@casebook/core';
import { useEffect, useState } from 'react';
import { PageHeading } from '../components/PageHeading';
import { vault } from '../data/vault';
import { Details } from '../diary/Details';
import type { Navigate, Route } from '../diary/routes';
import { useDiary } from '../diary/use-diary-data';
import { objectUrl, revokeUrl } from './blob-urls';
import { describeEvidence } from './describe-evidence';
import { Sha256 } from './EvidenceCard';
import { formatBytes } from './format-bytes';
import { shownAs } from './shown-as';

type State =
  | { phase: 'opening'; done: number; total: number }
  | { phase: 'ready'; url: string }
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
  const blobId = item?.blobId;
  const mediaType = item?.mediaType ?? 'application/octet-stream';
  const shown = shownAs(mediaType);

  useEffect(() => {
    if (!blobId) return;
    let url: string | undefined;
    let finished = false;
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
    call.result
      .then((blob) => {
        finished = true;
        url = objectUrl(blob);
        setState({ phase: 'ready', url });
      })
      .catch((error: unknown) => {
        finished = true;
        setState({
          phase: 'failed',
          message: `This file could not be opened. ${error instanceof Error ? error.message : ''} Use Verify casebook on the Audit log screen to check it.`,
        });
      });
    return () => {
      if (!finished) void vault.cancel(call.id).catch(() => undefined);
      finished = true;
      if (url) revokeUrl(url);
    };
  }, [blobId, mediaType, shown]);

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
              Save a copy to open it in another app. The copy is the original, byte for byte; it is
              not encrypted, so delete it when you no longer need it.
            </p>
          ) : null}
          <p className="button-row">
            <a className="button secondary" href={state.url} download={item.originalName}>
              Save a copy of {item.originalName}
            </a>
          </p>
        </div>
      ) : null}
      <h2>About this file</h2>
      <Details lines={describeEvidence(item).filter((l) => l.label !== 'SHA-256')} />
      <dl className="details sha-details">
        <div className="details-row">
          <dt>SHA-256</dt>
          <dd>
            <Sha256 value={item.sha256} />
          </dd>
        </div>
      </dl>
      <div className="button-row">{back}</div>
    </>
  );
}
