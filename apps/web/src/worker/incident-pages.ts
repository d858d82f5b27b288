import { type FirstInOrder, type RecordState, type SortOrder, sortInOrder } from '@casebook/vault';
import type { RecordView } from '../data/record-types';
import { view } from './record-view';

/** One slice of the incidents, newest first, as unlock hands them to the page. */
export interface IncidentPage {
  readonly records: RecordView[];
  /** How many incidents (tombstones included) the whole listing holds. */
  readonly total: number;
  /** Where the next page starts; absent on the last page. */
  readonly next?: number;
}

/**
 * The order the page's timeline draws (`timeline-filter.ts` `prepare`): a live incident by when
 * it started, a tombstone by when it was deleted; within the same instant, the one saved last
 * first. Read without the full schema check (that is done per page, in `view`): a body whose
 * start cannot be read sorts by when it was saved, as the page sorts an unreadable one.
 */
export function sortKeyOf(state: RecordState): number {
  const savedAt = Date.parse(state.at) || 0;
  if (state.deleted) return savedAt;
  const start = (state.body as { when?: { start?: { local?: unknown; offset?: unknown } } })?.when
    ?.start;
  if (typeof start?.local !== 'string' || typeof start.offset !== 'string') return savedAt;
  const sign = start.offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(start.offset.slice(1, 3)) * 60 + Number(start.offset.slice(4, 6)));
  const t = Date.parse(`${start.local}Z`) - minutes * 60_000;
  return Number.isFinite(t) ? t : savedAt;
}

/**
 * The timeline's order for the vault (its sort hint, `Vault.firstInOrder`): by `sortKeyOf`,
 * then by when it was saved, then by id. Change the label whenever either key changes, so a
 * hint written by an older version of the app is never used.
 */
export const INCIDENT_ORDER: SortOrder = {
  label: 'incident-timeline/1',
  keysOf: (state) => [sortKeyOf(state), Date.parse(state.at) || 0],
};

/** Newest first, without changing `states`. */
export function newestFirstStates(states: readonly RecordState[]): RecordState[] {
  return sortInOrder(states, INCIDENT_ORDER);
}

/** Where the incidents come from: the vault's whole listing, and its sort hint where kept. */
export interface IncidentSource {
  /** Every incident, decrypted. */
  list(): Promise<RecordState[]>;
  /** The first `count` in `INCIDENT_ORDER` from the sort hint, or undefined (then `list`). */
  first?(count: number): Promise<FirstInOrder | undefined>;
  /** Writes the sort hint again from the whole listing (best effort). */
  keepHint?(): Promise<unknown>;
}

/**
 * Hands out the incidents a page at a time, newest first, so the timeline's first screen can
 * be drawn while the older ones are still on their way. Page 0 comes from the vault's sort
 * hint where it has one (only the first screen's incidents are decrypted), else from a fresh
 * snapshot of the whole listing (all of it decrypted in the worker, which ordering by time
 * needs without a hint). Later pages read one snapshot, so nothing is skipped; if it does not
 * begin with the page 0 the hint gave (a save in between), they start again from the top, and
 * the page keeps one copy of each incident. A record saved meanwhile reaches the page through
 * its own save; the page keeps the higher revision.
 */
export class IncidentPages {
  #snapshot: RecordState[] | undefined;
  /** What page 0 sent from the sort hint, until the snapshot is taken. */
  #hinted: readonly { readonly id: string; readonly rev: number }[] | undefined;
  /** Counts page 0 calls: a call from an earlier run (a reload began meanwhile) changes nothing. */
  #run = 0;

  async page(source: IncidentSource, offset: number, count: number): Promise<IncidentPage> {
    const size = Math.max(1, count);
    if (offset === 0) {
      const run = ++this.#run;
      this.#snapshot = undefined;
      this.#hinted = undefined;
      const first = await source.first?.(size).catch(() => undefined);
      if (first && first.total > first.states.length) {
        if (run === this.#run) this.#hinted = first.states.map(({ id, rev }) => ({ id, rev }));
        const records = first.states.map(view);
        return { records, total: first.total, next: records.length };
      }
    }
    const run = this.#run;
    let from = offset;
    let all = this.#snapshot;
    if (offset === 0 || all === undefined) {
      all = newestFirstStates(await source.list());
      if (run === this.#run) {
        const hinted = this.#hinted;
        this.#hinted = undefined;
        this.#snapshot = all;
        const listed = all;
        const same = (h: { id: string; rev: number }, i: number) =>
          listed[i]?.id === h.id && listed[i]?.rev === h.rev;
        if (hinted && !hinted.every(same)) from = 0;
      }
    }
    const start = Math.max(0, Math.min(from, all.length));
    const end = Math.min(all.length, start + size);
    const records = all.slice(start, end).map(view);
    if (end >= all.length && run === this.#run) {
      this.#snapshot = undefined;
      // Every incident is decrypted and sent: a good moment to bring the hint up to date.
      source.keepHint?.().catch(() => undefined);
    }
    return end < all.length
      ? { records, total: all.length, next: end }
      : { records, total: all.length };
  }
}
