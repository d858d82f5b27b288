import { openEnvelopes } from './envelope-batch';
import { VaultIntegrityError } from './errors';
import { type RecordCache, toRevision } from './record-cache';
import type { RecordState } from './revision';
import {
  type FirstInOrder,
  firstByHint,
  makeSortHint,
  matchHint,
  openSortHint,
  type SortHint,
  type SortOrder,
  sameHint,
  sealSortHint,
  sortHintMetaKey,
} from './sort-hint';
import type { Envelope, RecordKind, VaultStore } from './types';

/**
 * The vault's side of sort hints (sort-hint.ts): reading the first screen of a kind through
 * its hint, and writing the hint again once the whole kind is decrypted. What it read or wrote
 * last is kept so an unchanged hint is not written again; `clear` drops it on lock.
 */
export class OrderHints {
  readonly #store: VaultStore;
  readonly #records: RecordCache;
  #known = new Map<RecordKind, SortHint>();
  // Moves on at each `clear`: what an unfinished read or write learns after a lock is dropped.
  #epoch = 0;

  constructor(store: VaultStore, records: RecordCache) {
    this.#store = store;
    this.#records = records;
  }

  async first(
    kind: RecordKind,
    order: SortOrder,
    count: number,
    ck: Uint8Array,
  ): Promise<FirstInOrder | undefined> {
    if (this.#records.isLoaded(kind)) return undefined;
    const epoch = this.#epoch;
    const [bytes, listing] = await Promise.all([
      this.#store.getMeta(sortHintMetaKey(kind)),
      this.#records.listing(kind),
    ]);
    const hint = await openSortHint(ck, kind, order.label, bytes);
    if (!hint || epoch !== this.#epoch) return undefined;
    this.#known.set(kind, hint);
    const open = async (envelopes: readonly Envelope[]) =>
      (await openEnvelopes(ck, envelopes)).map((opened, i): RecordState | undefined => {
        try {
          const env = envelopes[i] as Envelope;
          const state = toRevision(env, opened);
          // The whole kind is decrypted next, behind the first screen: not this one again.
          if (epoch === this.#epoch) this.#records.keepOpened(env, state);
          return state;
        } catch (error) {
          if (error instanceof VaultIntegrityError) return undefined;
          throw error;
        }
      });
    return firstByHint(matchHint(hint, listing), order, count, open);
  }

  /**
   * Writes the kind's hint from every record of it (decrypting them, if that is not done yet),
   * unless the stored one says the same. True when a hint was written.
   */
  async keep(
    kind: RecordKind,
    order: SortOrder,
    ck: Uint8Array,
    commit: (meta: Record<string, Uint8Array>) => Promise<void>,
  ): Promise<boolean> {
    const epoch = this.#epoch;
    const hint = makeSortHint(kind, order, await this.#records.entries(kind, ck));
    if (!hint) return false;
    const known =
      this.#known.get(kind) ??
      (await openSortHint(ck, kind, order.label, await this.#store.getMeta(sortHintMetaKey(kind))));
    if (known && sameHint(known, hint)) return false;
    await commit({ [sortHintMetaKey(kind)]: await sealSortHint(ck, hint) });
    if (epoch === this.#epoch) this.#known.set(kind, hint);
    return true;
  }

  clear(): void {
    this.#known = new Map();
    this.#epoch++;
  }
}
