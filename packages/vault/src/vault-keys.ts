import { base64url } from '@casebook/core';
import { fromBase64, toBase64 } from './encoding';
import { deriveKey, type KdfCost, newKdfParams } from './kdf';
import { unwrapKey, wrapKey } from './key-wrap';
import { certifyDevice } from './log/device-cert';
import { formatRecoveryCode, normaliseRecoveryCode, RECOVERY_CODE_BYTES } from './recovery-code';
import { fail, ok, type Result } from './result';
import { getSodium, type Sodium } from './sodium';
import { PURPOSE, type VaultHeader, type VaultHeaderV1, type VaultHeaderV2 } from './vault-header';

/** The unwrapped keys of an open vault. They live only in memory and are wiped on lock. */
export interface VaultKeys {
  readonly ak: Uint8Array;
  readonly ck: Uint8Array;
  readonly signingKey: Uint8Array;
  readonly publicKey: Uint8Array;
  /** v2: this device's Ed25519 secret key, which signs its chain of the log. */
  readonly deviceKey?: Uint8Array;
  /** v2: the X25519 secret key that opens sealed notes of failed unlock attempts. */
  readonly noticesKey?: Uint8Array;
}

/** Keys of a v2 header: the device and notice keys are always there. */
export type VaultKeysV2 = VaultKeys & {
  readonly deviceKey: Uint8Array;
  readonly noticesKey: Uint8Array;
};

export function wipeKeys(keys: VaultKeys, sodium: { memzero(b: Uint8Array): void }): void {
  for (const key of [keys.ak, keys.ck, keys.signingKey, keys.deviceKey, keys.noticesKey]) {
    if (key) sodium.memzero(key);
  }
}

export type UnlockRefusal =
  | 'wrong-passphrase'
  | 'bad-recovery-code'
  | 'kdf-too-weak'
  | 'kdf-out-of-range'
  | 'corrupt'
  | 'no-vault'
  | 'unsupported-version';

export type Secret = { passphrase: string } | { recoveryCode: string };
/**
 * What opens the key hierarchy: a secret a person typed, or the account key a check in the
 * same process already unwrapped with one (the CLI's verify pass hands it to the unlock that
 * follows, so Argon2id runs once). An account key is never a proof of knowing the passphrase
 * (`Secret` is what account proofs take), and the caller zeroes its own copy.
 */
export type OpeningSecret = Secret | { accountKey: Uint8Array };

/** An Ed25519 key pair made on this device (libsodium's shape). */
export interface DeviceKeyPair {
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

/**
 * The v2 parts of a header: a device key certified by the identity (a new one, or `given`: the
 * key a linking device already signed its link request with), and the notices key pair.
 */
async function deviceParts(
  sodium: Sodium,
  ak: Uint8Array,
  identitySecret: Uint8Array,
  caseId: string,
  time: string,
  given?: DeviceKeyPair,
): Promise<{
  device: VaultHeaderV2['device'];
  notices: VaultHeaderV2['notices'];
  deviceKey: Uint8Array;
  noticesKey: Uint8Array;
}> {
  const id = base64url(sodium.randombytes_buf(16));
  const device = given ?? sodium.crypto_sign_keypair();
  const notices = sodium.crypto_box_keypair();
  const cert = await certifyDevice(identitySecret, {
    case: caseId,
    device: id,
    publicKey: toBase64(device.publicKey),
    time,
  });
  return {
    device: { id, secretKey: await wrapKey(device.privateKey, ak, PURPOSE.device(id)), cert },
    notices: {
      publicKey: toBase64(notices.publicKey),
      secretKey: await wrapKey(notices.privateKey, ak, PURPOSE.notices),
    },
    deviceKey: device.privateKey,
    noticesKey: notices.privateKey,
  };
}

/** Makes a new key hierarchy and the v2 header that holds it wrapped. */
export async function createKeys(
  passphrase: string,
  ids: { vaultId: string; caseId: string; createdAt: string },
  cost?: KdfCost,
): Promise<{ header: VaultHeaderV2; keys: VaultKeysV2; recoveryCode: string }> {
  const sodium = await getSodium();
  const ak = sodium.randombytes_buf(32);
  const ck = sodium.randombytes_buf(32);
  const identity = sodium.crypto_sign_keypair();
  const recoveryCode = formatRecoveryCode(sodium.randombytes_buf(RECOVERY_CODE_BYTES));

  const passKdf = await newKdfParams(cost);
  const recKdf = await newKdfParams(cost);
  const kek = await deriveKey(passphrase, passKdf);
  const rek = await deriveKey(recoveryCode, recKdf);
  if (!kek.ok || !rek.ok) throw new Error('KDF parameters out of range at creation');
  const parts = await deviceParts(sodium, ak, identity.privateKey, ids.caseId, ids.createdAt);

  const header: VaultHeaderV2 = {
    format: 'casebook-vault',
    v: 2,
    vaultId: ids.vaultId,
    createdAt: ids.createdAt,
    passphrase: { kdf: passKdf, ak: await wrapKey(ak, kek.value, PURPOSE.akByPassphrase) },
    recovery: { kdf: recKdf, ak: await wrapKey(ak, rek.value, PURPOSE.akByRecovery) },
    caseId: ids.caseId,
    ck: await wrapKey(ck, ak, PURPOSE.ck(ids.caseId)),
    identity: {
      publicKey: toBase64(identity.publicKey),
      secretKey: await wrapKey(identity.privateKey, ak, PURPOSE.identityV2),
    },
    device: parts.device,
    notices: parts.notices,
  };
  sodium.memzero(kek.value);
  sodium.memzero(rek.value);
  const keys = {
    ak,
    ck,
    signingKey: identity.privateKey,
    publicKey: identity.publicKey,
    deviceKey: parts.deviceKey,
    noticesKey: parts.noticesKey,
  };
  return { header, keys, recoveryCode };
}

/** A v1 header becomes v2 on this device: same keys and slots, plus a device and notices key. */
export async function upgradeHeader(
  header: VaultHeaderV1,
  keys: VaultKeys,
  time: string,
): Promise<{ header: VaultHeaderV2; keys: VaultKeysV2 }> {
  const sodium = await getSodium();
  const parts = await deviceParts(sodium, keys.ak, keys.signingKey, header.caseId, time);
  const identity = {
    publicKey: header.identity.publicKey,
    secretKey: await wrapKey(keys.signingKey, keys.ak, PURPOSE.identityV2),
  };
  return {
    header: { ...header, v: 2, identity, device: parts.device, notices: parts.notices },
    keys: { ...keys, deviceKey: parts.deviceKey, noticesKey: parts.noticesKey },
  };
}

/**
 * The header of another device of this casebook: the same keys and slots, and a device and
 * notices key of its own, certified by the identity (what linking a device gives it).
 */
export async function newDeviceHeader(
  header: VaultHeaderV2,
  keys: Pick<VaultKeys, 'ak' | 'signingKey'>,
  time: string,
  given?: DeviceKeyPair,
): Promise<{ header: VaultHeaderV2; deviceKey: Uint8Array; noticesKey: Uint8Array }> {
  const sodium = await getSodium();
  const parts = await deviceParts(sodium, keys.ak, keys.signingKey, header.caseId, time, given);
  return {
    header: { ...header, device: parts.device, notices: parts.notices },
    deviceKey: parts.deviceKey,
    noticesKey: parts.noticesKey,
  };
}

const WRONG_PASSPHRASE =
  'That passphrase did not open this casebook. Check it (capital letters and spaces count) and try again. If you have forgotten it, you can use your recovery code.';
const WRONG_RECOVERY =
  'That recovery code did not open this casebook. Check it against your copy and try again.';
const DAMAGED =
  'This casebook is damaged and its keys cannot be read. Nothing was changed. Restore it from a backup.';

/** The account key the passphrase or recovery code unwraps, or the reason it does not. */
export async function unwrapAccountKey(
  header: VaultHeader,
  secret: Secret,
): Promise<Result<Uint8Array, UnlockRefusal>> {
  const sodium = await getSodium();
  // Checked at run time too: this is the proof account changes ask for, and what reaches it
  // may come from another thread. Only a typed passphrase or recovery code is ever one.
  if ('passphrase' in secret) {
    if (typeof secret.passphrase !== 'string') return fail('wrong-passphrase', WRONG_PASSPHRASE);
    const kek = await deriveKey(secret.passphrase, header.passphrase.kdf);
    if (!kek.ok) return kek;
    const ak = await unwrapKey(header.passphrase.ak, kek.value, PURPOSE.akByPassphrase);
    sodium.memzero(kek.value);
    return ak ? ok(ak) : fail('wrong-passphrase', WRONG_PASSPHRASE);
  }
  if (typeof secret.recoveryCode !== 'string') return fail('bad-recovery-code', WRONG_RECOVERY);
  const code = normaliseRecoveryCode(secret.recoveryCode);
  if (!code.ok) return code;
  const rek = await deriveKey(code.value, header.recovery.kdf);
  if (!rek.ok) return rek;
  const ak = await unwrapKey(header.recovery.ak, rek.value, PURPOSE.akByRecovery);
  sodium.memzero(rek.value);
  return ak ? ok(ak) : fail('bad-recovery-code', WRONG_RECOVERY);
}

/** Opens the key hierarchy with the passphrase or the recovery code. */
export async function openKeys(
  header: VaultHeader,
  secret: OpeningSecret,
): Promise<Result<VaultKeys, UnlockRefusal>> {
  const sodium = await getSodium();
  // An account key handed over is copied: the keys opened from it are zeroed on lock, the
  // caller's own copy by the caller. A wrong one fails to unwrap the case key just below.
  const unwrapped =
    'accountKey' in secret
      ? secret.accountKey.length === 32
        ? ok(secret.accountKey.slice())
        : fail('corrupt', DAMAGED)
      : await unwrapAccountKey(header, secret);
  if (!unwrapped.ok) return unwrapped;
  const ak = unwrapped.value;
  const damaged = (...keys: (Uint8Array | undefined)[]) => {
    for (const key of [ak, ...keys]) if (key) sodium.memzero(key);
    return fail('corrupt', DAMAGED);
  };
  const ck = await unwrapKey(header.ck, ak, PURPOSE.ck(header.caseId));
  const signingKey = await unwrapKey(
    header.identity.secretKey,
    ak,
    header.v === 1 ? PURPOSE.identity : PURPOSE.identityV2,
  );
  const publicKey = fromBase64(header.identity.publicKey);
  if (!ck || !signingKey || signingKey.length !== 64 || !publicKey) return damaged(ck, signingKey);
  // The header's public key is not secret but must be the one the wrapped secret key implies.
  const implied = sodium.crypto_sign_ed25519_sk_to_pk(signingKey);
  if (publicKey.length !== implied.length || !sodium.memcmp(implied, publicKey)) {
    return damaged(ck, signingKey);
  }
  if (header.v === 1) return ok({ ak, ck, signingKey, publicKey });
  const deviceKey = await unwrapKey(header.device.secretKey, ak, PURPOSE.device(header.device.id));
  const noticesKey = await unwrapKey(header.notices.secretKey, ak, PURPOSE.notices);
  const devicePublic = fromBase64(header.device.cert.publicKey);
  const noticesPublic = fromBase64(header.notices.publicKey);
  if (deviceKey?.length !== 64 || !noticesKey || !devicePublic || !noticesPublic) {
    return damaged(ck, signingKey, deviceKey, noticesKey);
  }
  const impliedDevice = sodium.crypto_sign_ed25519_sk_to_pk(deviceKey);
  const impliedNotices = sodium.crypto_scalarmult_base(noticesKey);
  if (
    devicePublic.length !== 32 ||
    noticesPublic.length !== 32 ||
    !sodium.memcmp(impliedDevice, devicePublic) ||
    !sodium.memcmp(impliedNotices, noticesPublic)
  ) {
    return damaged(ck, signingKey, deviceKey, noticesKey);
  }
  return ok({ ak, ck, signingKey, publicKey, deviceKey, noticesKey });
}

/** A new passphrase slot for the same account key. */
export async function rewrapForPassphrase<H extends VaultHeader>(
  header: H,
  ak: Uint8Array,
  passphrase: string,
  cost?: KdfCost,
): Promise<H> {
  const sodium = await getSodium();
  const kdf = await newKdfParams(cost ?? header.passphrase.kdf);
  const kek = await deriveKey(passphrase, kdf);
  if (!kek.ok) throw new Error('KDF parameters out of range');
  const wrapped = await wrapKey(ak, kek.value, PURPOSE.akByPassphrase);
  sodium.memzero(kek.value);
  return { ...header, passphrase: { kdf, ak: wrapped } };
}

/** A new recovery code and slot for the same account key; the old code no longer opens it. */
export async function rewrapForRecovery<H extends VaultHeader>(
  header: H,
  ak: Uint8Array,
  cost?: KdfCost,
): Promise<{ header: H; recoveryCode: string }> {
  const sodium = await getSodium();
  const recoveryCode = formatRecoveryCode(sodium.randombytes_buf(RECOVERY_CODE_BYTES));
  const kdf = await newKdfParams(cost ?? header.recovery.kdf);
  const rek = await deriveKey(recoveryCode, kdf);
  if (!rek.ok) throw new Error('KDF parameters out of range');
  const wrapped = await wrapKey(ak, rek.value, PURPOSE.akByRecovery);
  sodium.memzero(rek.value);
  return { header: { ...header, recovery: { kdf, ak: wrapped } }, recoveryCode };
}

/**
 * A new account key under a new recovery code (and the same passphrase, in a fresh slot). Every
 * key the old AK wrapped is wrapped again under the new one, so the old code opens no later
 * copy, not even together with an older backup (whose slot would give only the old AK).
 */
export async function rotateAccountKey(
  header: VaultHeaderV2,
  keys: VaultKeysV2,
  passphrase: string,
  cost?: KdfCost,
): Promise<{ header: VaultHeaderV2; ak: Uint8Array; recoveryCode: string }> {
  const sodium = await getSodium();
  const ak = sodium.randombytes_buf(32);
  const rewrapped: VaultHeaderV2 = {
    ...header,
    ck: await wrapKey(keys.ck, ak, PURPOSE.ck(header.caseId)),
    identity: {
      publicKey: header.identity.publicKey,
      secretKey: await wrapKey(keys.signingKey, ak, PURPOSE.identityV2),
    },
    device: {
      ...header.device,
      secretKey: await wrapKey(keys.deviceKey, ak, PURPOSE.device(header.device.id)),
    },
    notices: {
      publicKey: header.notices.publicKey,
      secretKey: await wrapKey(keys.noticesKey, ak, PURPOSE.notices),
    },
  };
  const withPassphrase = await rewrapForPassphrase(rewrapped, ak, passphrase, cost);
  const { header: done, recoveryCode } = await rewrapForRecovery(withPassphrase, ak, cost);
  return { header: done, ak, recoveryCode };
}
