/**
 * The vault's keys as the sync server knows them (apps/server/PROTOCOL.md), with no new key:
 * the device signs its requests with its own v2 device key (SECURITY.md: the key that signs
 * its chain of the log), and the casebook identity (which certifies devices) signs a device's
 * removal, only after the person proves it is them with the passphrase or recovery code.
 */
import { checkProof } from './account-proof';
import { fromBase64, toBase64 } from './encoding';
import { signValue } from './log/signed';
import { fail, ok, type Result } from './result';
import { getSodium } from './sodium';
import type { HasInternals } from './vault-internals';
import type { Secret } from './vault-keys';

/** What the sync client's signer port needs (structurally `RequestSigner` of @casebook/sync). */
export interface SyncRequestSigner {
  readonly keyId: string;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** An RFC 9421 signature base always starts so; nothing else the device key signs does. */
const REQUEST_BASE_START = new TextEncoder().encode('"@method": ');
export const REMOVAL_DOMAIN = 'casebook-remove-device-v1';

const base64Url = (base64: string) =>
  base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * The device's request signer. It signs only signature bases: the same key signs the log's
 * 32-byte entry hashes, and a message that is not a request must never get its signature.
 */
export function syncSigner(vault: HasInternals): SyncRequestSigner {
  const { header, keys } = vault.internals;
  if (header.v !== 2 || !keys.deviceKey) {
    throw new Error('Sync needs a v2 casebook: unlock it once to upgrade it.');
  }
  const secret = keys.deviceKey;
  const publicKey = fromBase64(header.device.cert.publicKey);
  if (!publicKey) throw new Error('The device certificate holds no public key.');
  return {
    keyId: base64Url(toBase64(publicKey)),
    async sign(message) {
      const starts = REQUEST_BASE_START.every((byte, i) => message[i] === byte);
      if (!starts) throw new RangeError('The device key signs only sync request bases.');
      const sodium = await getSodium();
      return sodium.crypto_sign_detached(message, secret);
    },
  };
}

/** The identity's public key, base64url: what enrolment sends as `identity`. */
export function syncIdentity(vault: HasInternals): string {
  const publicKey = fromBase64(vault.internals.header.identity.publicKey);
  if (!publicKey) throw new Error('The casebook header holds no identity key.');
  return base64Url(toBase64(publicKey));
}

/**
 * A proof that removes `device` from the server's casebook `space`: asked for only with the
 * passphrase or recovery code, as a passphrase change is, so a phone picked up unlocked
 * cannot cut the person's other devices off.
 */
export async function deviceRemovalProof(
  vault: HasInternals,
  proof: Secret,
  space: string,
  device: string,
): Promise<Result<string, 'wrong-passphrase' | 'bad-recovery-code'>> {
  const { header, keys } = vault.internals;
  const checked = await checkProof(await getSodium(), header, keys, proof);
  if (!checked.ok) {
    return fail(
      checked.reason === 'bad-recovery-code' ? 'bad-recovery-code' : 'wrong-passphrase',
      checked.reason === 'bad-recovery-code'
        ? 'That recovery code does not open this casebook, so no device was removed. Check it against your copy and try again.'
        : 'That is not the passphrase, so no device was removed. Check it and try again.',
    );
  }
  return ok(base64Url(await signValue(REMOVAL_DOMAIN, { space, device }, keys.signingKey)));
}
