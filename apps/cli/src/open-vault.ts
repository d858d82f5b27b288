/**
 * Opens a .casebook backup as a working vault, as `add`, `report` and `export` need: one
 * streaming pass restores it into a spool store beside the output (the same disk, never a
 * RAM-backed /tmp) and checks it as `casebook verify` does (working from a file with problems
 * would hide them); nothing of a refused file is kept. Then the restored copy is unlocked with
 * the account key the check opened, so Argon2id runs once.
 */
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { restoreBackup, Vault, type VaultStore } from '@casebook/vault';
import { type BackupSpool, createSpoolStore } from '@casebook/vault/spool';
import { openBackupArgs } from './commands/open-backup';
import { nodeSha256 } from './commands/verify';
import { nodeChunkCipher } from './intake/node-seal';
import { EXIT, type Output } from './io';

export interface OpenedVault {
  readonly vault: Vault;
  readonly store: VaultStore;
  /** The same store when the spool is the new backup's body (`backupAt`). */
  readonly backup?: BackupSpool;
  /** Locks the vault and removes the spool. */
  close(): Promise<void>;
}

/** What a refusal says: e.g. refusal "Casebook cannot add to it", verb "adding to it". */
export interface Doing {
  readonly refusal: string;
  readonly verb: string;
  readonly nothing: string;
}

/**
 * The casebook at `casebook` as an unlocked vault in a spool at `spool`, or the exit code after
 * saying plainly why not. `doing` words the refusal, e.g. verb "adding to it". With `backupAt`
 * the spool is a new backup file's body, its chunks written as frames from that offset on.
 * The file is read once: the restore checks everything as it streams in (chains, signatures,
 * header, checkpoint, every record and file) and commits nothing if any of it is wrong.
 */
export async function openVaultCopy(
  casebook: string,
  spool: string,
  output: Output,
  doing: Doing,
  options: { backupAt?: number } = {},
): Promise<OpenedVault | number> {
  const fail = (message: string) => {
    output.err(message);
    return EXIT.failed;
  };
  const opened = await openBackupArgs(casebook, output);
  if (typeof opened === 'number') return opened;
  const { passphrase } = opened;

  let store: VaultStore;
  let backup: BackupSpool | undefined;
  try {
    if (options.backupAt === undefined) store = await createSpoolStore(spool);
    else {
      backup = await createSpoolStore(spool, { backupAt: options.backupAt });
      store = backup;
    }
  } catch (error) {
    // Not read after all: close the file now rather than when the stream is collected.
    (opened.source as { destroy?: () => void }).destroy?.();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      return fail(`${spool} is left over from an earlier attempt. Delete it, then try again.`);
    if (code === 'EACCES' || code === 'EROFS' || code === 'ENOENT')
      return fail(`Casebook cannot write to ${dirname(spool)}.`);
    throw error;
  }
  let keep = false;
  let accountKey: Uint8Array | undefined;
  try {
    const restored = await restoreBackup(opened.source, store, {
      secret: { passphrase },
      hasher: nodeSha256,
      cipher: nodeChunkCipher,
      keepAccountKey: true,
    });
    accountKey = restored.accountKey;
    if (!restored.ok && restored.reason === 'problems') {
      output.err(
        `${doing.refusal}: ${casebook} has problems, so ${doing.verb} would hide them. Run casebook verify ${casebook} to see them.`,
      );
      for (const problem of restored.problems ?? []) output.err(`- ${problem.message}`);
      return EXIT.failed;
    }
    if (!restored.ok) return fail(`${restored.message} ${doing.nothing}`);
    // The account key that opened the checked header opens the restored copy: one Argon2id.
    // It is zeroed below on every way out (the vault keeps its own copy until lock).
    const unlocked = accountKey
      ? await Vault.unlockWithAccountKey(store, accountKey)
      : await Vault.unlock(store, passphrase);
    if (!unlocked.ok) return fail(`${unlocked.message} ${doing.nothing}`);
    const vault = unlocked.value;
    keep = true;
    return {
      vault,
      store,
      ...(backup !== undefined && { backup }),
      close: async () => {
        await vault.lock();
        await store.close();
      },
    };
  } finally {
    accountKey?.fill(0);
    if (!keep) {
      await store.close();
      // Ours (it did not exist before): nothing of a refused attempt is left to block the next.
      await rm(spool, { recursive: true, force: true });
    }
  }
}
