/**
 * `casebook verify <file.casebook> --server <url>`: the casebook's history against the
 * server's countersigned checkpoint (each countersignature checked under the key pinned when
 * it was first synced). Says plainly when the server has seen more than this copy holds.
 */
import { SyncClient } from '@casebook/sync';
import { syncSigner, sync as vaultSync } from '@casebook/vault';
import { EXIT, type Output } from '../io';
import { openVaultCopy } from '../open-vault';
import { nodeFetch, serverOrigin } from './node-fetch';

import { readSyncState, syncStatePath } from './sync-state';

export async function verifyServerCommand(
  casebook: string,
  server: string,
  output: Output,
): Promise<number> {
  const fail = (message: string, code: number = EXIT.failed) => {
    output.err(message);
    return code;
  };
  const origin = serverOrigin(server);
  if (!origin.ok) return fail(origin.message);
  const read = await readSyncState(syncStatePath(casebook));
  if (!read.ok) return fail(read.message);
  if (!read.state || read.state.server !== origin.origin) {
    return fail(
      `${casebook} has not been synced with ${origin.origin}, so Casebook does not know that server’s key. Run casebook sync ${casebook} --server ${origin.origin} first.`,
    );
  }
  const opened = await openVaultCopy(casebook, `${casebook}.verify-spool`, output, {
    refusal: 'Casebook did not check it against the server',
    verb: 'comparing it',
    nothing: 'Nothing was sent.',
  });
  if (typeof opened === 'number') return opened;
  try {
    const { vault } = opened;
    const client = new SyncClient({
      server: origin.origin,
      signer: syncSigner(vault),
      fetch: nodeFetch,
      serverKey: read.state.serverKey,
      space: read.state.space,
    });
    const history = await vaultSync.historyToConfirm(vault.internals);
    if (!history) return fail('This casebook has no history to compare yet.', EXIT.problems);
    const listed = await client.checkpoints();
    if (!listed.ok) return fail(listed.message);
    const mine = listed.value.checkpoints.find(
      (c) => c.chain === history.chain && c.device === client.deviceId,
    );
    const found = vaultSync.standing(history.hashes, mine);
    const line = vaultSync.describeStanding(found, history.hashes.length);
    if (found.kind !== 'holds') return fail(line, EXIT.problems);
    output.out(line);
    return EXIT.ok;
  } finally {
    await opened.close();
  }
}
