/**
 * `casebook sync <file.casebook> --server <url> [--invite CODE]`: enrols the casebook's device
 * on first use, pulls and checks what the server holds, pushes this device's changes the
 * server lacks, and has the server countersign the history. It works on a copy (the file is
 * not changed) and says in one line what happened.
 */
import { fromBase64, SyncClient, type SyncResult } from '@casebook/sync';
import { describeTime, syncIdentity, syncSigner, sync as vaultSync } from '@casebook/vault';
import { EXIT, type Output } from '../io';
import { openVaultCopy } from '../open-vault';
import { nodeFetch, serverOrigin } from './node-fetch';
import { describeStanding, standing } from './server-history';
import { readSyncState, syncStatePath, writeSyncState } from './sync-state';

export interface SyncArgs {
  readonly casebook: string;
  readonly server: string | undefined;
  readonly invite?: string | undefined;
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
  if (known && known.server !== origin.origin) {
    return fail(
      `This casebook syncs with ${known.server}, not ${origin.origin}. Nothing was sent.`,
    );
  }
  const opened = await openVaultCopy(args.casebook, `${args.casebook}.sync-spool`, output, {
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
      fetch: nodeFetch,
      ...(known ? { serverKey: known.serverKey, space: known.space } : {}),
    });
    if (!known) {
      const enrolled = await client.enrol(syncIdentity(vault), args.invite);
      if (!enrolled.ok) return fail(`${enrolled.message} Nothing was sent.`);
      await writeSyncState(statePath, {
        v: 1,
        server: origin.origin,
        serverKey: enrolled.value.serverKey,
        space: enrolled.value.space,
      });
    }

    const pulled = await twice(() => client.pull(0));
    if (!pulled.ok) return fail(pulled.message);
    const checked = await vaultSync.checkIncoming(
      internals,
      pulled.value.changes.map((c) => ({ id: c.id, data: fromBase64(c.data) })),
    );
    if (!checked.ok) return fail(checked.message, EXIT.problems);

    const outgoing = await vaultSync.outgoingChanges(internals, checked.value.ownSeqs);
    const sealed = await Promise.all(
      outgoing.map((c) => vaultSync.sealSyncEnvelope(internals.keys.ck, c.change)),
    );
    if (sealed.length > 0) {
      const pushed = await twice(() => client.push(sealed));
      if (!pushed.ok) return fail(pushed.message);
    }

    const history = await vaultSync.historyToConfirm(internals);
    if (!history) return fail('This casebook has no history to confirm yet.');
    const listed = await client.checkpoints();
    if (!listed.ok) return fail(listed.message);
    const mine = listed.value.checkpoints.find(
      (c) => c.chain === history.chain && c.device === client.deviceId,
    );
    const before = standing(history.hashes, mine);
    if (before.kind === 'behind' || before.kind === 'forked') {
      return fail(describeStanding(before, history.hashes.length), EXIT.problems);
    }
    const from = before.kind === 'holds' ? before.confirmed.seq + 1 : 0;
    let confirmed = before.kind === 'holds' ? before.confirmed : undefined;
    if (from < history.hashes.length) {
      const posted = await twice(() =>
        client.postHistory({
          chain: history.chain,
          from,
          hashes: history.hashes.slice(from),
          checkpoint: history.checkpoint,
        }),
      );
      if (!posted.ok) return fail(posted.message);
      confirmed = posted.value;
    }

    // Both devices' revisions of every record the others touched: never one over the other.
    const local: vaultSync.RevisionFrom[] = [];
    const device = internals.header.v === 2 ? internals.header.device.id : '';
    const touched = new Map(
      checked.value.revisions.map((r) => [`${r.state.kind}\u0000${r.state.id}`, r.state]),
    );
    for (const { kind, id } of touched.values()) {
      for (const state of await vault.history(kind, id)) local.push({ device, state });
    }
    const conflicts = vaultSync.findConflicts([...local, ...checked.value.revisions]);
    const received = checked.value.revisions.length;
    output.out(
      `Sent ${plural(sealed.length, 'change', 'changes')}, received ${received}; history confirmed by the server up to ${confirmed ? describeTime(confirmed.serverTime) : 'nothing yet'}.`,
    );
    for (const c of conflicts) {
      output.out(
        `${c.label}: ${c.kind} ${c.id} (revision ${c.rev}). Both are kept; choose one in the app.`,
      );
    }
    if (received > 0) {
      output.out(
        `${args.casebook} is unchanged: changes from other devices are checked here but not yet written into a file.`,
      );
    }
    return EXIT.ok;
  } finally {
    await opened.close();
  }
}
