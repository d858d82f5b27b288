/**
 * A copy of a casebook that is a device of its own: everything the source holds (its chains,
 * records, sides and files, as stored), a new device key certified by the casebook's identity,
 * and that device's chain opened with an `open-device` entry binding its header. This is what
 * linking a device will hand the new one once the casebook travels to it through the server;
 * until then the CLI's two-device tests make their second device with it.
 */
import { restoreBackup } from '../backup/restore-backup';
import { writeBackup } from '../backup/write-backup';
import { fail, ok, type Result } from '../result';
import { getSodium } from '../sodium';
import type { VaultStore } from '../types';
import type { HasInternals } from '../vault-internals';
import { newDeviceHeader } from '../vault-keys';
import { commitOpenedDevice } from './open-device-chain';

/** Fills the empty `target` as a new device of `source`'s casebook; open it with `Vault.unlock`. */
export async function copyToNewDevice(
  source: HasInternals,
  target: VaultStore,
): Promise<Result<{ device: string }, 'not-empty' | 'copy-failed'>> {
  const { header, keys, store, now } = source.internals;
  if (header.v !== 2) {
    throw new Error('Only a version 2 casebook can have another device');
  }
  const copied = await restoreBackup(writeBackup(store), target);
  if (!copied.ok) {
    return fail(copied.reason === 'not-empty' ? 'not-empty' : 'copy-failed', copied.message);
  }
  const time = now();
  const made = await newDeviceHeader(header, keys, time);
  await commitOpenedDevice(target, {
    header: made.header,
    ck: keys.ck,
    deviceKey: made.deviceKey,
    signingKey: keys.signingKey,
    time,
  });
  const sodium = await getSodium();
  sodium.memzero(made.deviceKey);
  sodium.memzero(made.noticesKey);
  return ok({ device: made.header.device.id });
}
