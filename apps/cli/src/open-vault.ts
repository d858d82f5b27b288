/**
 * Opens a .casebook backup as a working vault, as `add`, `report` and `export` need: first the
 * same check as `casebook verify` (working from a file with problems would hide them), then a
 * restore into a spool store beside the output (the same disk, never a RAM-backed /tmp), a
 * check that what was restored is the very file that was verified, and unlock.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  type Result,
  restoreBackup,
  type UnlockRefusal,
  Vault,
  type VaultStore,
  verifyBackup,
} from '@casebook/vault';
import { type BackupSpool, createSpoolStore } from '@casebook/vault/spool';
import { openBackupArgs } from './commands/open-backup';
import { nodeSha256 } from './commands/verify';
import { EXIT, type Output, openFile } from './io';

/**
 * Passes the pieces through, hashing them, so two reads of one file can be compared. The
 * vault stops reading at the END frame; `digest` reads whatever is left, so it covers the file.
 */
function hashing(source: AsyncIterable<Uint8Array>) {
  const hash = createHash('sha256');
  const pieces = (async function* () {
    for await (const piece of source) {
      hash.update(piece);
      yield piece;
    }
  })();
  return {
    pieces,
    digest: async () => {
      for await (const _ of pieces) {
        // Only read to the end, through the hash.
      }
      return hash.digest('hex');
    },
  };
}

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
 */
export async function openVaultCopy(
  casebook: string,
  spool: string,
  output: Output,
  doing: Doing,
  options: { backupAt?: number } = {},
): Promise<OpenedVault | number> {
  const opened = await openBackupArgs(casebook, output);
  if (typeof opened === 'number') return opened;
  const { passphrase } = opened;

  const verifiedRead = hashing(opened.source);
  const verified = await verifyBackup(
    verifiedRead.pieces,
    { passphrase },
    { hasher: nodeSha256, keepAccountKey: true },
  );
  if (!verified.ok) {
    output.err(`${verified.message} ${doing.nothing}`);
    return EXIT.failed;
  }
  // The account key that opened the verified header goes to the unlock of the restored copy,
  // so Argon2id runs once. It is zeroed on every way out (the vault keeps its own until lock).
  const { accountKey, report } = verified.value;
  try {
    const digest = await verifiedRead.digest();
    if (!report.ok) {
      output.err(
        `${doing.refusal}: ${casebook} has problems, so ${doing.verb} would hide them. Run casebook verify ${casebook} to see them.`,
      );
      for (const problem of report.problems) output.err(`- ${problem.message}`);
      return EXIT.failed;
    }
    const unlock = (store: VaultStore) =>
      accountKey ? Vault.unlockWithAccountKey(store, accountKey) : Vault.unlock(store, passphrase);
    return await restoreVerified(casebook, spool, output, doing, options, { digest, unlock });
  } finally {
    accountKey?.fill(0);
  }
}

/**
 * Restores the casebook that was verified (its SHA-256 is `verified.digest`) into a new spool
 * and unlocks it there.
 */
async function restoreVerified(
  casebook: string,
  spool: string,
  output: Output,
  doing: Doing,
  options: { backupAt?: number },
  verified: {
    digest: string;
    unlock: (store: VaultStore) => Promise<Result<Vault, UnlockRefusal>>;
  },
): Promise<OpenedVault | number> {
  const fail = (message: string) => {
    output.err(message);
    return EXIT.failed;
  };
  // Read again to restore (it may be gigabytes, so it is streamed twice, never held).
  const reopened = await openFile(casebook);
  if (!reopened.ok) return fail(`${reopened.message} ${doing.nothing}`);
  const restoredRead = hashing(reopened.source);

  let store: VaultStore;
  let backup: BackupSpool | undefined;
  try {
    if (options.backupAt === undefined) store = await createSpoolStore(spool);
    else {
      backup = await createSpoolStore(spool, { backupAt: options.backupAt });
      store = backup;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      return fail(`${spool} is left over from an earlier attempt. Delete it, then try again.`);
    if (code === 'EACCES' || code === 'EROFS' || code === 'ENOENT')
      return fail(`Casebook cannot write to ${dirname(spool)}.`);
    throw error;
  }
  let keep = false;
  try {
    // The passphrase was checked by the verify pass; the digests below prove it is one file.
    const restored = await restoreBackup(restoredRead.pieces, store, { hasher: nodeSha256 });
    if (!restored.ok) return fail(`${restored.message} ${doing.nothing}`);
    // What was restored must be what was verified: the file may have changed in between.
    if ((await restoredRead.digest()) !== verified.digest)
      return fail(
        `${casebook} changed while Casebook was reading it. ${doing.nothing} Wait until nothing is writing to it, then try again.`,
      );
    const unlocked = await verified.unlock(store);
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
    if (!keep) {
      await store.close();
      // Ours (it did not exist before): nothing of a refused attempt is left to block the next.
      await rm(spool, { recursive: true, force: true });
    }
  }
}
