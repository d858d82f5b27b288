import { type Opened, openEnvelope } from './envelope';
import { openEnvelopes } from './envelope-batch';
import { VaultIntegrityError } from './errors';
import { type RecordState, RevisionPayloadSchema, toRecordState } from './revision';
import type { Envelope, RecordKind, VaultStore } from './types';

/** A record whose stored revision cannot be decrypted or read: shown as such, never hidden. */
export interface UnreadableRecord {
  readonly kind: RecordKind;
  readonly id: string;
  readonly rev: number;
}

const keyOf = (kind: RecordKind, id: string) => `${kind}\u0000${id}`;

/** Decrypts one revision, or throws VaultIntegrityError naming it. */
export async function decodeRevision(ck: Uint8Array, env: Envelope): Promise<RecordState> {
  return toRevision(env, await openEnvelope(ck, env));
}

/** A revision from what opening its envelope gave; throws VaultIntegrityError naming it. */
export function toRevision(env: Envelope, opened: Opened | undefined): RecordState {
  const payload = opened && RevisionPayloadSchema.safeParse(opened.value);
  if (!payload?.success) {
    throw new VaultIntegrityError(
      `${env.kind} ${env.id} (revision ${env.rev}) has been altered or damaged and cannot be read.`,
    );
  }
  return toRecordState(env.kind, env.id, env.rev, payload.data);
}

/**
 * The latest decrypted revision of each record, loaded a kind at a time. A revision that does
 * not decrypt is kept aside as unreadable so the rest of its kind still opens.
 */
export class RecordCache {
  readonly #store: VaultStore;
  #latest = new Map<string, RecordState>();
  #loaded = new Set<RecordKind>();
  #unreadable = new Map<string, UnreadableRecord>();
  // The nonce of the envelope each cached revision came from: what a sort hint names it by.
  #nonces = new Map<string, string>();
  // Listings read while the keys were derived, each used by its kind's first load only.
  #early = new Map<RecordKind, Promise<Envelope[]>>();
  // Revisions already decrypted from envelopes of such a listing (a first screen read through a
  // sort hint), by the very envelope object: the kind's first load does not open them again.
  // An envelope read afresh from the store is a new object and is opened as ever.
  #opened = new WeakMap<Envelope, RecordState>();

  constructor(store: VaultStore) {
    this.#store = store;
  }

  async list(kind: RecordKind, ck: Uint8Array): Promise<RecordState[]> {
    await this.#load(kind, ck);
    return [...this.#latest.values()].filter((r) => r.kind === kind);
  }

  /** Each record of a kind with the nonce of the envelope it was read from (see sort-hint.ts). */
  async entries(
    kind: RecordKind,
    ck: Uint8Array,
  ): Promise<{ state: RecordState; nonce: string }[]> {
    const states = await this.list(kind, ck);
    const out: { state: RecordState; nonce: string }[] = [];
    for (const state of states) {
      const nonce = this.#nonces.get(keyOf(kind, state.id));
      if (nonce !== undefined) out.push({ state, nonce });
    }
    return out;
  }

  /** Whether a kind's records are all decrypted already. */
  isLoaded(kind: RecordKind): boolean {
    return this.#loaded.has(kind);
  }

  /**
   * The envelopes a kind's first load will open, without opening them: the listing read at
   * unlock, else one read now and kept for that load (a write of the kind drops it, as ever).
   */
  listing(kind: RecordKind): Promise<Envelope[]> {
    const early = this.#early.get(kind) ?? this.#store.listEnvelopes(kind);
    this.#early.set(kind, early);
    return early;
  }

  /**
   * Takes in a revision decrypted from an envelope of `listing(kind)` before the kind's first
   * load, so that load uses it instead of opening the envelope a second time.
   */
  keepOpened(env: Envelope, state: RecordState): void {
    if (!this.#loaded.has(env.kind)) this.#opened.set(env, state);
  }

  unreadable(kind?: RecordKind): UnreadableRecord[] {
    return [...this.#unreadable.values()].filter((r) => kind === undefined || r.kind === kind);
  }

  async current(kind: RecordKind, id: string, ck: Uint8Array): Promise<RecordState | undefined> {
    const key = keyOf(kind, id);
    const cached = this.#latest.get(key);
    if (cached || this.#loaded.has(kind)) return cached;
    const last = (await this.#store.getRevisions(kind, id)).at(-1);
    if (!last) return undefined;
    const state = await decodeRevision(ck, last);
    this.#latest.set(key, state);
    this.#nonces.set(key, last.nonce);
    return state;
  }

  /** The highest stored revision (0 if none), even when that revision cannot be read. */
  async lastRev(kind: RecordKind, id: string): Promise<number> {
    const key = keyOf(kind, id);
    const cached = this.#latest.get(key);
    if (cached && !this.#unreadable.has(key)) return cached.rev;
    const last = (await this.#store.getRevisions(kind, id)).at(-1);
    return last?.rev ?? 0;
  }

  /** Whether a record is known to exist (cached only: the store refuses a duplicate anyway). */
  has(kind: RecordKind, id: string): boolean {
    return this.#latest.has(keyOf(kind, id)) || this.#unreadable.has(keyOf(kind, id));
  }

  /**
   * Hands over a listing of `kind` read just now, for its first load; any write of that kind
   * before the load drops it (the load then reads the store).
   */
  useEarly(kind: RecordKind, listing: Promise<Envelope[]>): void {
    if (!this.#loaded.has(kind)) this.#early.set(kind, listing);
  }

  /** Takes in a revision just written, from the envelope with `nonce`. */
  set(state: RecordState, nonce: string): void {
    this.#early.delete(state.kind);
    const key = keyOf(state.kind, state.id);
    this.#latest.set(key, state);
    this.#nonces.set(key, nonce);
    this.#unreadable.delete(key);
  }

  /** Drops one record, and the mark that its kind is loaded (else it would read as absent). */
  forget(kind: RecordKind, id: string): void {
    this.#early.delete(kind);
    this.#latest.delete(keyOf(kind, id));
    this.#nonces.delete(keyOf(kind, id));
    this.#unreadable.delete(keyOf(kind, id));
    this.#loaded.delete(kind);
  }

  clear(): void {
    this.#early = new Map();
    this.#latest = new Map();
    this.#nonces = new Map();
    this.#loaded = new Set();
    this.#unreadable = new Map();
    this.#opened = new WeakMap();
  }

  async #load(kind: RecordKind, ck: Uint8Array): Promise<void> {
    if (this.#loaded.has(kind)) return;
    const newest = new Map<string, Envelope>();
    const early = this.#early.get(kind);
    this.#early.delete(kind);
    for (const env of await (early ?? this.#store.listEnvelopes(kind))) {
      const seen = newest.get(env.id);
      if (!seen || env.rev > seen.rev) newest.set(env.id, env);
    }
    const envelopes = [...newest.values()];
    const known = this.#opened;
    const toOpen = envelopes.filter((env) => !known.has(env));
    const results = await openEnvelopes(ck, toOpen);
    const opened = new Map<Envelope, Opened | undefined>(toOpen.map((env, i) => [env, results[i]]));
    envelopes.forEach((env) => {
      const key = keyOf(kind, env.id);
      try {
        this.#latest.set(key, known.get(env) ?? toRevision(env, opened.get(env)));
        this.#nonces.set(key, env.nonce);
        this.#unreadable.delete(key);
      } catch (error) {
        if (!(error instanceof VaultIntegrityError)) throw error;
        this.#unreadable.set(key, { kind, id: env.id, rev: env.rev });
      }
    });
    this.#loaded.add(kind);
  }
}
