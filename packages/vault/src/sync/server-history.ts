/**
 * This casebook's history against the server's countersigned checkpoint of its chain: the
 * same, ahead of it, behind it (the server saw more: an older copy, or entries cut), or
 * different (a fork). Both `casebook sync` and `casebook verify --server` say it this way.
 */
import { describeTime } from '../log/history-compare';

/** What the round and `verify --server` need of a countersigned checkpoint (checked by the client). */
export interface Countersigned {
  readonly chain: string;
  readonly device: string;
  readonly seq: number;
  readonly head: string;
  readonly serverTime: string;
}

export type Standing =
  | { readonly kind: 'none' }
  | { readonly kind: 'holds'; readonly confirmed: Countersigned; readonly after: number }
  | { readonly kind: 'behind'; readonly confirmed: Countersigned }
  | { readonly kind: 'forked'; readonly confirmed: Countersigned };

export function standing(
  hashes: readonly string[],
  confirmed: Countersigned | undefined,
): Standing {
  if (!confirmed) return { kind: 'none' };
  if (confirmed.seq >= hashes.length) return { kind: 'behind', confirmed };
  if (hashes[confirmed.seq] !== confirmed.head) return { kind: 'forked', confirmed };
  return { kind: 'holds', confirmed, after: hashes.length - 1 - confirmed.seq };
}

export function describeStanding(s: Standing, entries: number): string {
  switch (s.kind) {
    case 'none':
      return 'The server has not confirmed any of this casebook’s history yet. Run casebook sync to send it.';
    case 'behind':
      return `The server has seen a longer history than this casebook holds: it confirmed entry ${s.confirmed.seq} on ${describeTime(s.confirmed.serverTime)}, and this casebook ends at entry ${entries - 1}. This may be an older copy, or entries were cut from it; use the newest copy you have.`;
    case 'forked':
      return `This casebook’s history differs from the one the server confirmed at entry ${s.confirmed.seq} on ${describeTime(s.confirmed.serverTime)}: one of them has been altered. Keep both copies and ask for help before changing either.`;
    case 'holds':
      return `The server confirmed this history up to entry ${s.confirmed.seq} on ${describeTime(s.confirmed.serverTime)}; this casebook holds it${s.after > 0 ? `, and ${s.after} ${s.after === 1 ? 'entry' : 'entries'} since` : ''}.`;
  }
}
