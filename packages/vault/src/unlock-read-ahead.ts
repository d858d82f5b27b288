import type { Envelope, RecordKind, StoredLogEntry, VaultStore } from './types';
import { HEADER_META_KEY, parseHeader } from './vault-header';

/**
 * What unlock reads that needs no key — the header, this device's newest log entry and the
 * ciphertext of the kinds the first screen shows — read before the passphrase is known (in the
 * web app, while the lock screen shows), so that Argon2id is the only wait once it is typed.
 * Listing 10,000 incidents costs 120–160 ms in Chromium; read during the derivation it still
 * finished 50–70 ms after it, because the worker thread that takes the rows in is the one busy
 * with Argon2id.
 *
 * It is used only if the store has not changed since: unlock reads the header, the tip and each
 * kind's count again (all small reads, beside the derivation) and uses a listing only when all
 * three are as they were. Envelopes are only ever added, so the same count of a kind means the
 * same set; the tip and header catch a casebook replaced under the same count. Otherwise the
 * listing is read again, as if there had been no read ahead.
 */
export interface ReadAhead {
  readonly header: Promise<Uint8Array | undefined>;
  readonly tip: Promise<StoredLogEntry | undefined>;
  readonly listings: ReadonlyMap<RecordKind, Promise<Envelope[]>>;
}

const quiet = <T>(promise: Promise<T>): Promise<T> => {
  // Handled where it is used; this only keeps an unused failure from going unhandled.
  promise.catch(() => undefined);
  return promise;
};

/** This device's chain is the one unlock continues; a v1 header has the one chain. */
function deviceOf(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes) return undefined;
  const parsed = parseHeader(bytes);
  return parsed.ok && parsed.value.v === 2 ? parsed.value.device.id : undefined;
}

/** Starts the reads; nothing here needs the passphrase or decrypts anything. */
export function readAhead(store: VaultStore, kinds: readonly RecordKind[]): ReadAhead {
  const header = quiet(store.getMeta(HEADER_META_KEY));
  const tip = quiet(header.then((bytes) => store.lastLogEntry(deviceOf(bytes))));
  const listings = new Map<RecordKind, Promise<Envelope[]>>();
  for (const kind of new Set(kinds)) {
    // No casebook, nothing to list (a casebook created later is never listed from here).
    listings.set(kind, quiet(header.then((bytes) => (bytes ? store.listEnvelopes(kind) : []))));
  }
  return { header, tip, listings };
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

const sameTip = (a: StoredLogEntry | undefined, b: StoredLogEntry | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.seq === b.seq && a.h === b.h;

/**
 * Each kind's listing for unlock: the read-ahead one if the store is as it was when it was read
 * (`header` is the header unlock has just read), else a fresh read. A read ahead that failed
 * is read again too. The checks run as soon as this is called, beside the key derivation.
 */
export function listingsForUnlock(
  store: VaultStore,
  ahead: ReadAhead,
  header: Uint8Array,
): Map<RecordKind, Promise<Envelope[]>> {
  const unchanged = (async () => {
    const [before, tipBefore, tipNow] = await Promise.all([
      ahead.header,
      ahead.tip,
      store.lastLogEntry(deviceOf(header)),
    ]);
    return before !== undefined && sameBytes(before, header) && sameTip(tipBefore, tipNow);
  })().catch(() => false);
  const listings = new Map<RecordKind, Promise<Envelope[]>>();
  for (const [kind, early] of ahead.listings) {
    const count = store.countEnvelopes(kind).catch(() => -1);
    const listing = (async () => {
      const [same, stored, listed] = await Promise.all([
        unchanged,
        count,
        early.catch(() => undefined),
      ]);
      return same && listed?.length === stored ? listed : store.listEnvelopes(kind);
    })();
    listings.set(kind, quiet(listing));
  }
  return listings;
}
