import { describe, expect, it, vi } from 'vitest';
import { verifyBackup } from './backup/verify-backup';
import { writeBackup } from './backup/write-backup';
import { KDF_FLOOR } from './kdf';
import { unwrapKey } from './key-wrap';
import { CHECKPOINT_META_KEY } from './log/checkpoint';
import { RecordCache } from './record-cache';
import { getSodium } from './sodium';
import { createMemoryStore } from './store/memory-store';
import {
  bytesOf,
  collect,
  newTestVault,
  PASSPHRASE,
  steppingClock,
  testOptions,
} from './testing/test-vault';
import type { Base64, VaultStore } from './types';
import { recordFailedAttempt } from './unlock-notices';
import { Vault } from './vault';
import { HEADER_META_KEY, PURPOSE, parseHeader } from './vault-header';
import { unwrapAccountKey } from './vault-keys';

async function open(store: VaultStore, passphrase = PASSPHRASE, lastSeen?: string) {
  const opened = await Vault.unlock(store, passphrase, {
    ...testOptions(),
    ...(lastSeen !== undefined && { lastSeen }),
  });
  if (!opened.ok) throw new Error(opened.message);
  return opened.value;
}

/** A copy of a store with the newest k log entries (and nothing else) taken away. */
async function copyWithoutNewest(store: VaultStore, k: number, keepCheckpoint = true) {
  const copy = createMemoryStore();
  const log = await store.readLog();
  await copy.commit({
    envelopes: await store.listEnvelopes(),
    log: log.slice(0, log.length - k),
    meta: {
      [HEADER_META_KEY]: (await store.getMeta(HEADER_META_KEY)) as Uint8Array,
      ...(keepCheckpoint && {
        [CHECKPOINT_META_KEY]: (await store.getMeta(CHECKPOINT_META_KEY)) as Uint8Array,
      }),
    },
  });
  return copy;
}

describe('account protection', () => {
  it('counts wrong passphrases and recovery codes, shows them once after the next unlock, logs them', async () => {
    const { vault, store } = await newTestVault();
    vault.lock();
    for (const wrong of ['not the passphrase', 'still not it', 'nope nope nope']) {
      expect((await Vault.unlock(store, wrong, testOptions())).ok).toBe(false);
    }
    expect(
      (await Vault.unlockWithRecoveryCode(store, 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', testOptions()))
        .ok,
    ).toBe(false);
    const opened = await open(store);
    expect(opened.notices.failedAttempts).toMatchObject({ count: 4, recoveryCodes: 1 });
    expect(opened.notices.failedAttempts?.last).toMatch(/^2026-03-03T/);
    expect((await opened.auditLog()).at(-1)).toMatchObject({
      op: 'unlock-failures',
      detail: { count: 4 },
    });
    expect(await opened.verify()).toMatchObject({ ok: true, problems: [] });
    opened.lock();
    // Shown once: the next unlock has nothing to say, and nothing was ever wiped.
    const again = await open(store);
    expect(again.notices.failedAttempts).toBeUndefined();
    expect((await again.auditLog()).length).toBeGreaterThan(1);
  });

  it('never wipes or locks out after many failures', async () => {
    const { store } = await newTestVault();
    for (let i = 0; i < 12; i++) await Vault.unlock(store, `guess number ${i}`, testOptions());
    const opened = await open(store);
    expect(opened.notices.failedAttempts?.count).toBe(12);
  });

  it('makes a new recovery code behind the passphrase; the old code stops working', async () => {
    const { vault, store, recoveryCode } = await newTestVault();
    expect(await vault.newRecoveryCode({ passphrase: 'wrong one entirely' })).toMatchObject({
      ok: false,
      reason: 'wrong-passphrase',
    });
    const made = await vault.newRecoveryCode({ passphrase: PASSPHRASE });
    if (!made.ok) throw new Error(made.message);
    expect(made.value).not.toBe(recoveryCode);
    expect((await vault.auditLog()).at(-1)).toMatchObject({ op: 'new-recovery-code' });
    expect(await vault.verify()).toMatchObject({ ok: true });
    vault.lock();
    expect(await Vault.unlockWithRecoveryCode(store, recoveryCode, testOptions())).toMatchObject({
      ok: false,
      reason: 'bad-recovery-code',
    });
    expect((await Vault.unlockWithRecoveryCode(store, made.value, testOptions())).ok).toBe(true);
  });

  it('after unlocking with the recovery code, one passphrase change needs no other proof', async () => {
    const { store, recoveryCode } = await newTestVault();
    const byCode = await Vault.unlockWithRecoveryCode(store, recoveryCode, testOptions());
    if (!byCode.ok) throw new Error(byCode.message);
    expect(await byCode.value.changePassphrase('a fresh passphrase for my notes')).toMatchObject({
      ok: true,
    });
    // Only once: a second change asks again.
    expect(await byCode.value.changePassphrase('another passphrase for my notes')).toMatchObject({
      ok: false,
      reason: 'proof-needed',
    });
    expect(
      await byCode.value.changePassphrase('another passphrase for my notes', { recoveryCode }),
    ).toMatchObject({ ok: true });
    expect((await open(store, 'another passphrase for my notes')).isLocked).toBe(false);
  });

  it('refuses a weak passphrase at creation, in the vault itself', async () => {
    await expect(
      Vault.create(createMemoryStore(), 'password1', { kdf: KDF_FLOOR, clock: steppingClock() }),
    ).rejects.toThrow(/Too easy to guess/);
  });
});

describe('unlock notices a history that went backwards', () => {
  it('when the newest entries were removed but the checkpoint stayed', async () => {
    const { vault, store } = await newTestVault();
    for (let i = 0; i < 4; i++) await vault.put('incident', `i${i}`, { n: i });
    const cut = await copyWithoutNewest(store, 2);
    const opened = await open(cut);
    expect(opened.notices.wentBackwards).toMatchObject({ now: 2, before: 4 });
    expect(opened.notices.wentBackwards?.message).toMatch(/ends at entry 2.*reached entry 4/);
    // Positive control: the untouched store says nothing.
    expect((await open(store)).notices.wentBackwards).toBeUndefined();
  });

  it('when the checkpoint is gone too', async () => {
    const { vault, store } = await newTestVault();
    await vault.put('incident', 'a', { n: 1 });
    const opened = await open(await copyWithoutNewest(store, 1, false));
    expect(opened.notices.wentBackwards?.message).toMatch(/missing or damaged/);
  });

  it('when an older copy of everything was put back: the device’s token remembers', async () => {
    const { vault, store } = await newTestVault();
    await vault.put('incident', 'a', { n: 1 });
    const older = await copyWithoutNewest(store, 0);
    await vault.put('incident', 'b', { n: 2 });
    await vault.put('incident', 'c', { n: 3 });
    const token = await vault.seenToken();
    // The older database is whole and consistent on its own...
    expect((await open(older)).notices.wentBackwards).toBeUndefined();
    // ...but this device had seen more of it.
    const opened = await open(older, PASSPHRASE, token);
    expect(opened.notices.wentBackwards).toMatchObject({ now: 1, before: 3 });
    // A token from another casebook is ignored rather than believed.
    const other = await newTestVault();
    expect(
      (await open(older, PASSPHRASE, await other.vault.seenToken())).notices.wentBackwards,
    ).toBeUndefined();
  });
});

describe('damage is contained and named', () => {
  it('one unreadable record is listed as unreadable; the rest open', async () => {
    const { vault, store } = await newTestVault();
    await vault.put('incident', 'a', { n: 1 });
    await vault.put('incident', 'b', { n: 2 });
    await vault.put('incident', 'c', { n: 3 });
    const copy = createMemoryStore();
    const envelopes = (await store.listEnvelopes()).map((e) =>
      e.id === 'b' ? { ...e, ct: `${e.ct.slice(0, 10)}AAAA${e.ct.slice(14)}` as Base64 } : e,
    );
    await copy.commit({
      envelopes,
      log: await store.readLog(),
      meta: {
        [HEADER_META_KEY]: (await store.getMeta(HEADER_META_KEY)) as Uint8Array,
        [CHECKPOINT_META_KEY]: (await store.getMeta(CHECKPOINT_META_KEY)) as Uint8Array,
      },
    });
    const opened = await open(copy);
    const listed = await opened.list('incident');
    expect(listed.map((r) => r.id).sort()).toEqual(['a', 'c']);
    expect(opened.unreadable('incident')).toEqual([{ kind: 'incident', id: 'b', rev: 1 }]);
    // A new revision can still be written over it, and then it reads again.
    await opened.put('incident', 'b', { n: 22 });
    expect(await opened.get('incident', 'b')).toMatchObject({ rev: 2, body: { n: 22 } });
    expect(opened.unreadable()).toEqual([]);
    const report = await opened.verify();
    expect(report.problems.map((p) => p.message).join(' ')).toMatch(
      /incident b .*revision 1 has been altered/,
    );
  });

  it('an altered header (created time, vault id, recovery slot) is named by verify', async () => {
    for (const change of [
      (h: Record<string, unknown>) => {
        h.createdAt = '2020-01-01T00:00:00.000Z';
      },
      (h: Record<string, unknown>) => {
        h.vaultId = 'AAAAAAAAAAAAAAAAAAAAAA';
      },
      (h: Record<string, unknown>) => {
        const recovery = h.recovery as { ak: { ct: string } };
        // Always another first character: the random ciphertext begins with "A" 1 time in 64.
        const first = recovery.ak.ct.startsWith('A') ? 'B' : 'A';
        recovery.ak.ct = `${first}${recovery.ak.ct.slice(1)}`;
      },
    ]) {
      const { store } = await newTestVault();
      const header = JSON.parse(new TextDecoder().decode(await store.getMeta(HEADER_META_KEY)));
      change(header);
      await store.commit({
        envelopes: [],
        log: [],
        meta: { [HEADER_META_KEY]: new TextEncoder().encode(JSON.stringify(header)) },
      });
      const report = await (await open(store)).verify();
      expect(report.ok).toBe(false);
      expect(report.problems.map((p) => p.where)).toContain('header');
    }
  });
});

describe('lock during a save', () => {
  /**
   * Saves one record with a lock made to land as the save signs its entry (small records are
   * hashed in JavaScript with nothing to wait for), and waits for both.
   */
  async function putWhileLocking(vault: Vault): Promise<void> {
    const sodium = await getSodium();
    const sign = sodium.crypto_sign_detached.bind(sodium);
    let locked: Promise<void> | undefined;
    const spy = vi.spyOn(sodium, 'crypto_sign_detached').mockImplementation((...args) => {
      locked ??= vault.lock();
      return sign(...args);
    });
    try {
      await vault.put('incident', 'a', { n: 1 });
    } finally {
      spy.mockRestore();
    }
    expect(locked).toBeDefined();
    await locked;
    expect(vault.isLocked).toBe(true);
  }

  it('zeroes the keys only after the save under way, so its entry is signed and the chain stays whole', async () => {
    const { vault, store } = await newTestVault();
    await putWhileLocking(vault);
    const report = await (await open(store)).verify();
    expect(report.problems).toEqual([]);
  });

  it('keeps no decrypted body in the cache when the lock lands during the save', async () => {
    const { vault } = await newTestVault();
    const cached = vi.spyOn(RecordCache.prototype, 'set');
    // Positive control: a save with no lock puts its revision in the cache.
    await vault.put('incident', 'before', { n: 0 });
    expect(cached).toHaveBeenCalledTimes(1);
    cached.mockClear();
    await putWhileLocking(vault);
    expect(cached).not.toHaveBeenCalled();
    cached.mockRestore();
  });
});

describe('found by the review of v2', () => {
  it('a cut noticed at unlock stays named after the next write, even with a planted attempt note', async () => {
    const { vault, store } = await newTestVault();
    for (let i = 0; i < 4; i++) await vault.put('incident', `i${i}`, { n: i });
    const log = await store.readLog();
    const copy = createMemoryStore();
    await copy.commit({
      envelopes: (await store.listEnvelopes()).filter((e) => e.id !== 'i2' && e.id !== 'i3'),
      log: log.slice(0, log.length - 2),
      meta: {
        [HEADER_META_KEY]: (await store.getMeta(HEADER_META_KEY)) as Uint8Array,
        [CHECKPOINT_META_KEY]: (await store.getMeta(CHECKPOINT_META_KEY)) as Uint8Array,
      },
    });
    // Anyone can seal a note, so an attacker can make unlock write at once.
    const header = parseHeader((await copy.getMeta(HEADER_META_KEY)) as Uint8Array);
    if (!header.ok || header.value.v !== 2) throw new Error('no v2 header');
    await recordFailedAttempt(copy, header.value, 'passphrase', '2026-03-03T15:00:00.000Z');
    const opened = await open(copy);
    expect(opened.notices.wentBackwards).toMatchObject({ now: 2, before: 4, source: 'checkpoint' });
    await opened.put('incident', 'later', { n: 9 });
    const report = await opened.verify();
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.message).join(' ')).toMatch(
      /found this casebook ending at entry 2, although it had reached entry 4/,
    );
    opened.lock();
    // And the next unlock does not log it again.
    const next = await open(copy);
    expect(next.notices.wentBackwards).toBeUndefined();
  });

  it('a v2 header stripped back to look like v1 does not open, and verify names it', async () => {
    const { vault, store } = await newTestVault();
    await vault.put('incident', 'a', { n: 1 });
    const header = JSON.parse(new TextDecoder().decode(await store.getMeta(HEADER_META_KEY)));
    header.v = 1;
    delete header.device;
    delete header.notices;
    await store.commit({
      envelopes: [],
      log: [],
      meta: { [HEADER_META_KEY]: new TextEncoder().encode(JSON.stringify(header)) },
    });
    const result = await Vault.unlock(store, PASSPHRASE, testOptions());
    expect(result).toMatchObject({ ok: false, reason: 'corrupt' });
    // Nothing was written: still one chain, unchanged.
    expect((await store.readLog()).every((e) => e.v === 2)).toBe(true);
  });

  it('a v2 store that lost its checkpoint still backs up as v2, and verify names the loss', async () => {
    const { vault, store } = await newTestVault();
    await vault.put('incident', 'a', { n: 1 });
    const copy = createMemoryStore();
    await copy.commit({
      envelopes: await store.listEnvelopes(),
      log: await store.readLog(),
      meta: { [HEADER_META_KEY]: (await store.getMeta(HEADER_META_KEY)) as Uint8Array },
    });
    const bytes = await collect(writeBackup(copy));
    expect(bytes[8]).toBe(2);
    const result = await verifyBackup(bytesOf(bytes), { passphrase: PASSPHRASE });
    if (!result.ok) throw new Error(result.message);
    expect(result.value.report.ok).toBe(false);
    expect(result.value.report.problems.map((p) => p.message).join(' ')).toMatch(/checkpoint/);
  });
});

describe('a new recovery code rotates the account key', () => {
  it('the old code, even with an older backup, opens no later copy; the passphrase still does', async () => {
    const { vault, store, recoveryCode } = await newTestVault();
    await vault.put('incident', 'a', { n: 1 });
    const before = parseHeader((await store.getMeta(HEADER_META_KEY)) as Uint8Array);
    const made = await vault.newRecoveryCode({ passphrase: PASSPHRASE });
    if (!made.ok || !before.ok) throw new Error('setup');
    await vault.put('incident', 'b', { n: 2 });
    const after = parseHeader((await store.getMeta(HEADER_META_KEY)) as Uint8Array);
    if (!after.ok) throw new Error('header');
    // The attacker's route: the old code opens the older header's slot...
    const oldAk = await unwrapAccountKey(before.value, { recoveryCode });
    if (!oldAk.ok) throw new Error('old code should open the old header');
    // ...but that account key wraps nothing in the newer one.
    expect(
      await unwrapKey(after.value.ck, oldAk.value, PURPOSE.ck(after.value.caseId)),
    ).toBeUndefined();
    // Positive control: the same route works on the older header itself.
    expect(
      await unwrapKey(before.value.ck, oldAk.value, PURPOSE.ck(before.value.caseId)),
    ).toBeDefined();
    expect(await vault.verify()).toMatchObject({ ok: true, problems: [] });
    vault.lock();
    const reopened = await open(store);
    expect(await reopened.get('incident', 'b')).toMatchObject({ body: { n: 2 } });
    expect((await Vault.unlockWithRecoveryCode(store, made.value, testOptions())).ok).toBe(true);
    // And changing the passphrase afterwards still works (the new key is the one in use).
    expect(
      await reopened.changePassphrase('one more passphrase for the notes', {
        passphrase: PASSPHRASE,
      }),
    ).toMatchObject({ ok: true });
    expect((await Vault.unlock(store, 'one more passphrase for the notes', testOptions())).ok).toBe(
      true,
    );
  });
});
