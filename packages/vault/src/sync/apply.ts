/**
 * Taking in what other devices wrote, once `checkIncoming` has checked it: their log entries
 * and record revisions go into this casebook's store exactly as they were written, in one
 * atomic commit. Nothing is re-signed or re-encrypted, so `verify` checks them as it checks
 * this device's own. A revision whose (kind, id, rev) this store already holds with other
 * contents is kept beside it as a side (see store/README.md), never over it.
 */
import { openEnvelope } from '../envelope';
import { BLOB_KIND } from '../files';
import { type LogEntry, parseLogEntry } from '../log/log-entry';
import { decodeRevision } from '../record-cache';
import { envelopeKey, logKey } from '../store/batch';
import type { Envelope, SideRevision, StoredLogEntry } from '../types';
import type { VaultInternals } from '../vault-internals';
import type { Incoming } from './incoming';

/** What one apply wrote. */
export interface Applied {
  /** Other devices' log entries newly stored. */
  readonly entries: number;
  /** Their revisions newly stored at a free (kind, id, rev). */
  readonly revisions: number;
  /** Their revisions stored beside another at the same (kind, id, rev). */
  readonly sides: number;
  /**
   * Entries left on the server for now: from a device's first added file whose chunks were not
   * all fetched and checked on, its chain waits (a chain is taken only whole, in order).
   */
  readonly heldBack: number;
  /** Those entries' `device \0 seq` keys (as in `Incoming.sources`): pull them again later. */
  readonly waiting: readonly string[];
  /** Files whose chunks this apply committed (the rest of `files` are the caller's to discard). */
  readonly filesTaken: readonly string[];
}

const same = (a: Envelope, b: Envelope) => a.nonce === b.nonce && a.ct === b.ct;

/**
 * Stores a checked `Incoming`. Idempotent: what is stored already is left alone, so applying
 * the same pull again writes nothing. Runs in the vault's write queue. `files` are the added
 * files whose chunks are stored (uncommitted) and checked: an 'add-file' entry of any other
 * file keeps its chain waiting from there; the chunks of those taken are committed with it.
 */
export function applyIncoming(
  internals: VaultInternals,
  incoming: Incoming,
  files: ReadonlySet<string> = new Set(),
): Promise<Applied> {
  return internals.exclusive(async () => {
    const { store, keys } = internals;
    const stored = new Map((await store.readLog()).map((item) => [logKey(item), item]));

    // Each device's chain in order, stopping before the first file not fetched.
    const byDevice = new Map<string, StoredLogEntry[]>();
    for (const item of incoming.entries) {
      const list = byDevice.get(item.device ?? '') ?? [];
      list.push(item);
      byDevice.set(item.device ?? '', list);
    }
    const entries: StoredLogEntry[] = [];
    const taken = new Set<string>();
    const waitingKeys: string[] = [];
    const commitBlobs: string[] = [];
    const purgeBlobs: string[] = [];
    for (const list of byDevice.values()) {
      list.sort((a, b) => a.seq - b.seq);
      const fresh: { item: StoredLogEntry; entry: LogEntry | undefined }[] = [];
      for (const item of list) {
        const have = stored.get(logKey(item));
        if (have) {
          // checkIncoming refuses other bytes at a stored entry; reaching here is a bug.
          if (have.h !== item.h) throw new Error('A checked entry differs from the stored one');
          continue;
        }
        const opened = await openEnvelope(keys.ck, item.env);
        fresh.push({ item, entry: (opened && parseLogEntry(opened.value)) || undefined });
      }
      // A file whose purge (from another device) is stored already is never kept: its add goes
      // in without chunks (as on a device that purged it), and waits for none.
      const gone = new Set<string>();
      for (const { entry } of fresh) {
        if (entry?.op === 'add-file' && (await purgedHere(internals, entry.id))) gone.add(entry.id);
      }
      const cut = takenUpTo(fresh, files, gone);
      for (const [index, { item, entry }] of fresh.entries()) {
        const key = `${item.device}\u0000${item.seq}`;
        if (index >= cut.at) {
          waitingKeys.push(key);
          continue;
        }
        if (entry?.op === 'add-file' && !cut.bare.has(entry.id) && !gone.has(entry.id)) {
          commitBlobs.push(entry.id);
        }
        if (entry?.op === 'purge-file' && !cut.bare.has(entry.id)) purgeBlobs.push(entry.id);
        entries.push(item);
        taken.add(key);
      }
    }

    // Read once: one lookup per revision, whatever the casebook's size.
    const held = new Map((await store.listEnvelopes()).map((e) => [envelopeKey(e), e]));
    const heldSides = new Set(
      (await store.listSides()).map((s) => `${s.device}\u0000${envelopeKey(s.envelope)}`),
    );
    const envelopes: Envelope[] = [];
    const sides: SideRevision[] = [];
    const touched = new Map<string, { kind: string; id: string }>();
    for (const r of incoming.revisions) {
      const waits = !taken.has(`${r.device}\u0000${r.seq}`) && !stored.has(logKey(entryOf(r)));
      if (waits) continue;
      const key = envelopeKey(r.envelope);
      const main = held.get(key);
      if (main && same(main, r.envelope)) continue;
      if (heldSides.has(`${r.device}\u0000${key}`)) continue;
      if (!main) {
        envelopes.push(r.envelope);
        held.set(key, r.envelope);
      } else {
        sides.push({ device: r.device, envelope: r.envelope });
        heldSides.add(`${r.device}\u0000${key}`);
      }
      const { kind, id } = r.envelope;
      touched.set(`${kind}\u0000${id}`, { kind, id });
    }

    // A file added and purged within what is taken now is never stored (its fetched chunks are
    // discarded by the caller): committing and purging one blob at once would make the store
    // refuse the whole commit, and every sync after it.
    const purging = new Set(purgeBlobs);
    const both = new Set(commitBlobs.filter((id) => purging.has(id)));
    const toCommit = commitBlobs.filter((id) => !both.has(id));
    const toPurge = purgeBlobs.filter((id) => !both.has(id));
    if (entries.length > 0 || envelopes.length > 0 || sides.length > 0) {
      await store.commit({
        envelopes,
        log: entries,
        ...(sides.length > 0 && { sides }),
        ...(toCommit.length > 0 && { commitBlobs: toCommit }),
        ...(toPurge.length > 0 && { purgeBlobs: toPurge }),
      });
    }
    for (const { kind, id } of touched.values()) internals.forget(kind, id);
    return {
      entries: entries.length,
      revisions: envelopes.length,
      sides: sides.length,
      heldBack: waitingKeys.length,
      waiting: waitingKeys,
      filesTaken: toCommit,
    };
  });
}

/**
 * How much of one device's new entries (in order) can be taken: up to the first that does not
 * open, or the first added file whose chunks were not fetched. A file added and purged within
 * these entries needs no chunks (its bytes were removed on its own device, perhaps before they
 * ever reached the server): its add is taken bare with its purge, and no blob is committed or
 * purged for it; but if the cut falls between the two, the add waits too, so it never goes in
 * without its purge.
 */
function takenUpTo(
  fresh: readonly { entry: LogEntry | undefined }[],
  files: ReadonlySet<string>,
  gone: ReadonlySet<string>,
): { at: number; bare: ReadonlySet<string> } {
  const purgedAt = new Map<string, number>();
  for (const [index, { entry }] of fresh.entries()) {
    if (entry?.op === 'purge-file') purgedAt.set(entry.id, index);
  }
  const bareAdds = new Map<string, number>();
  let at = fresh.length;
  for (const [index, { entry }] of fresh.entries()) {
    if (!entry) {
      at = index;
      break;
    }
    if (entry.op !== 'add-file' || files.has(entry.id) || gone.has(entry.id)) continue;
    const purged = purgedAt.get(entry.id);
    if (purged !== undefined && purged > index) bareAdds.set(entry.id, index);
    else {
      at = index;
      break;
    }
  }
  // A cut between a bare add and its purge moves back to the add (again, until none is split).
  for (let moved = true; moved; ) {
    moved = false;
    for (const [id, added] of bareAdds) {
      const purged = purgedAt.get(id) as number;
      if (added < at && at <= purged) {
        at = added;
        moved = true;
      }
    }
  }
  const bare = new Set(
    [...bareAdds].filter(([id]) => (purgedAt.get(id) as number) < at).map(([id]) => id),
  );
  return { at, bare };
}

/**
 * Whether this casebook holds a purge of that file (a tombstone revision: only a purge writes
 * one for a file). Chains are taken in order each, but one device's purge can come before
 * another's add: the add would otherwise bring the purged file back.
 */
export async function purgedHere(internals: VaultInternals, blobId: string): Promise<boolean> {
  for (const envelope of await internals.store.getRevisions(BLOB_KIND, blobId)) {
    const state = await decodeRevision(internals.keys.ck, envelope).catch(() => undefined);
    if (state?.deleted) return true;
  }
  return false;
}

/** The (chain, seq) a remote revision's entry is stored under. */
function entryOf(r: { device: string; seq: number }): Pick<StoredLogEntry, 'v' | 'device' | 'seq'> {
  return { v: 2, device: r.device, seq: r.seq };
}
