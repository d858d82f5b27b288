/**
 * `casebook resolve <file.casebook> <kind>/<id> --keep this|<device> [--revision N] [--out new]`:
 * settles a record edited on two devices (or deleted on one, edited on another) by saving the
 * side chosen as a new revision on top, which names the choice in the signed log. Both sides
 * stay in the casebook. As `add` does, the result is a new file beside it; sync that file to
 * send the choice to the other devices.
 */
import { sync as vaultSync, writeBackup } from '@casebook/vault';
import { defaultOutPath } from '../commands/add';
import { nodeSha256 } from '../commands/verify';
import { EXIT, type Output } from '../io';
import { openVaultCopy } from '../open-vault';
import { writeNewFile } from '../write-new-file';
import { deviceLabel } from './describe-conflict';
import { readSyncState, syncStatePath, writeSyncState } from './sync-state';

export interface ResolveArgs {
  readonly casebook: string;
  readonly record: string | undefined;
  readonly keep: string | undefined;
  readonly revision: string | undefined;
  readonly out: string | undefined;
}

export async function resolveCommand(args: ResolveArgs, output: Output): Promise<number> {
  const fail = (message: string) => {
    output.err(message);
    return EXIT.failed;
  };
  const slash = args.record?.indexOf('/') ?? -1;
  if (!args.record || slash < 1 || slash === args.record.length - 1) {
    return fail(
      '"casebook resolve" needs the record, as casebook sync printed it, e.g. casebook resolve my.casebook incident/3f2a… --keep this',
    );
  }
  if (!args.keep) {
    return fail('Say which side to keep: --keep this, or --keep and the other device’s name.');
  }
  const revision = args.revision === undefined ? undefined : Number(args.revision);
  if (revision !== undefined && (!Number.isSafeInteger(revision) || revision < 1)) {
    return fail(`--revision must be a revision number, such as 2. Nothing was written.`);
  }
  const kind = args.record.slice(0, slash);
  const id = args.record.slice(slash + 1);
  const out = args.out ?? defaultOutPath(args.casebook);
  const opened = await openVaultCopy(args.casebook, `${out}.spool`, output, {
    refusal: 'Casebook did not settle anything',
    verb: 'changing it',
    nothing: 'Nothing was written.',
  });
  if (typeof opened === 'number') return opened;
  try {
    const { vault, store } = opened;
    const internals = vault.internals;
    const me = internals.header.v === 2 ? internals.header.device.id : '';
    const open = (await vaultSync.listConflicts(internals)).filter(
      (c) => c.kind === kind && c.id === id && (revision === undefined || c.rev === revision),
    );
    const [conflict, ...others] = open;
    if (!conflict) {
      return fail(`${kind} ${id} has no conflict left to settle. Nothing was written.`);
    }
    if (others.length > 0) {
      const revs = open.map((c) => c.rev).join(', ');
      return fail(
        `${kind} ${id} was written differently at revisions ${revs}. Choose one with --revision. Nothing was written.`,
      );
    }
    const matching = conflict.sides.filter((s) =>
      args.keep === 'this'
        ? s.device === me
        : s.device !== me && s.device.startsWith(args.keep ?? ''),
    );
    const [side, ...alsoMatching] = matching;
    if (!side || alsoMatching.length > 0) {
      const names = conflict.sides.map((s) => (s.device === me ? 'this' : s.device.slice(0, 8)));
      return fail(`Keep which side? One of: ${names.join(', ')}. Nothing was written.`);
    }
    const settled = await vaultSync.resolveConflict(internals, {
      kind,
      id,
      rev: conflict.rev,
      device: side.device,
    });
    if (!settled.ok) return fail(`${settled.message} Nothing was written.`);
    const written = await writeNewFile(out, writeBackup(store, { hasher: nodeSha256 }));
    if (!written.ok) return fail(written.message);
    const state = await readSyncState(syncStatePath(args.casebook));
    if (state.ok && state.state) await writeSyncState(syncStatePath(out), state.state);
    output.out(
      `Kept what ${deviceLabel(side.device, me)} wrote, as revision ${settled.value.rev} of ${kind} ${id}; both versions stay in the casebook. Wrote ${out}; sync it to send the choice to your other devices. ${args.casebook} is unchanged.`,
    );
    return EXIT.ok;
  } finally {
    await opened.close();
  }
}
