/**
 * Linking a device through the server: the package opens only with its code and space, holds
 * no device or notices secret, and with the passphrase makes an empty store a device of the
 * casebook whose key is the one that signed the link request; what the first device wrote
 * then comes in by the ordinary sync checks.
 */
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../encoding';
import { createMemoryStore } from '../store/memory-store';
import { syncSigner } from '../sync-keys';
import { newTestVault, PASSPHRASE, testOptions } from '../testing/test-vault';
import { Vault } from '../vault';
import { verifyVault } from '../verify-vault';
import { applyIncoming } from './apply';
import { checkIncoming } from './incoming';
import {
  LINK_PACKAGE_BLOCK,
  newDeviceFromLink,
  newLinkingKey,
  normaliseLinkCode,
  openLinkPackage,
  sealLinkPackage,
} from './link-package';
import { outgoingChanges } from './outgoing';
import { sealSyncEnvelope } from './sync-envelope';

const CODE = 'K7QW-3MZD-9XPA-V2HT';
const SPACE = 'c3BhY2Utb25lLXNwYWNlLW9uZQ';
const SERVER_KEY = 'x'.repeat(43);

describe('link package', () => {
  it('reads a code as the server does', () => {
    expect(normaliseLinkCode('k7qw 3mzd 9xpa v2ht')).toBe('K7QW3MZD9XPAV2HT');
    expect(normaliseLinkCode('K7QW-3MZD-9XPA-V2HO')).toBe('K7QW3MZD9XPAV2H0');
    expect(normaliseLinkCode('K7QW-3MZD-9XPA')).toBeUndefined();
    expect(normaliseLinkCode('K7QW-3MZD-9XPA-V2HU')).toBeUndefined();
  });

  it('opens only with its code and its space, and carries no device or notices secret', async () => {
    const { vault } = await newTestVault();
    const sealed = await sealLinkPackage(vault, {
      code: CODE,
      space: SPACE,
      serverKey: SERVER_KEY,
    });
    expect(sealed.length % LINK_PACKAGE_BLOCK).toBe(0);
    const header = vault.internals.header;
    if (header.v !== 2) throw new Error('v2 expected');
    // Positive control: the header's wrapped keys are in it once opened, as sent.
    const opened = await openLinkPackage(sealed, { code: 'k7qw3mzd9xpav2ht', space: SPACE });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.header.ck).toEqual(header.ck);
    expect(opened.value.serverKey).toBe(SERVER_KEY);
    const text = JSON.stringify(opened.value);
    expect(text).not.toContain(header.device.secretKey.ct);
    expect(text).not.toContain(header.notices.secretKey.ct);
    // Nothing of the header shows in the sealed bytes.
    const raw = Buffer.from(sealed);
    for (const clear of [header.ck.ct, header.identity.publicKey, header.caseId, 'casebook']) {
      expect(raw.includes(Buffer.from(clear))).toBe(false);
    }
    expect(
      await openLinkPackage(sealed, { code: 'K7QW-3MZD-9XPA-V2HV', space: SPACE }),
    ).toMatchObject({
      ok: false,
      reason: 'unreadable',
    });
    expect(await openLinkPackage(sealed, { code: CODE, space: `${SPACE}x` })).toMatchObject({
      ok: false,
      reason: 'unreadable',
    });
    const altered = new Uint8Array(sealed);
    altered[100] = (altered[100] ?? 0) ^ 1;
    expect((await openLinkPackage(altered, { code: CODE, space: SPACE })).ok).toBe(false);
  });

  it('makes an empty store a device whose key signed the link, and takes in the first device’s history', async () => {
    const { vault: phone } = await newTestVault();
    await phone.put('incident', 'inc-1', { whatHappened: 'A car outside again', title: 'Car' });
    const sealed = await sealLinkPackage(phone, {
      code: CODE,
      space: SPACE,
      serverKey: SERVER_KEY,
    });
    const opened = await openLinkPackage(sealed, { code: CODE, space: SPACE });
    if (!opened.ok) throw new Error(opened.message);
    const { pair, signer } = await newLinkingKey();

    const store = createMemoryStore();
    expect(
      await newDeviceFromLink(store, opened.value, 'not the passphrase at all', pair),
    ).toMatchObject({ ok: false, reason: 'wrong-passphrase' });
    expect(await Vault.exists(store)).toBe(false);

    const made = await newDeviceFromLink(store, opened.value, PASSPHRASE, pair);
    expect(made.ok).toBe(true);
    expect(
      (await newDeviceFromLink(store, opened.value, PASSPHRASE, pair)) as { reason?: string },
    ).toMatchObject({ ok: false, reason: 'not-empty' });
    const unlocked = await Vault.unlock(store, PASSPHRASE, testOptions());
    if (!unlocked.ok) throw new Error(unlocked.message);
    const laptop = unlocked.value;
    // The key the server knows this device by is the one that signs its chain.
    expect(syncSigner(laptop).keyId).toBe(signer.keyId);
    const header = laptop.internals.header;
    if (header.v !== 2) throw new Error('v2 expected');
    expect(fromBase64(header.device.cert.publicKey)).toEqual(pair.publicKey);
    expect(header.identity.publicKey).toBe(toBase64(phone.internals.keys.publicKey));
    expect(await laptop.list('incident')).toEqual([]);

    const changes = await outgoingChanges(phone.internals, new Set());
    const envelopes = await Promise.all(
      changes.map((c) => sealSyncEnvelope(phone.internals.keys.ck, c.change)),
    );
    const checked = await checkIncoming(laptop.internals, envelopes);
    if (!checked.ok) throw new Error(checked.message);
    await applyIncoming(laptop.internals, checked.value);
    const incidents = await laptop.list('incident');
    expect(incidents.map((r) => r.id)).toEqual(['inc-1']);
    const report = await verifyVault(laptop);
    expect(report.problems).toEqual([]);
  });
});
