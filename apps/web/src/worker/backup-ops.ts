import { type VaultStore, writeBackup } from '@casebook/vault';
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
