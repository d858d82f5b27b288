import { fromBase64, toBase64 } from './encoding';
import { deriveKey, type KdfCost, newKdfParams } from './kdf';
import { unwrapKey, wrapKey } from './key-wrap';
import { formatRecoveryCode, normaliseRecoveryCode, RECOVERY_CODE_BYTES } from './recovery-code';
import { fail, ok, type Result } from './result';
import { getSodium } from './sodium';
import { PURPOSE, type VaultHeader } from './vault-header';

/** The unwrapped keys of an open vault. They live only in memory and are wiped on lock. */
export interface VaultKeys {
  readonly ak: Uint8Array;
  readonly ck: Uint8Array;
  readonly signingKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

export function wipeKeys(keys: VaultKeys, sodium: { memzero(b: Uint8Array): void }): void {
  sodium.memzero(keys.ak);
  sodium.memzero(keys.ck);
  sodium.memzero(keys.signingKey);
}

export type UnlockRefusal =
  | 'wrong-passphrase'
  | 'bad-recovery-code'
  | 'kdf-too-weak'
  | 'kdf-out-of-range'
  | 'corrupt'
  | 'no-vault'
  | 'unsupported-version';

/** Makes a new key hierarchy and the header that holds it wrapped. */
export async function createKeys(
  passphrase: string,
  ids: { vaultId: string; caseId: string; createdAt: string },
  cost?: KdfCost,
): Promise<{ header: VaultHeader; keys: VaultKeys; recoveryCode: string }> {
  const sodium = await getSodium();
  const ak = sodium.randombytes_buf(32);
  const ck = sodium.randombytes_buf(32);
  const identity = sodium.crypto_sign_keypair();
  const recoveryCode = formatRecoveryCode(sodium.randombytes_buf(RECOVERY_CODE_BYTES));

  const passKdf = await newKdfParams(cost);
  const recKdf = await newKdfParams(cost);
  const kek = await deriveKey(passphrase, passKdf);
  const rek = await deriveKey(recoveryCode, recKdf);
  if (!kek.ok || !rek.ok) throw new Error('KDF parameters below the floor at creation');

  const header: VaultHeader = {
    format: 'casebook-vault',
    v: 1,
    vaultId: ids.vaultId,
    createdAt: ids.createdAt,
    passphrase: { kdf: passKdf, ak: await wrapKey(ak, kek.value, PURPOSE.akByPassphrase) },
    recovery: { kdf: recKdf, ak: await wrapKey(ak, rek.value, PURPOSE.akByRecovery) },
    caseId: ids.caseId,
    ck: await wrapKey(ck, ak, PURPOSE.ck(ids.caseId)),
    identity: {
      publicKey: toBase64(identity.publicKey),
      secretKey: await wrapKey(identity.privateKey, ak, PURPOSE.identity),
    },
  };
  sodium.memzero(kek.value);
  sodium.memzero(rek.value);
  const keys = { ak, ck, signingKey: identity.privateKey, publicKey: identity.publicKey };
  return { header, keys, recoveryCode };
}

const WRONG_PASSPHRASE =
  'That passphrase did not open this casebook. Check it (capital letters and spaces count) and try again. If you have forgotten it, you can use your recovery code.';
const WRONG_RECOVERY =
  'That recovery code did not open this casebook. Check it against your copy and try again.';
const DAMAGED =
  'This casebook is damaged and its keys cannot be read. Nothing was changed. Restore it from a backup.';

/** Opens the key hierarchy with the passphrase or the recovery code. */
export async function openKeys(
  header: VaultHeader,
  secret: { passphrase: string } | { recoveryCode: string },
): Promise<Result<VaultKeys, UnlockRefusal>> {
  const sodium = await getSodium();
  let ak: Uint8Array | undefined;
  if ('passphrase' in secret) {
    const kek = await deriveKey(secret.passphrase, header.passphrase.kdf);
    if (!kek.ok) return kek;
    ak = await unwrapKey(header.passphrase.ak, kek.value, PURPOSE.akByPassphrase);
    sodium.memzero(kek.value);
    if (!ak) return fail('wrong-passphrase', WRONG_PASSPHRASE);
  } else {
    const code = normaliseRecoveryCode(secret.recoveryCode);
    if (!code.ok) return code;
    const rek = await deriveKey(code.value, header.recovery.kdf);
    if (!rek.ok) return rek;
    ak = await unwrapKey(header.recovery.ak, rek.value, PURPOSE.akByRecovery);
    sodium.memzero(rek.value);
    if (!ak) return fail('bad-recovery-code', WRONG_RECOVERY);
  }
  const ck = await unwrapKey(header.ck, ak, PURPOSE.ck(header.caseId));
  const signingKey = await unwrapKey(header.identity.secretKey, ak, PURPOSE.identity);
  const publicKey = fromBase64(header.identity.publicKey);
  if (!ck || !signingKey || signingKey.length !== 64 || !publicKey) return fail('corrupt', DAMAGED);
  // The header's public key is not secret but must be the one the wrapped secret key implies.
  const implied = sodium.crypto_sign_ed25519_sk_to_pk(signingKey);
  if (!sodium.memcmp(implied, publicKey)) return fail('corrupt', DAMAGED);
  return ok({ ak, ck, signingKey, publicKey });
}

/** A new passphrase slot for the same account key. */
export async function rewrapForPassphrase(
  header: VaultHeader,
  ak: Uint8Array,
  passphrase: string,
  cost?: KdfCost,
): Promise<VaultHeader> {
  const sodium = await getSodium();
  const kdf = await newKdfParams(cost ?? header.passphrase.kdf);
  const kek = await deriveKey(passphrase, kdf);
  if (!kek.ok) throw new Error('KDF parameters below the floor');
  const wrapped = await wrapKey(ak, kek.value, PURPOSE.akByPassphrase);
  sodium.memzero(kek.value);
  return { ...header, passphrase: { kdf, ak: wrapped } };
}
