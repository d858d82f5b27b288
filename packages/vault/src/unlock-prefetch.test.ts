import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './store/memory-store';
import { newTestVault, PASSPHRASE, testOptions } from './testing/test-vault';
import type { VaultStore } from './types';
import { Vault } from './vault';

/** A store that notes each listing's start, and when the header (the KDF's input) was read. */
function watched(store: VaultStore) {
  const events: string[] = [];
  let failNext = false;
  const wrapped: VaultStore = {
    ...store,
    async getMeta(key) {
      events.push(`meta ${key}`);
      return store.getMeta(key);
    },
    // The first thing unlock does once the keys are open.
    sweepUncommitted() {
      events.push('keys open');
      return store.sweepUncommitted();
    },
    listEnvelopes(kind) {
      events.push(`list ${kind}`);
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('the disk went away'));
      }
      return store.listEnvelopes(kind);
    },
  };
  return { store: wrapped, events, failOnce: () => (failNext = true) };
}

async function seeded() {
  const { vault, store } = await newTestVault();
  await vault.put('incident', 'a', { whatHappened: 'Outside the gym' });
  await vault.put('incident', 'b', { whatHappened: 'Texted at 3am' });
  await vault.put('incident', 'a', { whatHappened: 'Outside the gym, in the red car' });
  vault.lock();
  return store;
}

const bodies = async (vault: Vault) =>
  (await vault.list('incident')).map((s) => [s.id, s.rev, s.deleted ? null : s.body]).sort();

describe('unlock reads the asked-for kinds while it derives the keys', () => {
  it('starts the listing before the keys are opened, and lists exactly what a plain unlock does', async () => {
    const base = await seeded();
    const w = watched(base);
    const early = await Vault.unlock(w.store, PASSPHRASE, {
      ...testOptions(),
      prefetch: ['incident'],
    });
    if (!early.ok) throw new Error(early.message);
    // The listing began before the keys were open (the KDF runs in between).
    expect(w.events.indexOf('list incident')).toBeGreaterThanOrEqual(0);
    expect(w.events.indexOf('list incident')).toBeLessThan(w.events.indexOf('keys open'));
    const before = w.events.length;
    const listed = await bodies(early.value);
    // The first listing used what was read: no second read of the store.
    expect(w.events.slice(before).filter((e) => e === 'list incident')).toEqual([]);

    early.value.lock();
    const plain = await Vault.unlock(base, PASSPHRASE, testOptions());
    if (!plain.ok) throw new Error(plain.message);
    expect(listed).toEqual(await bodies(plain.value));
    expect(listed).toHaveLength(2);
  });

  it('positive control: without prefetch, the listing starts only when asked', async () => {
    const w = watched(await seeded());
    const opened = await Vault.unlock(w.store, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    expect(w.events).not.toContain('list incident');
    await opened.value.list('incident');
    expect(w.events).toContain('list incident');
  });

  it('a write before the first listing is not missed (the early listing is dropped)', async () => {
    const w = watched(await seeded());
    const opened = await Vault.unlock(w.store, PASSPHRASE, {
      ...testOptions(),
      prefetch: ['incident'],
    });
    if (!opened.ok) throw new Error(opened.message);
    await opened.value.put('incident', 'c', { whatHappened: 'At the school gate' });
    const ids = (await opened.value.list('incident')).map((s) => s.id).sort();
    expect(ids).toEqual(['a', 'b', 'c']);
  });

  it('a wrong passphrase leaves nothing behind, and a failed early read is reported then read again', async () => {
    const base = await seeded();
    const w = watched(base);
    const wrong = await Vault.unlock(w.store, 'not the passphrase at all', {
      ...testOptions(),
      prefetch: ['incident'],
    });
    expect(wrong.ok).toBe(false);

    w.failOnce();
    const opened = await Vault.unlock(w.store, PASSPHRASE, {
      ...testOptions(),
      prefetch: ['incident'],
    });
    if (!opened.ok) throw new Error(opened.message);
    await expect(opened.value.list('incident')).rejects.toThrow(/disk went away/);
    expect((await opened.value.list('incident')).map((s) => s.id).sort()).toEqual(['a', 'b']);
  });

  it('an empty store with prefetch opens as before', async () => {
    const store = createMemoryStore();
    const { vault } = await Vault.create(store, PASSPHRASE, testOptions());
    vault.lock();
    const opened = await Vault.unlock(store, PASSPHRASE, {
      ...testOptions(),
      prefetch: ['incident'],
    });
    if (!opened.ok) throw new Error(opened.message);
    expect(await opened.value.list('incident')).toEqual([]);
  });
});
