import type { CallOutcome, ImportedCallRecord } from '@casebook/core';
import { durationText, recordedInfo } from './record-views';
import type { Recorded } from './snapshot-input';
import type { SnapshotCall } from './snapshot-types';
import { showInstant, showZoned } from './time-text';

const OUTCOMES: Record<CallOutcome, string> = {
  incoming: 'Incoming, answered',
  outgoing: 'Outgoing',
  missed: 'Missed',
  voicemail: 'Went to voicemail',
  rejected: 'Rejected',
  blocked: 'Blocked',
  'answered-elsewhere': 'Answered on another device',
};

const ANSWERED: ReadonlySet<CallOutcome> = new Set(['incoming', 'outgoing', 'answered-elsewhere']);

/**
 * Imported calls as rows of the call log, beside the calls written in by hand: the outcome in
 * words, the party as the export named them, and the exhibit of the export they came from.
 * A call whose time the export did not give readably has no place in a dated log: left out
 * here, still in the casebook.
 */
export function importedCallRows(
  records: readonly Recorded<ImportedCallRecord>[],
  zone: string,
  refOf: (evidenceId: string) => string,
  inRange: (local: string) => boolean,
): SnapshotCall[] {
  const out: SnapshotCall[] = [];
  for (const r of records) {
    const c = r.body.call;
    const t = c.time;
    if (t.known === 'unreadable') continue;
    const time =
      t.known === 'wall-clock'
        ? showZoned({ local: t.local, zone: t.zone, offset: t.offset })
        : showInstant(t.instant, zone);
    if (!inRange(time.local)) continue;
    out.push({
      id: r.body.id,
      time,
      ...(c.withheld || c.number === undefined ? {} : { number: c.number.raw }),
      withheld: c.withheld,
      answered: ANSWERED.has(c.outcome),
      ...(c.durationSeconds === undefined ? {} : { duration: durationText(c.durationSeconds) }),
      ...(c.party === undefined ? {} : { person: c.party }),
      outcome: `${OUTCOMES[c.outcome]}${c.video === true ? ' (video)' : ''}`,
      exhibit: refOf(r.body.exhibit.evidenceId),
      recorded: recordedInfo(r.history, zone, time.local),
    });
  }
  return out;
}
