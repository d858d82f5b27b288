/**
 * `casebook sync <file.casebook> --server <url> [--invite CODE | --link CODE] [--out new]`:
 * enrols the casebook's device on first use (or links it to a casebook already there with a
 * linking code from another device), pulls and checks what the server holds since the last
 * sync (sync-cursor.ts; everything when that cannot be trusted), takes in what
 * other devices wrote, pushes this device's changes the server lacks, and has the server
 * countersign the history. As `add` does, it never changes the file: what came in is written
 * to a new casebook beside it (`<name>.new.casebook`, or --out), with its sync state beside
 * that, and only when something came in.
 */
import { type FetchLike, fromBase64, SyncClient, type SyncResult } from '@casebook/sync';
import {
  describeTime,
  syncIdentity,
  syncSigner,
  sync as vaultSync,
  writeBackup,
} from '@casebook/vault';
import { defaultOutPath } from '../commands/add';
import { nodeSha256 } from '../commands/verify';
import { EXIT, type Output } from '../io';
import { openVaultCopy } from '../open-vault';
import { writeNewFile } from '../write-new-file';
import { describeConflict } from './describe-conflict';
import { nodeFetch, serverOrigin } from './node-fetch';
import { describeStanding, standing } from './server-history';
import { anchorHolds, cursorAfterPull, cursorAfterPush, headsHold, headsOf } from './sync-cursor';
import {
  readSyncState,
  type SyncCursor,
  type SyncState,
  syncStatePath,
  writeSyncState,
} from './sync-state';

export interface SyncArgs {
  readonly casebook: string;
  readonly server: string | undefined;
  readonly invite?: string | undefined;
  /** A linking code shown on another device of this casebook (first sync only). */
  readonly link?: string | undefined;
  readonly out?: string | undefined;
  /** For tests and benches: the fetch to send through (counted there). */
  readonly fetch?: FetchLike | undefined;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One retry after a dropped connection: the same bytes again, which the server takes once. */
async function twice<T>(send: () => Promise<SyncResult<T>>): Promise<SyncResult<T>> {
  const first = await send();
  return !first.ok && first.code === 'offline' ? send() : first;
}

export async function syncCommand(args: SyncArgs, output: Output): Promise<number> {
  const fail = (message: string, code: number = EXIT.failed) => {
    output.err(message);
    return code;
  };
  if (!args.server) {
    return fail(
      '"casebook sync" needs --server, e.g. casebook sync my.casebook --server https://sync.example.org',
    );
  }
  const origin = serverOrigin(args.server);
  if (!origin.ok) return fail(origin.message);
  const statePath = syncStatePath(args.casebook);
  const read = await readSyncState(statePath);
  if (!read.ok) return fail(read.message);
  const known = read.state;
  if (known && args.link !== undefined) {
    return fail(
      `This casebook is already linked to ${known.server}; a linking code is only for its first sync. Nothing was sent.`,
    );
  }
  if (args.link !== undefined && args.invite !== undefined) {
    return fail('Give either an invite code or a linking code, not both. Nothing was sent.');
  }
  const out = args.out ?? defaultOutPath(args.casebook);
  if (known && known.server !== origin.origin) {
    return fail(
      `This casebook syncs with ${known.server}, not ${origin.origin}. Nothing was sent.`,
    );
  }
  const opened = await openVaultCopy(args.casebook, `${out}.sync-spool`, output, {
    refusal: 'Casebook did not sync',
    verb: 'syncing it',
    nothing: 'Nothing was sent.',
  });
  if (typeof opened === 'number') return opened;
  try {
    const { vault } = opened;
    const internals = vault.internals;
    const client = new SyncClient({
      server: origin.origin,
      signer: syncSigner(vault),
      fetch: args.fetch ?? nodeFetch,
      ...(known ? { serverKey: known.serverKey, space: known.space } : {}),
    });
    let state: SyncState;
    if (known) {
      state = known;
    } else {
      const enrolled =
        args.link !== undefined
          ? await client.link(args.link)
          : await client.enrol(syncIdentity(vault), args.invite);
      if (!enrolled.ok) return fail(`${enrolled.message} Nothing was sent.`);
      state = {
        v: 2,
        server: origin.origin,
        serverKey: enrolled.value.serverKey,
        space: enrolled.value.space,
      };
      await writeSyncState(statePath, state);
    }

    // Pull from where the last sync left off, when that still describes this casebook and this
    // server; else everything again (always safe), saying why.
    let cursor = state.cursor;
    if (cursor && !headsHold(cursor.heads, await internals.store.readLog())) {
      output.out(
        'This casebook is not the copy the last sync left (it may be an older copy), so everything on the server is checked again.',
      );
      cursor = undefined;
    }
    let pulled = await twice(() => client.pull(cursor ? cursor.seq - 1 : 0));
    if (!pulled.ok) return fail(pulled.message);
    if (cursor && !anchorHolds(cursor, pulled.value.changes)) {
      output.out(
        'The server does not hold what it held at the last sync (it may have been restored from a backup), so everything on it is checked again.',
      );
      cursor = undefined;
      pulled = await twice(() => client.pull(0));
      if (!pulled.ok) return fail(pulled.message);
    }
    const changes = pulled.value.changes;
    const checked = await vaultSync.checkIncoming(
      internals,
      changes.map((c) => ({ id: c.id, data: fromBase64(c.data) })),
    );
    if (!checked.ok) return fail(checked.message, EXIT.problems);

    // What other devices wrote goes into the working copy, then into a new file beside this
    // one (with its sync state), before anything is sent: nothing received is lost if the
    // push fails. The file given is never changed.
    const applied = await vaultSync.applyIncoming(internals, checked.value);
    const changed = applied.entries + applied.revisions + applied.sides > 0;
    const waitingIds = new Set(applied.waiting.flatMap((k) => checked.value.sources.get(k) ?? []));
    let at = cursorAfterPull(cursor && { seq: cursor.seq, id: cursor.id }, changes, waitingIds);
    // Own entries the server holds at or below the cursor: the rest are seen in the next pull.
    const serverSeq = new Map(changes.map((c) => [c.id, c.seq]));
    let pushed = cursor?.pushed ?? -1;
    for (const [id, seq] of checked.value.ownIds) {
      if ((serverSeq.get(id) ?? Number.POSITIVE_INFINITY) <= (at?.seq ?? 0)) {
        pushed = Math.max(pushed, seq);
      }
    }
    const remember = async (path: string, confirmed?: SyncCursor['confirmed']) => {
      const log = await internals.store.readLog();
      await writeSyncState(path, {
        v: 2,
        server: state.server,
        serverKey: state.serverKey,
        space: state.space,
        ...(at && {
          cursor: {
            seq: at.seq,
            id: at.id,
            pushed,
            heads: headsOf(log),
            ...(confirmed && { confirmed }),
          },
        }),
      });
    };
    if (changed) {
      const written = await writeNewFile(out, writeBackup(opened.store, { hasher: nodeSha256 }));
      if (!written.ok) {
        return fail(
          `${written.message} Nothing was written or sent; the changes stay on the server for the next sync.`,
        );
      }
      await remember(syncStatePath(out));
    }
    // After the new file is written a later failure must still say where the changes went.
    const failLater = (message: string, code: number = EXIT.failed) =>
      fail(
        changed
          ? `${message} What your other devices sent was written to ${out} first; sync ${out} from now on.`
          : message,
        code,
      );

    // The server holds this device's entries up to `pushed` (below the cursor) and those pulled;
    // the rest are skipped before their records are read.
    const sent = new Set(checked.value.ownSeqs);
    for (let seq = 0; seq <= (cursor?.pushed ?? -1); seq += 1) sent.add(seq);
    const outgoing = await vaultSync.outgoingChanges(internals, sent);
    const sealed = await Promise.all(
      outgoing.map((c) => vaultSync.sealSyncEnvelope(internals.keys.ck, c.change)),
    );
    if (sealed.length > 0) {
      const answer = await twice(() => client.push(sealed));
      if (!answer.ok) return failLater(answer.message);
      if (applied.waiting.length === 0 && at?.seq === (changes.at(-1)?.seq ?? cursor?.seq)) {
        const moved = cursorAfterPush(at, answer.value.head, answer.value.seqs);
        if (moved !== at) {
          at = moved;
          pushed = Math.max(pushed, ...outgoing.map((c) => c.seq));
        }
      }
    }

    const history = await vaultSync.historyToConfirm(internals);
    if (!history) return failLater('This casebook has no history to confirm yet.');
    const last = history.hashes.length - 1;
    let confirmed: { seq: number; head: string; serverTime: string } | undefined;
    const kept = cursor?.confirmed;
    if (sealed.length === 0 && kept && kept.seq === last && kept.head === history.hashes[last]) {
      // Nothing sent and the server confirmed this very head before: no need to ask again.
      confirmed = kept;
    } else {
      const listed = await client.checkpoints();
      if (!listed.ok) return failLater(listed.message);
      const mine = listed.value.checkpoints.find(
        (c) => c.chain === history.chain && c.device === client.deviceId,
      );
      const before = standing(history.hashes, mine);
      if (before.kind === 'behind' || before.kind === 'forked') {
        return failLater(describeStanding(before, history.hashes.length), EXIT.problems);
      }
      const from = before.kind === 'holds' ? before.confirmed.seq + 1 : 0;
      confirmed = before.kind === 'holds' ? before.confirmed : undefined;
      if (from < history.hashes.length) {
        const posted = await twice(() =>
          client.postHistory({
            chain: history.chain,
            from,
            hashes: history.hashes.slice(from),
            checkpoint: history.checkpoint,
          }),
        );
        if (!posted.ok) return failLater(posted.message);
        confirmed = posted.value;
      }
    }
    const confirmedNow = confirmed && {
      seq: confirmed.seq,
      head: confirmed.head,
      serverTime: confirmed.serverTime,
    };
    // The file given keeps its own state unless nothing came in (then it is the same casebook).
    await remember(changed ? syncStatePath(out) : statePath, confirmedNow);

    const received = applied.entries;
    output.out(
      `Sent ${plural(sealed.length, 'change', 'changes')}, received ${received}; history confirmed by the server up to ${confirmed ? describeTime(confirmed.serverTime) : 'nothing yet'}.`,
    );
    const me = internals.header.v === 2 ? internals.header.device.id : '';
    for (const c of await vaultSync.listConflicts(internals)) {
      for (const line of describeConflict(c, me, changed ? out : args.casebook)) output.out(line);
    }
    if (applied.heldBack > 0) {
      output.out(
        `${plural(applied.heldBack, 'change', 'changes')} from another device wait on the server: files added or removed there are not copied by this command yet.`,
      );
    }
    if (changed) {
      output.out(
        `Wrote ${out} with the changes from your other devices; sync ${out} from now on. ${args.casebook} is unchanged.`,
      );
    }
    return EXIT.ok;
  } finally {
    await opened.close();
  }
}
