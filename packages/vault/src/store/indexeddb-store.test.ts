// idb checks values against the global IDB classes, so the fake ones must be the globals too.
import 'fake-indexeddb/auto';
import { IDBDatabase as FakeIDBDatabase, IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VaultStore } from '../types';
import { StorageFullError, StoreConflictError, StoreUnavailableError } from './errors';
import { mapIdbError } from './idb-errors';
import { SCHEMA_VERSION } from './idb-schema';
import { openIndexedDbStore } from './indexeddb-store';
import { batch, describeStoreContract, deviceEntry, env, logEntry } from './store-contract';

const NAME = 'casebook-test';

describeStoreContract('indexeddb', async () => {
  const factory = new IDBFactory();
  const open = () => openIndexedDbStore(NAME, { indexedDB: factory });
  return { store: await open(), reopen: open };
});

/** Opens a raw connection with the same factory, outside the adapter. */
function rawOpen(factory: IDBFactory, version?: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(NAME, version);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('blocked'));
  });
}

describe('openIndexedDbStore', () => {
  const stores: VaultStore[] = [];
  const open = async (factory: IDBFactory) => {
    const store = await openIndexedDbStore(NAME, { indexedDB: factory });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  it('creates schema version 2 with the documented object stores and keys', async () => {
    const factory = new IDBFactory();
    await (await open(factory)).close();
    const db = await rawOpen(factory);
    expect(SCHEMA_VERSION).toBe(2);
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames]).toEqual([
      'blobs',
      'chains',
      'chunks',
      'envelopes',
      'meta',
      'sides',
    ]);
    const tx = db.transaction([...db.objectStoreNames]);
    const keyPaths = Object.fromEntries(
      [...db.objectStoreNames].map((n) => [n, tx.objectStore(n).keyPath]),
    );
    expect(keyPaths).toEqual({
      blobs: 'blobId',
      chains: null,
      chunks: null,
      envelopes: ['kind', 'id', 'rev'],
      meta: null,
      sides: null,
    });
    db.close();
  });

  it('upgrades a schema-1 database, keeping every log entry, record, chunk and meta', async () => {
    const factory = new IDBFactory();
    // Schema 1 exactly as migration 0 -> 1 made it, written raw as version 1 code did.
    const v1 = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(NAME, 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore('meta');
        db.createObjectStore('envelopes', { keyPath: ['kind', 'id', 'rev'] });
        db.createObjectStore('log', { keyPath: 'seq' });
        db.createObjectStore('chunks');
        db.createObjectStore('blobs', { keyPath: 'blobId' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    // A casebook begun under v1 and upgraded on one device: v1 entries 0-2, its chain 3-4.
    const entries = [
      logEntry(0),
      logEntry(1),
      logEntry(2),
      deviceEntry('phone', 3),
      deviceEntry('phone', 4),
    ];
    await new Promise<void>((resolve, reject) => {
      const tx = v1.transaction(['meta', 'envelopes', 'log', 'chunks', 'blobs'], 'readwrite');
      for (const entry of entries) tx.objectStore('log').add(entry);
      tx.objectStore('envelopes').add(env('incident', 'a', 1));
      tx.objectStore('chunks').put(Uint8Array.of(7, 8), ['b1', 0]);
      tx.objectStore('blobs').put({ blobId: 'b1' });
      tx.objectStore('meta').put(Uint8Array.of(1, 2), 'header');
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    v1.close();

    const store = await open(factory);
    expect(await store.readLog()).toEqual(entries);
    expect(await store.lastLogEntry('phone')).toEqual(deviceEntry('phone', 4));
    expect(await store.listEnvelopes()).toEqual([env('incident', 'a', 1)]);
    expect(await store.getChunk('b1', 0)).toEqual(Uint8Array.of(7, 8));
    expect(await store.listBlobs()).toEqual(['b1']);
    expect(await store.getMeta('header')).toEqual(Uint8Array.of(1, 2));
    expect(await store.listSides()).toEqual([]);
    // The upgraded store takes another device's entry 3 beside this one's, and refuses a
    // second entry 4 of its own (control: the key is (chain, seq), not seq alone).
    await store.commit(batch({ log: [deviceEntry('laptop', 3)] }));
    await expect(store.commit(batch({ log: [deviceEntry('phone', 4)] }))).rejects.toMatchObject({
      store: 'log',
    });
    expect(await store.readLog()).toHaveLength(6);
    await store.close();
    const db = await rawOpen(factory);
    expect([...db.objectStoreNames]).not.toContain('log');
    db.close();
  });

  it('stores chunks as Uint8Array values under [blobId, index]', async () => {
    const factory = new IDBFactory();
    const store = await open(factory);
    await store.putChunk('b1', 3, Uint8Array.of(1, 2));
    await store.close();
    const db = await rawOpen(factory);
    const request = db.transaction('chunks').objectStore('chunks').get(['b1', 3]);
    const value = await new Promise((resolve) => {
      request.onsuccess = () => resolve(request.result);
    });
    expect(value).toBeInstanceOf(Uint8Array);
    expect(value).toEqual(Uint8Array.of(1, 2));
    db.close();
  });

  it("opens every write transaction with durability 'strict'", async () => {
    const spy = vi.spyOn(FakeIDBDatabase.prototype, 'transaction');
    const store = await open(new IDBFactory());
    await store.putChunk('b1', 0, Uint8Array.of(1));
    await store.commit(batch({ log: [logEntry(1)], commitBlobs: ['b1'] }));
    await store.discardBlob('b2');
    await store.putChunk('b3', 0, Uint8Array.of(3)); // left over, so the sweep writes
    await store.sweepUncommitted();
    await store.readLog();
    const writes = spy.mock.calls.filter(([, mode]) => mode === 'readwrite');
    expect(writes).toHaveLength(5);
    for (const [, , options] of writes) expect(options).toEqual({ durability: 'strict' });
  });

  it('a sweep with nothing left over writes nothing (no flush at every unlock)', async () => {
    const store = await open(new IDBFactory());
    await store.putChunk('b1', 0, Uint8Array.of(1));
    await store.commit(batch({ log: [logEntry(1)], commitBlobs: ['b1'] }));
    const spy = vi.spyOn(FakeIDBDatabase.prototype, 'transaction');
    expect(await store.sweepUncommitted()).toEqual([]);
    expect(spy.mock.calls.filter(([, mode]) => mode === 'readwrite')).toEqual([]);
    // Positive control: with a chunk left over, the same call writes, and removes it.
    await store.putChunk('b2', 0, Uint8Array.of(2));
    spy.mockClear();
    expect(await store.sweepUncommitted()).toEqual(['b2']);
    expect(spy.mock.calls.filter(([, mode]) => mode === 'readwrite')).toHaveLength(1);
    expect(await store.countChunks('b2')).toBe(0);
    expect(await store.countChunks('b1')).toBe(1);
  });

  it('steps aside for an upgrade in another tab, then says why', async () => {
    const factory = new IDBFactory();
    const store = await open(factory);
    const newer = await rawOpen(factory, 3); // would reject with 'blocked' if we held on
    await expect(store.readLog()).rejects.toMatchObject({ reason: 'version-change' });
    await expect(store.commit(batch({ log: [logEntry(1)] }))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    newer.close();
  });

  it('refuses a database written by a newer version', async () => {
    const factory = new IDBFactory();
    (await rawOpen(factory, 3)).close();
    const attempt = openIndexedDbStore(NAME, { indexedDB: factory });
    await expect(attempt).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(attempt).rejects.toMatchObject({ reason: 'newer-version' });
  });

  it('maps a full disk during a commit to StorageFullError and writes nothing', async () => {
    const store = await open(new IDBFactory());
    await store.commit(batch({ log: [logEntry(1)] }));
    const add = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (
      this: IDBObjectStore,
      ...args
    ) {
      if (this.name === 'chains') throw new DOMException('quota', 'QuotaExceededError');
      return add.apply(this, args);
    });
    const attempt = store.commit(batch({ envelopes: [env('k', 'a', 1)], log: [logEntry(2)] }));
    await expect(attempt).rejects.toBeInstanceOf(StorageFullError);
    await expect(attempt).rejects.toThrow('This device is out of storage space.');
    vi.restoreAllMocks();
    expect(await store.listEnvelopes()).toEqual([]);
    expect(await store.readLog()).toEqual([logEntry(1)]);
  });

  it('maps a full disk while writing a chunk to StorageFullError', async () => {
    const store = await open(new IDBFactory());
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    await expect(store.putChunk('b1', 0, Uint8Array.of(1))).rejects.toBeInstanceOf(
      StorageFullError,
    );
    vi.restoreAllMocks();
    expect(await store.countChunks('b1')).toBe(0);
  });
});

describe('mapIdbError', () => {
  it('maps DOMException names to typed errors and leaves others alone', () => {
    const quota = mapIdbError(new DOMException('x', 'QuotaExceededError'));
    expect(quota).toBeInstanceOf(StorageFullError);
    expect((quota as Error).message).toBe(
      'This device is out of storage space. Nothing new was saved. Free some space, then try again.',
    );
    const conflict = mapIdbError(new DOMException('x', 'ConstraintError'), { store: 'log' });
    expect(conflict).toMatchObject({ name: 'StoreConflictError', store: 'log' });
    expect(conflict).toBeInstanceOf(StoreConflictError);
    expect(mapIdbError(new DOMException('x', 'VersionError'))).toMatchObject({
      reason: 'newer-version',
    });
    const state = new DOMException('x', 'InvalidStateError');
    expect(mapIdbError(state)).toBe(state);
    expect(mapIdbError(state, { closedReason: 'closed' })).toMatchObject({ reason: 'closed' });
    const bug = new TypeError('bug');
    expect(mapIdbError(bug)).toBe(bug);
  });
});
