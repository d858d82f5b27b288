import { BEHAVIOURS, CHANNELS, type Incident, PLACE_TYPES } from '@casebook/core';
import { memo, type ReactNode, useDeferredValue, useMemo, useState } from 'react';
import { Select, TextField } from '../components/Fields';
import { PageHeading } from '../components/PageHeading';
import { VirtualList } from '../components/VirtualList';
import type { RecordView } from '../data/record-types';
import { DamagedRecordsNotice } from './DamagedRecordsNotice';
import { formatInstant, formatZoned } from './format';
import { behaviourLabel, personName } from './labels';
import type { Navigate } from './routes';
import {
  applyFilter,
  isFiltering,
  NO_FILTER,
  prepare,
  type TimelineFilter,
} from './timeline-filter';
import { byMonth, type TimelineRow } from './timeline-months';
import { estimateRowHeight } from './timeline-row-height';
import { timelineStatus } from './timeline-status';
import { useDiary } from './use-diary-data';

const n = (count: number) => count.toLocaleString('en-GB');

/**
 * Every incident, newest first and grouped by month, with filters and search. Deleted ones stay
 * visible. The list is windowed (`VirtualList`): 10,000 incidents draw a screenful or two.
 */
export function Timeline(props: {
  navigate: Navigate;
  flash?: string | undefined;
  /** What unlock found since last time (the first screen after unlocking shows it). */
  notices?: ReactNode;
}) {
  const diary = useDiary();
  const [filter, setFilter] = useState<TimelineFilter>(NO_FILTER);
  const deferred = useDeferredValue(filter);
  const [filtersOpen, setFiltersOpen] = useState(false);

  const entries = useMemo(
    () => prepare(diary.lists.incident, diary.peopleById),
    [diary.lists.incident, diary.peopleById],
  );
  const visible = useMemo(() => applyFilter(entries, deferred), [entries, deferred]);
  const rows = useMemo(() => byMonth(visible), [visible]);
  const people = useMemo(
    () =>
      diary.lists.person
        .filter((r) => r.state === 'live')
        .map((r) => ({ id: r.id, label: personName(diary.peopleById.get(r.id)) })),
    [diary.lists.person, diary.peopleById],
  );
  const set = (key: keyof TimelineFilter) => (value: string) => {
    setFilter((f) => ({ ...f, [key]: value }));
  };
  const liveCount = entries.filter((e) => e.record.state === 'live').length;

  return (
    <>
      <PageHeading>Incidents</PageHeading>
      {props.notices}
      {/* The first screen after unlocking: damage anywhere in the casebook is told here. */}
      <DamagedRecordsNotice />
      {props.flash ? (
        <p className="success" role="status">
          {props.flash}
        </p>
      ) : null}
      {entries.length === 0 ? (
        <div className="card">
          <p>Nothing recorded yet.</p>
          <p>
            When something happens, press <strong>New incident</strong> and write down what
            happened. That is all you need; the time is filled in for you.
          </p>
        </div>
      ) : (
        <>
          <search className="filters" aria-label="Filter incidents">
            {/* A form with autocomplete off: Chromium then keeps none of these values in its
                session-restore files (the canary scan caught that once). */}
            <form autoComplete="off" onSubmit={(e) => e.preventDefault()}>
              <TextField label="Search" type="search" value={filter.text} onChange={set('text')} />
              <details open={filtersOpen} onToggle={(e) => setFiltersOpen(e.currentTarget.open)}>
                <summary>Filter by behaviour, person, how or date, or by place</summary>
                <div className="filters-grid">
                  <Select
                    label="Behaviour"
                    value={filter.behaviour}
                    onChange={set('behaviour')}
                    options={BEHAVIOURS}
                    empty="Any behaviour"
                  />
                  <Select
                    label="Person"
                    value={filter.person}
                    onChange={set('person')}
                    options={people}
                    empty="Anyone"
                  />
                  <Select
                    label="How"
                    value={filter.channel}
                    onChange={set('channel')}
                    options={CHANNELS}
                    empty="Any way"
                  />
                  <Select
                    label="Kind of place"
                    value={filter.place}
                    onChange={set('place')}
                    options={PLACE_TYPES}
                    empty="Anywhere"
                  />
                  <TextField
                    label="From date"
                    type="date"
                    value={filter.from}
                    onChange={set('from')}
                  />
                  <TextField label="To date" type="date" value={filter.to} onChange={set('to')} />
                </div>
              </details>
              {isFiltering(filter) ? (
                <p className="button-row">
                  <button
                    type="button"
                    className="button quiet"
                    onClick={() => setFilter(NO_FILTER)}
                  >
                    Clear filters
                  </button>
                </p>
              ) : null}
            </form>
          </search>
          <p role="status">
            {timelineStatus({
              filtering: isFiltering(deferred),
              matching: visible.length,
              live: liveCount,
              complete: diary.loaded.has('incident'),
            })}
          </p>
          <VirtualList
            items={rows}
            keyOf={rowKey}
            estimate={estimateRowHeight}
            label="Incidents"
            className="card-list virtual-list"
            rowClassName="timeline-row"
            renderRow={(row) => <IncidentRow row={row} navigate={props.navigate} />}
          />
        </>
      )}
    </>
  );
}

const rowKey = (row: TimelineRow) => row.entry.record.id;

function IncidentRow(props: { row: TimelineRow; navigate: Navigate }) {
  const { month, entry } = props.row;
  return (
    <>
      {month ? (
        <h2 className="month-heading">
          {month.label}{' '}
          <span className="month-count">
            ({n(month.count)} {month.count === 1 ? 'incident' : 'incidents'})
          </span>
        </h2>
      ) : null}
      <IncidentCard record={entry.record} navigate={props.navigate} />
    </>
  );
}

/** One timeline card; memoised so typing in Search or scrolling re-renders only what changed. */
const IncidentCard = memo(function IncidentCard(props: {
  record: RecordView<Incident>;
  navigate: Navigate;
}) {
  const { record } = props;
  return record.state === 'live' ? (
    <div className="card">
      <p className="card-meta">
        {formatZoned(record.body.when.start)}
        {record.body.when.approximate ? ' (approximate)' : ''}
        {record.body.location?.text ? ` · ${record.body.location.text}` : ''}
      </p>
      <p className="card-text">{record.body.whatHappened}</p>
      {record.body.behaviours.length > 0 ? (
        <ul className="tags" aria-label="Behaviours">
          {record.body.behaviours.map((b) => (
            <li key={b} className="tag">
              {behaviourLabel(b)}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button secondary"
          onClick={() => props.navigate({ name: 'incident', id: record.id })}
        >
          Open
          <span className="visually-hidden">
            {' '}
            incident from {formatZoned(record.body.when.start)}
          </span>
        </button>
        {record.rev > 1 ? <span className="card-meta">Edited ({record.rev} versions)</span> : null}
      </div>
    </div>
  ) : (
    <div className="card tombstone">
      <p className="card-meta">
        {record.state === 'deleted' ? 'Deleted incident' : 'Incident that could not be read'} ·{' '}
        {formatInstant(record.at)}
      </p>
      <p className="card-text">
        {record.state === 'deleted' ? `Reason: ${record.reason}` : record.problem}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button quiet"
          onClick={() => props.navigate({ name: 'history', kind: 'incident', id: record.id })}
        >
          See its history
        </button>
      </div>
    </div>
  );
});
