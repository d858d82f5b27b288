/**
 * Checking what other devices sent, before anything of it is believed: every pulled envelope
 * must open under this casebook's key and id; every log entry must sit on its device's chain,
 * signed by a device key this casebook's identity certified (the same walk `verify` does, over
 * this device's log and theirs together); every record revision must be the one its signed
 * entry names, by hash. The server's own word (which device sent it) is not used.
 */
import { sha256, toHex } from '../encoding';
import { openEnvelope } from '../envelope';
import { verifyChains } from '../log/log-chain';
import { type LogEntryV2, RECORD_OPS } from '../log/log-entry';
import { decodeRevision } from '../record-cache';
import { fail, ok, type Result } from '../result';
import type { RecordState } from '../revision';
import type { Envelope, StoredLogEntry } from '../types';
import type { VaultInternals } from '../vault-internals';
import { ownEntries } from './outgoing';
import { parseSyncChange } from './sync-change';
import { openSyncEnvelope } from './sync-envelope';
import { manifestOf } from './sync-files';

/** A record revision another device wrote, checked against its signed entry. */
export interface RemoteRevision {
  /** The casebook's id for that device (its chain), not the server's. */
  readonly device: string;
  readonly seq: number;
  readonly envelope: Envelope;
  readonly state: RecordState;
}

export interface Incoming {
  /** Entry numbers of this device's own changes that the server already holds. */
  readonly ownSeqs: ReadonlySet<number>;
  /** Which pulled change (by id) held which of those entries. */
  readonly ownIds: ReadonlyMap<string, number>;
  /** Other devices' entries this casebook does not hold yet, checked. */
  readonly entries: readonly StoredLogEntry[];
  /** The record revisions those entries wrote. */
  readonly revisions: readonly RemoteRevision[];
  /** The pulled change ids each fresh entry came in (`device \0 seq`): what a held-back entry
   * must be pulled again from. */
  readonly sources: ReadonlyMap<string, readonly string[]>;
}

export type IncomingRefusal = 'unreadable' | 'bad-history' | 'behind';

const NOTHING_KEPT = 'Nothing from the server was taken in; your casebook is as it was.';

/** Checks pulled changes (`data` decoded from base64). Pulling the same again gives the same. */
export async function checkIncoming(
  internals: VaultInternals,
  pulled: readonly { id: string; data: Uint8Array }[],
): Promise<Result<Incoming, IncomingRefusal>> {
  const { keys, header, store } = internals;
  const log = await store.readLog();
  const own = ownEntries(internals, log);
  const mine = new Map(own.map((item) => [item.seq, item]));
  const me = header.v === 2 ? header.device.id : undefined;
  // A device linked to a casebook begun under v1 holds the v1 entries as a shared start.
  const v1IsMine = own.some((item) => item.v !== 2) || !log.some((item) => item.v !== 2);
  const v1Held = new Map(log.filter((item) => item.v !== 2).map((item) => [item.seq, item]));
  const ownSeqs = new Set<number>();
  const ownIds = new Map<string, number>();
  const theirs = new Map<string, { item: StoredLogEntry; records: readonly Envelope[] }>();
  const sources = new Map<string, string[]>();

  for (const { id, data } of pulled) {
    const change = parseSyncChange(await openSyncEnvelope(keys.ck, id, data));
    if (!change) {
      return fail(
        'unreadable',
        `A change on the server does not open with this casebook’s key: it is damaged or not this casebook’s. ${NOTHING_KEPT}`,
      );
    }
    const item = change.log;
    if (item.v !== 2 && !v1IsMine) {
      if (v1Held.get(item.seq)?.h !== item.h) {
        return fail(
          'bad-history',
          `The server holds a start of this casebook’s history that differs from this copy’s at entry ${item.seq}. ${NOTHING_KEPT}`,
        );
      }
      continue;
    }
    if (item.v !== 2 || item.device === me) {
      // One of this device's own: it must be exactly the entry this casebook holds.
      const local = mine.get(item.seq);
      if (!local && item.seq > Math.max(-1, ...mine.keys())) {
        return fail(
          'behind',
          `The server has seen a longer history than this casebook holds (entry ${item.seq} of this device; this copy ends at ${Math.max(-1, ...mine.keys())}). This may be an older copy, or entries were cut from it. ${NOTHING_KEPT}`,
        );
      }
      if (!local || local.h !== item.h) {
        return fail(
          'bad-history',
          `The server holds a history of this device that differs from this casebook’s at entry ${item.seq}. ${NOTHING_KEPT}`,
        );
      }
      ownSeqs.add(item.seq);
      ownIds.set(id, item.seq);
      continue;
    }
    const key = `${item.device}\u0000${item.seq}`;
    const seen = theirs.get(key);
    if (seen && seen.item.h !== item.h) {
      return fail(
        'bad-history',
        `Another device’s history on the server has two different entries numbered ${item.seq}: it has been forked. ${NOTHING_KEPT}`,
      );
    }
    theirs.set(key, { item, records: change.records });
    sources.set(key, [...(sources.get(key) ?? []), id]);
  }

  const remote = [...theirs.values()];
  // Entries taken in by an earlier sync are in the log already: the same bytes are walked once,
  // and other bytes at a stored (device, seq) are a fork.
  const stored = new Map(log.map((item) => [`${item.device ?? ''}\u0000${item.seq}`, item]));
  const fresh: StoredLogEntry[] = [];
  for (const { item } of remote) {
    const have = stored.get(`${item.device}\u0000${item.seq}`);
    if (have && have.h !== item.h) {
      return fail(
        'bad-history',
        `Another device’s history on the server differs at entry ${item.seq} from what this casebook took in before: it has been forked. ${NOTHING_KEPT}`,
      );
    }
    if (!have) fresh.push(item);
  }
  // Nothing new: what is stored was checked when it was taken in (and `verify` checks it).
  if (fresh.length === 0) return ok({ ownSeqs, ownIds, entries: [], revisions: [], sources });
  const walked = await verifyChains(keys.ck, header.caseId, keys.publicKey, [...log, ...fresh]);
  if (walked.problems.length > 0) {
    return fail(
      'bad-history',
      `Another device’s history on the server does not check out (${walked.problems[0]?.message}) ${NOTHING_KEPT}`,
    );
  }
  const entryOf = new Map<string, LogEntryV2>();
  for (const entry of walked.entries) {
    if ('v' in entry && entry.v === 2) entryOf.set(`${entry.device}\u0000${entry.seq}`, entry);
  }

  const revisions: RemoteRevision[] = [];
  const isFresh = new Set(fresh);
  for (const { item, records } of remote) {
    if (!isFresh.has(item)) continue; // taken in before, with its revision
    const entry = entryOf.get(`${item.device}\u0000${item.seq}`);
    const device = item.device ?? '';
    const envelope = records[0];
    if (!entry || !RECORD_OPS.has(entry.op)) continue;
    const opened = envelope && (await openEnvelope(keys.ck, envelope));
    const names =
      envelope &&
      opened &&
      envelope.kind === entry.kind &&
      envelope.id === entry.id &&
      envelope.rev === entry.rev;
    // An added file's entry names the file's digest, which its manifest must carry (the
    // chunks are checked against it when they are fetched); every other entry, the revision's.
    const matches =
      names &&
      (entry.op === 'add-file'
        ? (await manifestOf(keys.ck, envelope))?.sha256 === entry.sha256
        : toHex(await sha256(opened.canonical)) === entry.sha256);
    if (!envelope || !matches) {
      return fail(
        'bad-history',
        `A record sent by another device is not the one its signed log entry names (entry ${item.seq}). ${NOTHING_KEPT}`,
      );
    }
    revisions.push({
      device,
      seq: item.seq,
      envelope,
      state: await decodeRevision(keys.ck, envelope),
    });
  }
  revisions.sort((a, b) => (a.device === b.device ? a.seq - b.seq : a.device < b.device ? -1 : 1));
  return ok({ ownSeqs, ownIds, entries: fresh, revisions, sources });
}
