import { z } from 'zod';
import { fromUtf8, utf8 } from './encoding';
import { sealEnvelope } from './envelope';
import { openEnvelopes } from './envelope-batch';
import type { RecordState } from './revision';
import type { Envelope, RecordKind } from './types';

/**
 * Sort hint v1 (SECURITY.md): this device's note of where each record of a kind falls in the
 * order the app shows it in, so that unlock can decrypt the first screen's records alone and
 * the rest behind it. Ordering by when an incident happened otherwise needs every body, and
 * the time is inside the ciphertext.
 *
 * It is a cache, never a source of truth: an envelope v1 under the case key (kind
 * `sort-hint`, id the record kind, rev 1) in the store's meta, local to this device (no backup
 * or sync carries it, and nothing is logged). Each entry names one envelope by its id, revision
 * and the start of its nonce, so an entry counts only for the very envelope it was made from;
 * a record saved, deleted or taken in from another device since is simply not covered, and is
 * decrypted. A hint that does not open, does not parse or was made under another order is
 * not used, and the whole kind is read as before.
 */
export const SORT_HINT_KIND = 'sort-hint';

export const sortHintMetaKey = (kind: RecordKind): string => `${SORT_HINT_KIND}:${kind}`;

/** Base64 characters of each envelope's nonce kept (96 of its 192 random bits). */
const NONCE_CHARS = 16;
/** At most this many sort keys per record. */
const MAX_WIDTH = 8;

/**
 * How the app orders a kind: by numeric keys, the largest first (the first key, then the next
 * on a tie), then by id. `label` names the key function and its version: a hint written
 * under another label is never used, so changing how keys are made means changing the label.
 */
export interface SortOrder {
  readonly label: string;
  keysOf(state: RecordState): readonly number[];
}

interface Keyed {
  readonly id: string;
  readonly keys: readonly number[];
}

/** The order `SortOrder` describes; every reader of a hint sorts with this one comparison. */
export function compareKeyed(a: Keyed, b: Keyed): number {
  const width = Math.max(a.keys.length, b.keys.length);
  for (let i = 0; i < width; i++) {
    const diff = (b.keys[i] ?? 0) - (a.keys[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** `states` in `order` (a new array). */
export function sortInOrder(states: readonly RecordState[], order: SortOrder): RecordState[] {
  return states
    .map((state) => ({ id: state.id, keys: order.keysOf(state), state }))
    .sort(compareKeyed)
    .map((x) => x.state);
}

// The columns are checked in one plain pass each: `z.array(z.string())` over 10,000 entries was
// the slowest part of reading a hint, cold, at unlock (27 ms in Node, against 2 ms once warm).
const column = <T>(is: (value: unknown) => value is T) =>
  z.custom<T[]>((value) => Array.isArray(value) && value.every(is));
const isString = (v: unknown): v is string => typeof v === 'string';
const isRevision = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;
const isNonce = (v: unknown): v is string => typeof v === 'string' && v.length === NONCE_CHARS;
const isKey = (v: unknown): v is number => Number.isFinite(v);

const SortHintSchema = z
  .object({
    v: z.literal(1),
    kind: z.string(),
    label: z.string(),
    width: z.number().int().min(1).max(MAX_WIDTH),
    ids: column(isString),
    revs: column(isRevision),
    nonces: column(isNonce),
    keys: column(isKey),
  })
  .refine(
    (h) =>
      h.revs.length === h.ids.length &&
      h.nonces.length === h.ids.length &&
      h.keys.length === h.ids.length * h.width,
    'the columns differ in length',
  );
export type SortHint = z.infer<typeof SortHintSchema>;

/** One record as the hint holds it: the envelope it was read from and its sort keys. */
export interface HintEntry {
  readonly state: RecordState;
  readonly nonce: string;
}

/** The hint for `entries` (undefined when a key is not a finite number: nothing to trust). */
export function makeSortHint(
  kind: RecordKind,
  order: SortOrder,
  entries: readonly HintEntry[],
): SortHint | undefined {
  const keyed = entries.map((e) => ({ e, keys: order.keysOf(e.state) }));
  const width = Math.max(1, ...keyed.map((k) => k.keys.length));
  if (width > MAX_WIDTH) return undefined;
  const keys: number[] = [];
  for (const k of keyed) {
    for (let i = 0; i < width; i++) {
      const key = k.keys[i] ?? 0;
      if (!Number.isFinite(key)) return undefined;
      keys.push(key);
    }
  }
  return {
    v: 1,
    kind,
    label: order.label,
    width,
    ids: keyed.map((k) => k.e.state.id),
    revs: keyed.map((k) => k.e.state.rev),
    nonces: keyed.map((k) => k.e.nonce.slice(0, NONCE_CHARS)),
    keys,
  };
}

/** Whether two hints say the same (so the stored one need not be written again). */
export function sameHint(a: SortHint, b: SortHint): boolean {
  if (a.kind !== b.kind || a.label !== b.label || a.width !== b.width) return false;
  if (a.ids.length !== b.ids.length) return false;
  const at = new Map(a.ids.map((id, i) => [id, i]));
  for (let j = 0; j < b.ids.length; j++) {
    const i = at.get(b.ids[j] as string);
    if (i === undefined || a.revs[i] !== b.revs[j] || a.nonces[i] !== b.nonces[j]) return false;
    for (let w = 0; w < a.width; w++) {
      if (a.keys[i * a.width + w] !== b.keys[j * b.width + w]) return false;
    }
  }
  return true;
}

/** The hint sealed for the store's meta: the envelope as UTF-8 JSON. */
export async function sealSortHint(ck: Uint8Array, hint: SortHint): Promise<Uint8Array> {
  const { envelope } = await sealEnvelope(ck, SORT_HINT_KIND, hint.kind, 1, hint);
  return utf8(JSON.stringify(envelope));
}

/** The stored hint of `kind` under `label`, or undefined if it is absent, altered or other. */
export async function openSortHint(
  ck: Uint8Array,
  kind: RecordKind,
  label: string,
  bytes: Uint8Array | undefined,
): Promise<SortHint | undefined> {
  if (!bytes) return undefined;
  let envelope: Envelope;
  try {
    envelope = JSON.parse(fromUtf8(bytes));
  } catch {
    return undefined;
  }
  if (envelope?.kind !== SORT_HINT_KIND || envelope.id !== kind || envelope.rev !== 1) {
    return undefined;
  }
  const [opened] = await openEnvelopes(ck, [envelope]);
  const hint = opened && SortHintSchema.safeParse(opened.value);
  if (!hint?.success || hint.data.kind !== kind || hint.data.label !== label) return undefined;
  return hint.data;
}

/** Where each record of a listing falls, by the hint where it covers it. */
export interface HintedListing {
  /** The newest stored envelope of each record, with its keys when the hint covers it. */
  readonly covered: readonly { readonly env: Envelope; readonly keys: readonly number[] }[];
  /** Newest envelopes the hint does not cover (new, changed or never hinted). */
  readonly uncovered: readonly Envelope[];
}

/** Splits the newest envelope of each record into what the hint covers and what it does not. */
export function matchHint(hint: SortHint, listing: readonly Envelope[]): HintedListing {
  const newest = new Map<string, Envelope>();
  for (const env of listing) {
    const seen = newest.get(env.id);
    if (!seen || env.rev > seen.rev) newest.set(env.id, env);
  }
  const at = new Map<string, number>();
  hint.ids.forEach((id, i) => {
    at.set(id, i);
  });
  const covered: { env: Envelope; keys: number[] }[] = [];
  const uncovered: Envelope[] = [];
  for (const env of newest.values()) {
    const i = at.get(env.id);
    if (
      i !== undefined &&
      hint.revs[i] === env.rev &&
      hint.nonces[i] === env.nonce.slice(0, NONCE_CHARS)
    ) {
      covered.push({ env, keys: hint.keys.slice(i * hint.width, (i + 1) * hint.width) });
    } else uncovered.push(env);
  }
  return { covered, uncovered };
}

/** The first records of a kind in an order, and how many records the kind has. */
export interface FirstInOrder {
  readonly states: RecordState[];
  /**
   * How many records the kind lists, less those found unreadable on the way; one the hint
   * covers is counted unopened, so a damaged one beyond the first is found (and dropped) only
   * by the whole kind's listing.
   */
  readonly total: number;
}

/**
 * The first `count` records in `order`, opening only those the hint does not cover and those
 * that come first. Undefined when the hint covers too little to be worth it (then the whole
 * kind is read), or when a first record does not open or does not have the keys the hint gave
 * it: the hint is then not trusted at all. `open` gives undefined for a revision that cannot
 * be read; such a record is left out, as the whole kind's listing leaves it out.
 */
export async function firstByHint(
  hinted: HintedListing,
  order: SortOrder,
  count: number,
  open: (envelopes: readonly Envelope[]) => Promise<(RecordState | undefined)[]>,
): Promise<FirstInOrder | undefined> {
  if (hinted.uncovered.length > hinted.covered.length) return undefined;
  const candidates: { id: string; keys: readonly number[]; env: Envelope; state?: RecordState }[] =
    hinted.covered.map((c) => ({ id: c.env.id, keys: c.keys, env: c.env }));
  const fresh = await open(hinted.uncovered);
  hinted.uncovered.forEach((env, i) => {
    const state = fresh[i];
    if (state) candidates.push({ id: env.id, keys: order.keysOf(state), env, state });
  });
  candidates.sort(compareKeyed);
  const first = candidates.slice(0, Math.max(1, count));
  const closed = first.filter((c) => c.state === undefined);
  const opened = await open(closed.map((c) => c.env));
  const states: RecordState[] = [];
  let next = 0;
  for (const c of first) {
    const state = c.state ?? opened[next++];
    if (!state) return undefined;
    const keys = order.keysOf(state);
    if (keys.length > c.keys.length || c.keys.some((key, i) => (keys[i] ?? 0) !== key)) {
      return undefined;
    }
    states.push(state);
  }
  return { states, total: candidates.length };
}
