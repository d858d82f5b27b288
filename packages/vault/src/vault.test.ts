import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from './encoding';
import { createMemoryStore } from './store/memory-store';
import { newTestVault, PASSPHRASE, testOptions } from './testing/test-vault';
import { Vault } from './vault';
import { HEADER_META_KEY } from './vault-header';

describe('Vault lifecycle', () => {
  it('creates, locks and unlocks with the passphrase, keeping records', async () => {
    const { vault, store } = await newTestVault();
    await vault.put('incident', 'a', { whatHappened: 'He was outside the gym again' });
    vault.lock();
    expect(vault.isLocked).toBe(true);
    await expect(vault.list('incident')).rejects.toThrow(/locked/);
    const opened = await Vault.unlock(store, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    const [state] = await opened.value.list('incident');
    expect(state).toMatchObject({
      id: 'a',
      rev: 1,
      deleted: false,
      body: { whatHappened: 'He was outside the gym again' },
    });
  });

  it('refuses a wrong passphrase with a clear message and changes nothing', async () => {
    const { store } = await newTestVault();
    const before = await store.getMeta(HEADER_META_KEY);
    const logBefore = await store.readLog();
    const result = await Vault.unlock(store, 'correct horse battery stapler', testOptions());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('wrong-passphrase');
    expect(result.message).toMatch(/passphrase did not open/);
    expect(await store.getMeta(HEADER_META_KEY)).toEqual(before);
    expect(await store.readLog()).toEqual(logBefore);
  });

  it('normalises the passphrase (NFKC), so a ligature or full-width form still unlocks', async () => {
    const store = createMemoryStore();
    await Vault.create(store, 'ﬁsh and chips ２０２６', testOptions());
    const result = await Vault.unlock(store, 'fish and chips 2026', testOptions());
    expect(result.ok).toBe(true);
  });

  it('unlocks with the recovery code however it is typed, and refuses a wrong one', async () => {
    const { store, recoveryCode } = await newTestVault();
    expect(recoveryCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    const typed = recoveryCode.toLowerCase().replace(/-/g, ' ');
    expect((await Vault.unlockWithRecoveryCode(store, typed, testOptions())).ok).toBe(true);

    const wrongChar = recoveryCode.startsWith('A')
      ? `B${recoveryCode.slice(1)}`
      : `A${recoveryCode.slice(1)}`;
    const wrong = await Vault.unlockWithRecoveryCode(store, wrongChar, testOptions());
    expect(wrong).toMatchObject({ ok: false, reason: 'bad-recovery-code' });
    const short = await Vault.unlockWithRecoveryCode(store, 'ABCD-EFGH', testOptions());
    expect(short).toMatchObject({ ok: false, reason: 'bad-recovery-code' });
    if (!short.ok) expect(short.message).toMatch(/8 characters; it should have 24/);
  });

  it('changes the passphrase: the old one stops working, the recovery code still works', async () => {
    const { vault, store, recoveryCode } = await newTestVault();
    await vault.put('incident', 'a', { n: 1 });
    expect(await vault.changePassphrase('a whole new passphrase here')).toMatchObject({
      ok: false,
      reason: 'proof-needed',
    });
    expect(
      await vault.changePassphrase('a whole new passphrase here', { passphrase: 'not it at all' }),
    ).toMatchObject({ ok: false, reason: 'wrong-passphrase' });
    expect(await vault.changePassphrase('password1', { passphrase: PASSPHRASE })).toMatchObject({
      ok: false,
      reason: 'weak',
    });
    expect(
      await vault.changePassphrase('a whole new passphrase here', { passphrase: PASSPHRASE }),
    ).toMatchObject({ ok: true });
    expect((await vault.auditLog()).at(-1)).toMatchObject({ op: 'change-passphrase' });
    expect(await vault.verify()).toMatchObject({ ok: true, problems: [] });
    expect((await Vault.unlock(store, PASSPHRASE, testOptions())).ok).toBe(false);
    const reopened = await Vault.unlock(store, 'a whole new passphrase here', testOptions());
    if (!reopened.ok) throw new Error(reopened.message);
    expect(await reopened.value.get('incident', 'a')).toMatchObject({ body: { n: 1 } });
    expect((await Vault.unlockWithRecoveryCode(store, recoveryCode, testOptions())).ok).toBe(true);
  });

  it('refuses KDF parameters below the floor (a tampered header) and changes nothing', async () => {
    const { store } = await newTestVault();
    const header = JSON.parse(fromUtf8((await store.getMeta(HEADER_META_KEY)) as Uint8Array));
    for (const weaken of [
      (h: typeof header) => {
        h.passphrase.kdf.memlimit = 8 * 1024 * 1024;
      },
      (h: typeof header) => {
        h.passphrase.kdf.opslimit = 1;
      },
    ]) {
      const weak = structuredClone(header);
      weaken(weak);
      await store.commit({
        envelopes: [],
        log: [],
        meta: { [HEADER_META_KEY]: utf8(JSON.stringify(weak)) },
      });
      const result = await Vault.unlock(store, PASSPHRASE, testOptions());
      expect(result).toMatchObject({ ok: false, reason: 'kdf-too-weak' });
    }
  });

  it('refuses hostile KDF numbers at once, before deriving (the ceiling)', async () => {
    const { store } = await newTestVault();
    const header = JSON.parse(fromUtf8((await store.getMeta(HEADER_META_KEY)) as Uint8Array));
    const hostile: [string, number][] = [
      ['opslimit', 2 ** 32 - 1],
      ['opslimit', 333],
      ['memlimit', 640 * 1024 * 1024],
      ['memlimit', 2 * 1024 ** 3],
      ['memlimit', Math.floor(6.7 * 1024 ** 3)],
    ];
    for (const [field, value] of hostile) {
      const bad = structuredClone(header);
      bad.passphrase.kdf[field] = value;
      await store.commit({
        envelopes: [],
        log: [],
        meta: { [HEADER_META_KEY]: utf8(JSON.stringify(bad)) },
      });
      const started = performance.now();
      const result = await Vault.unlock(store, PASSPHRASE, testOptions());
      expect(result, `${field} = ${value}`).toMatchObject({
        ok: false,
        reason: 'kdf-out-of-range',
      });
      // Refused before any derivation: far below one Argon2id run.
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it('names a newer format version rather than calling it damaged', async () => {
    const { store } = await newTestVault();
    const header = JSON.parse(fromUtf8((await store.getMeta(HEADER_META_KEY)) as Uint8Array));
    header.v = 3;
    await store.commit({
      envelopes: [],
      log: [],
      meta: { [HEADER_META_KEY]: utf8(JSON.stringify(header)) },
    });
    expect(await Vault.unlock(store, PASSPHRASE, testOptions())).toMatchObject({
      ok: false,
      reason: 'unsupported-version',
    });
    await store.commit({ envelopes: [], log: [], meta: { [HEADER_META_KEY]: utf8('{not json') } });
    expect(await Vault.unlock(store, PASSPHRASE, testOptions())).toMatchObject({
      ok: false,
      reason: 'corrupt',
    });
  });

  it('says when there is no casebook yet', async () => {
    expect(await Vault.unlock(createMemoryStore(), PASSPHRASE, testOptions())).toMatchObject({
      ok: false,
      reason: 'no-vault',
    });
  });
});

describe('Vault records', () => {
  it('keeps every revision and shows a delete as a tombstone with its reason', async () => {
    const { vault } = await newTestVault();
    await vault.put('incident', 'x', { whatHappened: 'first' });
    await vault.put('incident', 'x', { whatHappened: 'second' });
    await vault.remove('incident', 'x', 'Logged twice by mistake');
    const history = await vault.history('incident', 'x');
    expect(history.map((r) => r.rev)).toEqual([1, 2, 3]);
    expect(history[0]).toMatchObject({ deleted: false, body: { whatHappened: 'first' } });
    expect(history[2]).toMatchObject({ deleted: true, reason: 'Logged twice by mistake' });
    expect((await vault.list('incident'))[0]).toMatchObject({ id: 'x', rev: 3, deleted: true });
    const ops = (await vault.auditLog()).map((e) => `${e.op}:${e.kind}:${e.rev}`);
    expect(ops).toEqual([
      'open-case:case:1',
      'create:incident:1',
      'update:incident:2',
      'delete:incident:3',
    ]);
  });

  it('serialises concurrent writes so the log stays one unbroken chain', async () => {
    const { vault } = await newTestVault();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => vault.put('incident', `i${i % 5}`, { i })),
    );
    const report = await vault.verify();
    expect(report.problems).toEqual([]);
    expect(report.counts.logEntries).toBe(21);
    expect((await vault.list('incident')).map((r) => r.rev).sort()).toEqual([4, 4, 4, 4, 4]);
  });

  it('loses nothing already saved when the disk is full, and logs nothing for the failed save', async () => {
    const { vault } = await newTestVault({ failCommitAfter: 2 });
    await vault.put('incident', 'a', { n: 1 });
    await expect(vault.put('incident', 'b', { n: 2 })).rejects.toThrow(/out of storage/);
    expect((await vault.list('incident')).map((r) => r.id)).toEqual(['a']);
    expect((await vault.verify()).ok).toBe(true);
  });

  it('refuses the vault’s own kinds as records', async () => {
    const { vault } = await newTestVault();
    expect(() => vault.put('log', 'x', {})).toThrow(/reserved/);
  });
});
