/**
 * Where a sync may start its pull, and where the next one may start. The cursor only moves
 * past changes that were applied, are this device's own, or were stored before; a change held
 * back (another device's chain from its first file entry on) keeps it below that change, so it
 * is pulled again. Anything that does not match what the cursor was written for sends the
 * sync back to a full pull, which is always safe: applying and pushing are idempotent.
 */
import { z } from 'zod';

/**
 * Where the last sync left off. `seq` is the server number up to which every change was
 * checked and either applied or is this device's own; `id` is the change the server numbered
 * `seq` (pulled again each time as an anchor: a server restored from an older backup numbers
 * it otherwise). `heads` is each chain's last entry in the casebook when this was written: a
 * restored older casebook lacks one, and then nothing here is believed. `pushed` is the
 * highest entry of this device's own chain the server holds; `confirmed`, the server's last
 * countersignature of it. The apps keep it where they keep their sync state (the CLI beside
 * the file, the web app in IndexedDB), each inside a versioned record of their own.
 */
export const SyncCursorSchema = z
  .object({
    seq: z.number().int().positive(),
    id: z.string().min(1).max(128),
    pushed: z.number().int().min(-1),
    heads: z.array(
      z.object({ device: z.string(), seq: z.number().int().nonnegative(), h: z.string() }).strict(),
    ),
    confirmed: z
      .object({ seq: z.number().int().nonnegative(), head: z.string(), serverTime: z.string() })
      .strict()
      .optional(),
  })
  .strict();
export type SyncCursor = z.infer<typeof SyncCursorSchema>;

/** What the cursor needs of a change the server numbered. */
interface Numbered {
  readonly seq: number;
  readonly id: string;
}

type Head = SyncCursor['heads'][number];
interface LogItem {
  readonly device?: string | undefined;
  readonly seq: number;
  readonly h: string;
}

/** Each chain's last entry in the casebook (`''` for v1 entries). */
export function headsOf(log: readonly LogItem[]): Head[] {
  const last = new Map<string, Head>();
  for (const item of log) {
    const device = item.device ?? '';
    const seen = last.get(device);
    if (!seen || item.seq > seen.seq) last.set(device, { device, seq: item.seq, h: item.h });
  }
  return [...last.values()].sort((a, b) => (a.device < b.device ? -1 : 1));
}

/** Whether this casebook still holds every head the cursor was written for. */
export function headsHold(heads: readonly Head[], log: readonly LogItem[]): boolean {
  const have = new Set(log.map((item) => `${item.device ?? ''}\u0000${item.seq}\u0000${item.h}`));
  return heads.every((head) => have.has(`${head.device}\u0000${head.seq}\u0000${head.h}`));
}

/** The pulled changes begin with the cursor's anchor, unchanged. */
export function anchorHolds(cursor: SyncCursor, changes: readonly Numbered[]): boolean {
  const first = changes[0];
  return first !== undefined && first.seq === cursor.seq && first.id === cursor.id;
}

/**
 * Where the next pull may start after this one: past everything pulled, except below the
 * first change that holds an entry still waiting. `waitingIds` are those changes' ids.
 */
export function cursorAfterPull(
  since: { seq: number; id: string } | undefined,
  changes: readonly Numbered[],
  waitingIds: ReadonlySet<string>,
): { seq: number; id: string } | undefined {
  let at = since;
  for (const change of changes) {
    if (waitingIds.has(change.id)) break;
    at = { seq: change.seq, id: change.id };
  }
  return at;
}

/**
 * After a push: the cursor moves to the push's head only when every number between was one of
 * this push's (no other device's change came in between, unread).
 */
export function cursorAfterPush(
  at: { seq: number; id: string } | undefined,
  head: number,
  seqs: ReadonlyMap<string, number>,
): { seq: number; id: string } | undefined {
  const from = at?.seq ?? 0;
  const ours = new Map<number, string>();
  for (const [id, seq] of seqs) if (seq > from) ours.set(seq, id);
  for (let seq = from + 1; seq <= head; seq += 1) if (!ours.has(seq)) return at;
  const id = ours.get(head);
  return id === undefined ? at : { seq: head, id };
}
