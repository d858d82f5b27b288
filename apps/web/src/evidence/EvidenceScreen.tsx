import type { EvidenceItem } from '@casebook/core';
import { useEffect, useMemo, useState } from 'react';
import { PageHeading } from '../components/PageHeading';
import { vault } from '../data/vault';
import { DamagedRecordsNotice } from '../diary/DamagedRecordsNotice';
import { formatInstant } from '../diary/format';
import type { Navigate } from '../diary/routes';
import { useDiary } from '../diary/use-diary-data';
import type { ExhibitInfo } from '../worker/protocol';
import { AttachFiles } from './AttachFiles';
import { EvidenceCard } from './EvidenceCard';
import { PurgeForm } from './PurgeForm';

/** Every evidence item, newest first; files go in here (and from incidents and items). */
export function EvidenceScreen(props: { navigate: Navigate }) {
  const diary = useDiary();
  const [exhibits, setExhibits] = useState<ExhibitInfo[]>([]);
  const [refresh, setRefresh] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read whenever the list changes or a file is removed (deleted items are named through their last version)
  useEffect(() => {
    let live = true;
    vault
      .call('exhibits')
      .then((e) => {
        if (live) setExhibits(e);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [diary.lists.evidence, refresh]);

  const items = useMemo(() => {
    const byId = new Map(exhibits.map((e) => [e.id, e]));
    return diary.lists.evidence
      .map((r) => ({
        r,
        t: r.state === 'live' ? Date.parse(r.body.intakeAt) : Date.parse(r.at),
        info: byId.get(r.id),
      }))
      .sort((a, b) => b.t - a.t);
  }, [diary.lists.evidence, exhibits]);

  return (
    <>
      <PageHeading>Evidence</PageHeading>
      <DamagedRecordsNotice kinds={['evidence']} />
      <p>
        Keep photos, screenshots, recordings, videos and documents here. Each file is kept exactly
        as it came in, encrypted, with its SHA-256: a fingerprint that shows later that it has not
        been changed.
      </p>
      <AttachFiles label="Add evidence files" origin="evidence-screen" capture numbering />
      <h2>Exhibits</h2>
      {diary.loaded.has('evidence') ? null : <p role="status">Opening your evidence…</p>}
      {items.length === 0 && diary.loaded.has('evidence') ? <p>No evidence added yet.</p> : null}
      <ul className="card-list" aria-label="Evidence items">
        {items.map(({ r, info }) =>
          r.state === 'live' ? (
            <EvidenceCard
              key={r.id}
              item={r.body as EvidenceItem}
              navigate={props.navigate}
              back={{ name: 'evidence' }}
            />
          ) : (
            <li key={r.id} className="card tombstone">
              <h2 className="evidence-title">
                Deleted exhibit {info?.ref ?? ''}
                {info ? ` · ${info.originalName}` : ''}
              </h2>
              <p className="card-meta">Deleted {formatInstant(r.at)}</p>
              <p className="card-text">
                {r.state === 'deleted' ? `Reason: ${r.reason}` : 'Could not be read.'}
              </p>
              {info?.filePresent ? (
                <PurgeForm exhibit={info} onPurged={() => setRefresh((n) => n + 1)} />
              ) : info ? (
                <p>The original file has been removed for good.</p>
              ) : null}
            </li>
          ),
        )}
      </ul>
    </>
  );
}
