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
import { type FetchLike, SyncClient } from '@casebook/sync';
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
  /** For benches: chunk requests in flight each way (the vault's default otherwise). */
  readonly chunksInFlight?: number | undefined;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

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
  // Read before anything is sent: only the server's part of the code may leave this device.
  const linkCode = args.link === undefined ? undefined : vaultSync.readLinkCode(args.link);
  if (args.link !== undefined && !linkCode) {
    return fail(
      'That linking code is not in the right form: it is seven groups of four letters and numbers, as your other device shows it. Check it and try again. Nothing was sent.',
    );
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
      const enrolled = linkCode
        ? await client.link(linkCode.serverPart)
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
    const stateWith = (cursor: SyncCursor | undefined): SyncState => ({
      v: 2,
      server: state.server,
      serverKey: state.serverKey,
      space: state.space,
      ...(cursor && { cursor }),
    });

    // What other devices wrote goes into the working copy, then into a new file beside this
    // one (with its sync state), before anything is sent: nothing received is lost if the
    // push fails. The file given is never changed.
    const round = await vaultSync.syncRound({
      internals,
      server: client,
      cursor: state.cursor,
      hasher: nodeSha256,
      ...(args.chunksInFlight !== undefined && { chunksInFlight: args.chunksInFlight }),
      keepIncoming: async (cursor) => {
        const written = await writeNewFile(out, writeBackup(opened.store, { hasher: nodeSha256 }));
        if (!written.ok) {
          return {
            ok: false,
            message: `${written.message} Nothing was written or sent; the changes stay on the server for the next sync.`,
          };
        }
        await writeSyncState(syncStatePath(out), stateWith(cursor));
        return { ok: true };
      },
    });
    for (const notice of round.notices) output.out(notice);
    if (!round.ok) {
      // After the new file is written a failure must still say where the changes went.
      const message =
        round.kept && round.stage !== 'keep'
          ? `${round.message} What your other devices sent was written to ${out} first; sync ${out} from now on.`
          : round.message;
      return fail(message, round.problem ? EXIT.problems : EXIT.failed);
    }
    const { changed, confirmed } = round;
    // The file given keeps its own state unless nothing came in (then it is the same casebook).
    await writeSyncState(changed ? syncStatePath(out) : statePath, stateWith(round.cursor));

    output.out(
      `Sent ${plural(round.sent, 'change', 'changes')}, received ${round.received}; history confirmed by the server up to ${confirmed ? describeTime(confirmed.serverTime) : 'nothing yet'}.`,
    );
    if (round.chunksSent > 0 || round.filesReceived > 0) {
      output.out(
        `File parts sent: ${round.chunksSent}; files received whole and checked: ${round.filesReceived}.`,
      );
    }
    const me = internals.header.v === 2 ? internals.header.device.id : '';
    for (const c of await vaultSync.listConflicts(internals)) {
      for (const line of describeConflict(c, me, changed ? out : args.casebook)) output.out(line);
    }
    if (round.heldBack > 0) {
      output.out(
        `${plural(round.heldBack, 'change', 'changes')} from another device wait on the server, from a file that could not be taken in whole (said above); the next sync tries again.`,
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
