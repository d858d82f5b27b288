/**
 * A device's own chain begins with an `open-device` entry binding its header (so the header
 * cannot be swapped later) and a checkpoint the identity signs; both, with the header, go in
 * one commit. Shared by a device made from a copy (new-device.ts) and one made from a link
 * package (link-package.ts), so the two cannot drift apart.
 */
import { CHECKPOINT_META_KEY, encodeCheckpoint, signCheckpoint } from '../log/checkpoint';
import { sealLogEntryV2 } from '../log/log-chain';
import { GENESIS_PREV } from '../log/log-entry';
import type { VaultStore } from '../types';
import { encodeHeader, HEADER_META_KEY, headerDigest, type VaultHeaderV2 } from '../vault-header';

export async function commitOpenedDevice(
  target: VaultStore,
  input: {
    /** The new device's whole header, its device part made by `newDeviceHeader`. */
    header: VaultHeaderV2;
    ck: Uint8Array;
    /** The new device's Ed25519 secret key: it signs the entry. */
    deviceKey: Uint8Array;
    /** The casebook identity's secret key: it signs the checkpoint. */
    signingKey: Uint8Array;
    time: string;
  },
): Promise<void> {
  const { header, time } = input;
  const device = header.device;
  const entry = await sealLogEntryV2(
    input.ck,
    input.deviceKey,
    {
      v: 2,
      device: device.id,
      seq: 0,
      prev: GENESIS_PREV,
      time,
      op: 'open-device',
      kind: 'device',
      id: device.id,
      rev: 1,
      sha256: await headerDigest(header),
    },
    device.cert,
  );
  const checkpoint = await signCheckpoint(input.signingKey, {
    case: header.caseId,
    device: device.id,
    seq: 0,
    h: entry.h,
    time,
  });
  await target.commit({
    envelopes: [],
    log: [entry],
    meta: {
      [HEADER_META_KEY]: encodeHeader(header),
      [CHECKPOINT_META_KEY]: encodeCheckpoint(checkpoint),
    },
  });
}
