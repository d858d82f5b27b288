/** Issues a one-time invite code, the operator's way to let one person start a casebook. */
import type { MetaStore } from '../db/meta-store';
import { INVITE, newCode } from './codes';

export async function issueInvite(store: MetaStore, now: number, days: number): Promise<string> {
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new RangeError('Give the invite’s lifetime as a whole number of days, 1 to 365.');
  }
  const code = newCode(INVITE.id, INVITE.secret);
  await store.createInvite(code.id, code.secretHash, now, now + days * 86_400_000);
  return code.text;
}
