import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { RecordCache } from './record-cache';
import { openIndexedDbStore } from './store/indexeddb-store';
import { newTestVault, PASSPHRASE, testOptions } from './testing/test-vault';
import { Vault } from './vault';

const items = (n: number, kind = 'imported-message') =>
  Array.from({ length: n }, (_, i) => ({
    kind,
    id: `m${String(i).padStart(21, '0')}`,
    body: { text: `message ${i}` },
  }));

describe('Vault.createMany', () => {
  it('saves every record with its own signed create entry, and verify passes', async () => {
    const { vault, store } = await newTestVault();
    const before = (await vault.auditLog()).length;
    const states = await vault.createMany(items(50));
    expect(states).toHaveLength(50);
    const log = await vault.auditLog();
    const creates = log.slice(before).filter((e) => e.op === 'create');
    expect(creates.map((e) => e.id)).toEqual(items(50).map((i) => i.id));
    expect((await vault.verify()).ok).toBe(true);
    // Reopened from the store, not the cache: every record is there.
    await vault.lock();
    const opened = await Vault.unlock(store, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    const listed = await opened.value.list('imported-message');
    expect(listed).toHaveLength(50);
    expect(listed.find((s) => s.id === items(50)[7]?.id)).toMatchObject({
      rev: 1,
      body: { text: 'message 7' },
    });
    expect((await opened.value.verify()).ok).toBe(true);
    // And the chain continues after a batch: a later single write still verifies.
    await opened.value.put('incident', 'i'.repeat(22), { whatHappened: 'after' });
    expect((await opened.value.verify()).ok).toBe(true);
  });

  it('leaves nothing when the commit fails (one commit point), and writes go on after', async () => {
    // The create commit and nothing after it succeed.
    const { vault, store } = await newTestVault({ failCommitAfter: 1 });
    const logBefore = await store.readLog();
    await expect(vault.createMany(items(20))).rejects.toThrow();
    expect(await store.listEnvelopes('imported-message')).toEqual([]);
    expect(await store.readLog()).toEqual(logBefore);
    expect((await vault.verify()).ok).toBe(true);
  });

  it('writes go on after a refused commit: a later put and batch are saved and verify', async () => {
    const { vault, store } = await newTestVault();
    const commit = store.commit.bind(store);
    let refuse = true;
    store.commit = async (batch) => {
      if (refuse) {
        refuse = false;
        throw new Error('disk full');
      }
      return commit(batch);
    };
    await expect(vault.createMany(items(20))).rejects.toThrow(/disk full/);
    expect(await store.listEnvelopes('imported-message')).toEqual([]);
    await vault.put('incident', 'i'.repeat(22), { whatHappened: 'after' });
    expect(await vault.createMany(items(3))).toHaveLength(3);
    expect(await vault.list('imported-message')).toHaveLength(3);
    expect((await vault.verify()).ok).toBe(true);
    await vault.lock();
    const opened = await Vault.unlock(store, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    expect(await opened.value.list('imported-message')).toHaveLength(3);
    expect((await opened.value.verify()).ok).toBe(true);
  });

  it('a lock landing during the commit leaves the cleared cache empty', async () => {
    const { vault, store } = await newTestVault();
    const commit = store.commit.bind(store);
    let lockDuring = true;
    store.commit = async (batch) => {
      await commit(batch);
      if (lockDuring) void vault.lock();
    };
    const set = vi.spyOn(RecordCache.prototype, 'set');
    try {
      await vault.createMany(items(5)).catch(() => undefined);
      expect(set).not.toHaveBeenCalled();
      // Positive control: unlocked throughout, the batch is cached.
      lockDuring = false;
      const other = await newTestVault();
      await other.vault.createMany(items(5));
      expect(set).toHaveBeenCalledTimes(5);
    } finally {
      set.mockRestore();
    }
  });

  it('a bad batch is a rejected promise, not a throw', async () => {
    const { vault } = await newTestVault();
    const [first] = items(1);
    if (!first) throw new Error('no item');
    const made = vault.createMany([first, first]);
    expect(made).toBeInstanceOf(Promise);
    await expect(made).rejects.toThrow(/twice/);
    await expect(vault.createMany([{ kind: 'log', id: 'x', body: {} }])).rejects.toThrow(
      /reserved/,
    );
  });

  it('refuses an id already saved, or twice in one batch, and saves none of the batch', async () => {
    const { vault, store } = await newTestVault();
    const [first] = items(1);
    if (!first) throw new Error('no item');
    await vault.put(first.kind, first.id, first.body);
    await expect(vault.createMany(items(5))).rejects.toThrow(/already exists/);
    expect(await store.listEnvelopes('imported-message')).toHaveLength(1);
    await expect(vault.createMany([first, first])).rejects.toThrow(/twice/);
    await expect(vault.createMany([{ kind: 'log', id: 'x', body: {} }])).rejects.toThrow(
      /reserved/,
    );
    // Positive control: the same ids in a fresh vault are saved.
    const fresh = await newTestVault();
    expect(await fresh.vault.createMany(items(5))).toHaveLength(5);
  });

  it('the store refuses a duplicate the cache did not know of, and nothing is saved', async () => {
    const { vault, store } = await newTestVault();
    const all = items(3);
    await vault.createMany(all.slice(0, 1));
    await vault.lock();
    const opened = await Vault.unlock(store, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    await expect(opened.value.createMany(all)).rejects.toThrow();
    expect(await store.listEnvelopes('imported-message')).toHaveLength(1);
    expect((await opened.value.verify()).ok).toBe(true);
  });
});

describe('Vault.createMany on IndexedDB', () => {
  it('writes a batch in one transaction, refuses a duplicate whole, and verifies after reopening', async () => {
    const indexedDB = new IDBFactory();
    const store = await openIndexedDbStore('casebook', { indexedDB });
    const { vault } = await Vault.create(store, PASSPHRASE, testOptions());
    await vault.createMany(items(200));
    // An id already stored (the cache cleared by a reopen does not know it): the store's
    // add refuses, and the transaction takes none of the batch.
    await vault.lock();
    const reopened = await Vault.unlock(store, PASSPHRASE, testOptions());
    if (!reopened.ok) throw new Error(reopened.message);
    const more = [...items(201).slice(200), ...items(1)];
    await expect(reopened.value.createMany(more)).rejects.toThrow();
    await reopened.value.lock();
    await store.close();

    const again = await openIndexedDbStore('casebook', { indexedDB });
    const opened = await Vault.unlock(again, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    expect(await opened.value.list('imported-message')).toHaveLength(200);
    expect(await opened.value.verify()).toMatchObject({ ok: true, problems: [] });
  });
});
