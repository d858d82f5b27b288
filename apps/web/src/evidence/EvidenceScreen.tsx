import type { EvidenceItem } from '@casebook/core';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { Select, TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { VirtualList } from '../components/VirtualList';
import type { RecordView } from '../data/record-types';
import { vault } from '../data/vault';
import { DamagedRecordsNotice } from '../diary/DamagedRecordsNotice';
import { formatInstant } from '../diary/format';
import type { Navigate } from '../diary/routes';
import { useDiary } from '../diary/use-diary-data';
import type { ExhibitInfo } from '../worker/protocol';
import { AttachFiles } from './AttachFiles';
import { type Disclosures, EvidenceCard, incidentLabel } from './EvidenceCard';
import {
  EVIDENCE_TYPES,
  type EvidenceFilter,
  evidenceMatches,
  isFilteringEvidence,
  NO_EVIDENCE_FILTER,
} from './evidence-filter';
import { PurgeForm } from './PurgeForm';
import { keepThumbnailsOf } from './use-thumbnail';

interface Shown {
  readonly r: RecordView<EvidenceItem>;
  readonly t: number;
  readonly info: ExhibitInfo | undefined;
}
const shownKey = (s: Shown) => s.r.id;

/**
 * A guess at a compact card's height in px until it is drawn and measured (VirtualList): the
 * summary (a 5 rem thumbnail beside the title, the meta line and the description), the folded
 * Details and the buttons (two rows of 44 px on a phone, one when wide), and the row's gap.
 */
function estimateEvidenceHeight(s: Shown, width: number): number {
  const narrow = width < 560;
  let h = 2 + 2 * 0.85 * 17 + 0.75 * 17; // border, padding, the gap below
  h += 90 + 28; // the summary and Details
  h += narrow ? 2 * 44 + 8 + 8 : 44 + 8;
  if (s.r.state === 'live' && s.r.body.description) {
    const perLine = Math.max(10, (width - 140) / 8);
    h += Math.ceil(s.r.body.description.length / perLine) * 24 - 24;
  } else if (s.r.state !== 'live') {
    h += 60;
  }
  return Math.round(h);
}

/**
 * Every evidence item, newest first, with search and filters (type, exhibit reference, date
 * added, linked incident); files go in here (and from incidents and items).
 */
export function EvidenceScreen(props: { navigate: Navigate }) {
  const diary = useDiary();
  const [exhibits, setExhibits] = useState<ExhibitInfo[]>([]);
  const [refresh, setRefresh] = useState(0);
  // Cards with an Edit or Delete form open stay drawn when scrolled away: what was typed in
  // them would otherwise be lost with the unmounted card.
  const [formsOpen, setFormsOpen] = useState<ReadonlySet<string>>(new Set());
  const onFormOpen = useCallback((id: string, open: boolean) => {
    setFormsOpen((now) => {
      if (now.has(id) === open) return now;
      const next = new Set(now);
      if (open) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  // Which cards' Details are open, kept here rather than in the cards: a card scrolled out of
  // the window is unmounted, and would come back folded.
  const [openParts, setOpenParts] = useState<ReadonlySet<string>>(new Set());
  const toggle = useCallback((key: string, open: boolean) => {
    setOpenParts((now) => {
      if (now.has(key) === open) return now;
      const next = new Set(now);
      if (open) next.add(key);
      else next.delete(key);
      return next;
    });
  }, []);
  const disclosures = useMemo<Disclosures>(
    () => ({ open: openParts, toggle }),
    [openParts, toggle],
  );
  const [filter, setFilter] = useState<EvidenceFilter>(NO_EVIDENCE_FILTER);
  const deferred = useDeferredValue(filter);
  const set = (key: keyof EvidenceFilter) => (value: string) =>
    setFilter((f) => ({ ...f, [key]: value }));

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

  // A deleted exhibit's thumbnail is revoked at once, not at lock.
  useEffect(() => {
    const live = new Set<string>();
    for (const r of diary.lists.evidence) {
      if (r.state === 'live') live.add((r.body as EvidenceItem).blobId);
    }
    keepThumbnailsOf(live);
  }, [diary.lists.evidence]);

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

  // Incidents by id, named as the cards name them, for the search and the incident filter.
  const incidentNames = useMemo(() => {
    const names = new Map<string, string>();
    for (const r of diary.lists.incident) {
      if (r.state === 'live') names.set(r.id, incidentLabel(r.body));
    }
    return names;
  }, [diary.lists.incident]);
  // Only incidents that have evidence are offered: a list of 10,000 would help nobody.
  const linkedIncidents = useMemo(() => {
    const ids = new Set<string>();
    for (const { r } of items) {
      if (r.state === 'live') for (const id of (r.body as EvidenceItem).incidents) ids.add(id);
    }
    return [...ids].flatMap((id) => {
      const label = incidentNames.get(id);
      return label ? [{ id, label }] : [];
    });
  }, [items, incidentNames]);
  const filtering = isFilteringEvidence(deferred);
  const shown = useMemo(
    () =>
      filtering
        ? items.filter(
            ({ r }) =>
              r.state === 'live' &&
              evidenceMatches(r.body as EvidenceItem, deferred, (id) => incidentNames.get(id)),
          )
        : items,
    [items, deferred, filtering, incidentNames],
  );
  const liveCount = items.filter(({ r }) => r.state === 'live').length;

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
      {liveCount > 1 ? (
        <search className="filters" aria-label="Find evidence">
          {/* autocomplete off: Chromium keeps no typed value in its session-restore files. */}
          <form autoComplete="off" onSubmit={(e) => e.preventDefault()}>
            <TextField
              label="Search evidence"
              type="search"
              hint="File name, description, exhibit reference or the incident it belongs to."
              value={filter.text}
              onChange={set('text')}
            />
            <details>
              <summary>Filter by type, exhibit reference, date added or incident</summary>
              <div className="filters-grid">
                <Select
                  label="Type of file"
                  value={filter.type}
                  onChange={set('type')}
                  options={EVIDENCE_TYPES}
                  empty="Any type"
                />
                <TextField
                  label="Exhibit reference"
                  hint="AB/3 for one exhibit, AB for all with those initials."
                  value={filter.ref}
                  onChange={set('ref')}
                />
                <TextField
                  label="Added from"
                  type="date"
                  value={filter.from}
                  onChange={set('from')}
                />
                <TextField label="Added up to" type="date" value={filter.to} onChange={set('to')} />
                <Select
                  label="Linked incident"
                  value={filter.incident}
                  onChange={set('incident')}
                  options={linkedIncidents}
                  empty="Any incident, or none"
                />
              </div>
            </details>
            {isFilteringEvidence(filter) ? (
              <p className="button-row">
                <button
                  type="button"
                  className="button quiet"
                  onClick={() => setFilter(NO_EVIDENCE_FILTER)}
                >
                  Clear filters
                </button>
              </p>
            ) : null}
          </form>
        </search>
      ) : null}
      {liveCount > 1 ? (
        <p role="status">
          {filtering
            ? `${shown.length.toLocaleString('en-GB')} of ${liveCount.toLocaleString('en-GB')} exhibits match.`
            : `${liveCount.toLocaleString('en-GB')} exhibits, newest first.`}
        </p>
      ) : null}
      <VirtualList
        items={shown}
        keyOf={shownKey}
        estimate={estimateEvidenceHeight}
        label="Evidence items"
        className="card-list virtual-list"
        rowClassName="evidence-row"
        // More drawn beyond the view than the timeline: the list starts below the fold (intake
        // sits above it), and a casebook of a few exhibits is then drawn whole.
        overscan={2000}
        margin={1000}
        pinned={formsOpen}
        renderRow={({ r, info }) =>
          r.state === 'live' ? (
            <EvidenceCard
              item={r.body as EvidenceItem}
              navigate={props.navigate}
              back={{ name: 'evidence' }}
              onFormOpen={onFormOpen}
              disclosures={disclosures}
            />
          ) : (
            <div className="card tombstone">
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
            </div>
          )
        }
      />
    </>
  );
}
