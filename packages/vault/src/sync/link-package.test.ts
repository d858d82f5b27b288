/**
 * Linking a device through the server: the package opens only with its code and space, holds
 * no device or notices secret, and with the passphrase makes an empty store a device of the
 * casebook whose key is the one that signed the link request; what the first device wrote
 * then comes in by the ordinary sync checks.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../encoding';
import { createMemoryStore } from '../store/memory-store';
import { syncSigner } from '../sync-keys';
import { newTestVault, PASSPHRASE, testOptions } from '../testing/test-vault';
import { Vault } from '../vault';
import { verifyVault } from '../verify-vault';
import { applyIncoming } from './apply';
import { checkIncoming } from './incoming';
import { extendLinkCode, normaliseLinkCode, readLinkCode } from './link-code';
import {
  LINK_PACKAGE_BLOCK,
  newDeviceFromLink,
  newLinkingKey,
  openLinkPackage,
  sealLinkPackage,
} from './link-package';
import { outgoingChanges } from './outgoing';
import { sealSyncEnvelope } from './sync-envelope';

/** The server's code, then this device's part: what the person reads (link-code.ts). */
const SERVER_CODE = 'K7QW-3MZD-9XPA-V2HT';
const CODE = `${SERVER_CODE}-R4NB-8CJE-W6FS`;
const SPACE = 'c3BhY2Utb25lLXNwYWNlLW9uZQ';
const SERVER_KEY = 'x'.repeat(43);

// Sealed by v1 (test/golden/make-link-package-golden-v1.ts) under a 16-character code the
// server made; every later version must open it.
const golden = JSON.parse(
  await readFile(new URL('../../test/golden/link-package-v1.json', import.meta.url), 'utf8'),
);

describe('linking code', () => {
  it('reads the server’s part as the server does, and a whole code in two parts', () => {
    expect(normaliseLinkCode('k7qw 3mzd 9xpa v2ht')).toBe('K7QW3MZD9XPAV2HT');
    expect(normaliseLinkCode('K7QW-3MZD-9XPA-V2HO')).toBe('K7QW3MZD9XPAV2H0');
    expect(normaliseLinkCode('K7QW-3MZD-9XPA')).toBeUndefined();
    expect(normaliseLinkCode('K7QW-3MZD-9XPA-V2HU')).toBeUndefined();
    expect(readLinkCode('k7qw 3mzd 9xpa v2ht r4nb 8cje w6fs')).toEqual({
      v: 2,
      whole: 'K7QW3MZD9XPAV2HTR4NB8CJEW6FS',
      serverPart: SERVER_CODE,
    });
    expect(readLinkCode(SERVER_CODE)).toEqual({
      v: 1,
      whole: 'K7QW3MZD9XPAV2HT',
      serverPart: 'K7QW3MZD9XPAV2HT',
    });
    // One character short or long, or a letter outside the alphabet: nothing to send.
    expect(readLinkCode(CODE.slice(0, -1))).toBeUndefined();
    expect(readLinkCode(`${CODE}X`)).toBeUndefined();
    expect(readLinkCode(`${CODE.slice(0, -1)}U`)).toBeUndefined();
  });

  it('adds a part of the device’s own, different each time, in seven groups of four', async () => {
    const parts = new Set<string>();
    for (let i = 0; i < 50; i += 1) {
      const code = await extendLinkCode('k7qw3mzd9xpav2ht');
      expect(code).toMatch(/^K7QW-3MZD-9XPA-V2HT(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      expect(readLinkCode(code)?.serverPart).toBe(SERVER_CODE);
      parts.add(code.slice(SERVER_CODE.length));
    }
    expect(parts.size).toBe(50);
    await expect(extendLinkCode('K7QW-3MZD')).rejects.toThrow();
  });
});

describe('link package', () => {
  it('the server’s view does not open it; the whole code does (positive control)', async () => {
    const { vault } = await newTestVault();
    const sealed = await sealLinkPackage(vault, {
      code: CODE,
      space: SPACE,
      serverKey: SERVER_KEY,
    });
    const read = readLinkCode(CODE);
    if (!read) throw new Error('code expected');
    // All the server is given of the code: the id in the PUT's path and the server's part in
    // `POST /v1/link` (apps/cli's sync-link test takes the same from a real server's database).
    const seen = [read.serverPart, read.serverPart.slice(0, 4), SPACE, SERVER_KEY];
    for (const text of seen) expect(text).not.toContain(CODE.slice(SERVER_CODE.length + 1));
    for (const code of [read.serverPart, `${read.serverPart}-0000-0000-0000`]) {
      expect(await openLinkPackage(sealed, { code, space: SPACE })).toMatchObject({
        ok: false,
        reason: 'unreadable',
      });
    }
    expect((await openLinkPackage(sealed, { code: CODE, space: SPACE })).ok).toBe(true);
  });

  it('seals only under a whole version 2 code, never the server’s part alone', async () => {
    const { vault } = await newTestVault();
    await expect(
      sealLinkPackage(vault, { code: SERVER_CODE, space: SPACE, serverKey: SERVER_KEY }),
    ).rejects.toThrow();
  });

  it('still opens a version 1 package (golden file) with its 16-character code', async () => {
    const sealed = new Uint8Array(Buffer.from(golden.sealedBase64, 'base64'));
    const opened = await openLinkPackage(sealed, { code: golden.code, space: golden.space });
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.value.v).toBe(1);
    expect(opened.value.serverKey).toBe(golden.serverKey);
    expect(opened.value.header.caseId).toBe(golden.caseId);
    // Control: the v2 reading of the same bytes (the code with any device part) refuses it.
    const asV2 = `${golden.code}-0000-0000-0000`;
    expect((await openLinkPackage(sealed, { code: asV2, space: golden.space })).ok).toBe(false);
    const { pair } = await newLinkingKey();
    const made = await newDeviceFromLink(createMemoryStore(), opened.value, PASSPHRASE, pair);
    expect(made.ok).toBe(true);
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
    const opened = await openLinkPackage(sealed, {
      code: 'k7qw3mzd9xpav2ht r4nb8cjew6fs',
      space: SPACE,
    });
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
      await openLinkPackage(sealed, { code: `${CODE.slice(0, -1)}T`, space: SPACE }),
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
