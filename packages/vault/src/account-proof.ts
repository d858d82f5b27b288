import { fail, ok, type Result } from './result';
import type { Sodium } from './sodium';
import type { VaultHeader } from './vault-header';
import { type Secret, unwrapAccountKey, type VaultKeys } from './vault-keys';

export type AccountRefusal = 'wrong-passphrase' | 'bad-recovery-code' | 'weak' | 'proof-needed';

export const PROOF_NEEDED =
  'To change the passphrase, type your current passphrase, or your recovery code if you have forgotten it.';

/**
 * Account changes (passphrase, recovery code) need the current passphrase or the recovery
 * code even while unlocked: someone who picks up an unlocked phone must not be able to lock
 * the owner out of their own evidence.
 */
export async function checkProof(
  sodium: Sodium,
  header: VaultHeader,
  keys: VaultKeys,
  proof: Secret,
): Promise<Result<void, AccountRefusal>> {
  const ak = await unwrapAccountKey(header, proof);
  if (!ak.ok) {
    return 'passphrase' in proof
      ? fail(
          'wrong-passphrase',
          'That is not the current passphrase, so nothing was changed. Check it and try again.',
        )
      : fail(
          'bad-recovery-code',
          'That recovery code does not open this casebook, so nothing was changed. Check it against your copy and try again.',
        );
  }
  const same = sodium.memcmp(ak.value, keys.ak);
  sodium.memzero(ak.value);
  return same ? ok(undefined) : fail('wrong-passphrase', 'That did not match this casebook.');
}
