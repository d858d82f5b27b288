import {
  type Result,
  restoreBackup,
  type UnlockRefusal,
  Vault,
  type VaultOptions,
  type VaultStore,
  writeBackup,
} from '@casebook/vault';
import type { LongCallContext } from './evidence-ops';

/** How much of the backup the worker gathers before handing it to the browser as one Blob. */
const PART_BYTES = 4 * 1024 * 1024;

/**
 * The .casebook backup (ciphertext only) as a Blob made of many small Blobs, one per few
 * MiB: each is handed to the browser's blob storage as soon as it is made, which keeps
 * large ones out of this worker and pages them to disk when memory is short, so the
 * worker never holds the whole casebook. Progress counts file chunks; cancellable.
 */
export async function exportBackup(store: VaultStore, ctx: LongCallContext): Promise<Blob> {
  const parts: Blob[] = [];
  let pending: Uint8Array<ArrayBuffer>[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pending.length > 0) parts.push(new Blob(pending));
    pending = [];
    pendingBytes = 0;
  };
  ctx.progress({ done: 0, total: 0 });
  const onChunk = (done: number, total: number) => ctx.progress({ done, total });
  for await (const piece of writeBackup(store, { onChunk })) {
    ctx.signal.throwIfAborted();
    pending.push(piece as Uint8Array<ArrayBuffer>);
    pendingBytes += piece.length;
    if (pendingBytes >= PART_BYTES) flush();
  }
  flush();
  return new Blob(parts, { type: 'application/octet-stream' });
}

/** A restore refused (nothing written), or the restored casebook's unlock. */
export type RestoreAndOpen =
  | { readonly ok: true; readonly opened: Result<Vault, UnlockRefusal> }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly message: string;
      readonly problems?: string[];
    };

/**
 * Restores a backup into the empty `target`, checked as it streams in, and then opens the
 * restored casebook with the account key that check unwrapped: one Argon2id for the whole
 * restore rather than two (each is a deliberate second or more on a phone). The key is zeroed
 * on every way out; the vault keeps its own copy until it is locked.
 */
export async function restoreAndOpen(
  source: AsyncIterable<Uint8Array>,
  target: VaultStore,
  passphrase: string,
  options: VaultOptions = {},
): Promise<RestoreAndOpen> {
  const restored = await restoreBackup(source, target, {
    secret: { passphrase },
    keepAccountKey: true,
  });
  const { accountKey } = restored;
  try {
    if (!restored.ok) {
      const problems = restored.problems?.map((p) => p.message);
      return {
        ok: false,
        reason: restored.reason,
        message: restored.message,
        ...(problems && problems.length > 0 && { problems }),
      };
    }
    if (!accountKey) throw new Error('The restore did not hand back its account key.');
    return { ok: true, opened: await Vault.unlockWithAccountKey(target, accountKey, options) };
  } finally {
    accountKey?.fill(0);
  }
}
