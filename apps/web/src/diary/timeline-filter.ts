import { type Incident, instantOf, type Person } from '@casebook/core';
import type { RecordView } from '../data/record-types';
import { localDay } from '../evidence/evidence-filter';
import { behaviourLabel, channelLabel, personName, placeTypeLabel, vehicleText } from './labels';

export interface TimelineFilter {
  behaviour: string;
  person: string;
  channel: string;
  /** A kind of place (home, work, online…). */
  place: string;
  /** Inclusive local dates "2026-03-01", or "" for open-ended. */
  from: string;
  to: string;
  text: string;
}

export const NO_FILTER: TimelineFilter = {
  behaviour: '',
  person: '',
  channel: '',
  place: '',
  from: '',
  to: '',
  text: '',
};

/** An incident (or tombstone) prepared once for fast sorting and searching. */
export interface TimelineEntry {
  readonly record: RecordView<Incident>;
  readonly sortKey: number;
  readonly savedAt: number;
  readonly day: string;
  readonly haystack: string;
}

// Saving one incident replaces one record object; the other 9,999 keep their prepared entry.
const cache = new WeakMap<
  ReadonlyMap<string, Person>,
  WeakMap<RecordView<Incident>, TimelineEntry>
>();

export function prepare(
  records: readonly RecordView<Incident>[],
  people: ReadonlyMap<string, Person>,
): TimelineEntry[] {
  let known = cache.get(people);
  if (!known) {
    known = new WeakMap();
    cache.set(people, known);
  }
  const memo = known;
  const entries = records.map((record) => {
    const hit = memo.get(record);
    if (hit) return hit;
    const entry = prepareOne(record, people);
    memo.set(record, entry);
    return entry;
  });
  // Newest first; within the same minute, the one saved last first.
  return entries.sort((a, b) => b.sortKey - a.sortKey || b.savedAt - a.savedAt);
}

function prepareOne(
  record: RecordView<Incident>,
  people: ReadonlyMap<string, Person>,
): TimelineEntry {
  const savedAt = Date.parse(record.at) || 0;
  if (record.state !== 'live') {
    return {
      record,
      sortKey: savedAt,
      savedAt,
      // The day it was deleted on this device's calendar, as its card shows it (not UTC's).
      day: localDay(record.at),
      haystack: '',
    };
  }
  const i = record.body;
  const haystack = [
    i.whatHappened,
    i.location?.text,
    placeTypeLabel(i.location?.placeType),
    ...i.behaviours.map(behaviourLabel),
    channelLabel(i.channel),
    ...i.people.map((id) => personName(people.get(id))),
    i.offenderDescription?.looked,
    i.offenderDescription?.sounded,
    i.offenderDescription?.wore,
    vehicleText(i.vehicle),
    ...i.witnesses.flatMap((w) => [w.name, w.contact]),
    i.police?.whatTheyDid,
    i.police?.reference,
    i.police?.officer,
    i.impact,
    i.changesMade,
    i.impactOnOthers,
  ]
    .filter(Boolean)
    .join('\n')
    .toLocaleLowerCase('en-GB');
  return {
    record,
    sortKey: instantOf(i.when.start).getTime(),
    savedAt,
    day: i.when.start.local.slice(0, 10),
    haystack,
  };
}

export function isFiltering(f: TimelineFilter): boolean {
  return Boolean(
    f.behaviour || f.person || f.channel || f.place || f.from || f.to || f.text.trim(),
  );
}

export function applyFilter(entries: readonly TimelineEntry[], f: TimelineFilter): TimelineEntry[] {
  if (!isFiltering(f)) return entries.slice();
  const words = f.text.toLocaleLowerCase('en-GB').split(/\s+/).filter(Boolean);
  return entries.filter((e) => {
    const r = e.record;
    // Deleted incidents have no content to match; they show only in the unfiltered list.
    if (r.state !== 'live') return false;
    const i = r.body;
    if (f.behaviour && !i.behaviours.includes(f.behaviour as Incident['behaviours'][number]))
      return false;
    if (f.person && !i.people.includes(f.person as Incident['people'][number])) return false;
    if (f.channel && i.channel !== f.channel) return false;
    if (f.place && i.location?.placeType !== f.place) return false;
    if (f.from && e.day < f.from) return false;
    if (f.to && e.day > f.to) return false;
    return words.every((w) => e.haystack.includes(w));
  });
}
