import type { RecordState } from '@casebook/vault';
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

/** Newest first, without changing `states`. */
export function newestFirstStates(states: readonly RecordState[]): RecordState[] {
  return states
    .map((s) => ({ s, key: sortKeyOf(s), saved: Date.parse(s.at) || 0 }))
    .sort((a, b) => b.key - a.key || b.saved - a.saved || (a.s.id < b.s.id ? -1 : 1))
    .map((x) => x.s);
}

/**
 * Hands out the incidents a page at a time, newest first, so the timeline's first screen can
 * be drawn while the older ones are still on their way. Page 0 takes a fresh snapshot of the
 * vault's listing (all of it is decrypted in the worker, which is what ordering by time needs);
 * later pages read that same snapshot, so nothing is sent twice or skipped. A record saved
 * meanwhile reaches the page through its own save; the page keeps the higher revision.
 */
export class IncidentPages {
  #snapshot: RecordState[] | undefined;

  async page(
    list: () => Promise<RecordState[]>,
    offset: number,
    count: number,
  ): Promise<IncidentPage> {
    if (offset === 0 || this.#snapshot === undefined) {
      this.#snapshot = newestFirstStates(await list());
    }
    const all = this.#snapshot;
    const start = Math.max(0, Math.min(offset, all.length));
    const end = Math.min(all.length, start + Math.max(1, count));
    const records = all.slice(start, end).map(view);
    if (end >= all.length) this.#snapshot = undefined;
    return end < all.length
      ? { records, total: all.length, next: end }
      : { records, total: all.length };
  }
}
