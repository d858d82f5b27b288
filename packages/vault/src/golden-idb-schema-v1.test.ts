/**
 * A browser's casebook written under IndexedDB schema 1 keeps opening: the golden vaults (v1
 * and v2 formats) are put into a schema-1 database exactly as schema-1 code stored them (log
 * keyed by `seq`), then opened by today's store, which migrates it to schema 2. Every entry,
 * record and file is still there, the casebook unlocks, writes, and verifies.
 */
import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { readBackup } from './backup/backup-reader';
import { CHECKPOINT_META_KEY, encodeCheckpoint } from './log/checkpoint';
import { openIndexedDbStore } from './store/indexeddb-store';
import type { Envelope, StoredLogEntry } from './types';
import { Vault } from './vault';
import { HEADER_META_KEY } from './vault-header';

const golden = new URL('../test/golden/', import.meta.url);

async function* once(bytes: Uint8Array) {
  yield bytes;
}

/** Writes a backup's contents into a new schema-1 database, as schema-1 code did. */
async function schemaOneDatabase(factory: IDBFactory, name: string, backup: Uint8Array) {
  const log: StoredLogEntry[] = [];
  const envelopes: Envelope[] = [];
  const chunks: { blobId: string; index: number; bytes: Uint8Array }[] = [];
  const meta: Record<string, Uint8Array> = {};
  for await (const item of readBackup(once(backup))) {
    if (item.type === 'header') meta[HEADER_META_KEY] = item.bytes;
    else if (item.type === 'log') log.push(item.entry);
    else if (item.type === 'envelope') envelopes.push(item.envelope);
    else if (item.type === 'chunk') chunks.push(item);
    else if (item.type === 'end' && item.checkpoint) {
      meta[CHECKPOINT_META_KEY] = encodeCheckpoint(item.checkpoint);
    }
  }
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(name, 1);
    request.onupgradeneeded = () => {
      const made = request.result;
      made.createObjectStore('meta');
      made.createObjectStore('envelopes', { keyPath: ['kind', 'id', 'rev'] });
      made.createObjectStore('log', { keyPath: 'seq' });
      made.createObjectStore('chunks');
      made.createObjectStore('blobs', { keyPath: 'blobId' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(['meta', 'envelopes', 'log', 'chunks', 'blobs'], 'readwrite');
    for (const entry of log) tx.objectStore('log').add(entry);
    for (const env of envelopes) tx.objectStore('envelopes').add(env);
    for (const c of chunks) {
      tx.objectStore('chunks').put(c.bytes, [c.blobId, c.index]);
      tx.objectStore('blobs').put({ blobId: c.blobId });
    }
    for (const [key, value] of Object.entries(meta)) tx.objectStore('meta').put(value, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  return { log, envelopes, blobs: new Set(chunks.map((c) => c.blobId)).size };
}

describe.each(['v1', 'v2'])('golden vault %s in an IndexedDB of schema 1', (version) => {
  it('migrates to schema 2 keeping everything, then unlocks, writes and verifies', async () => {
    const expected = JSON.parse(await readFile(new URL(`vault-${version}.json`, golden), 'utf8'));
    const backup = new Uint8Array(await readFile(new URL(`vault-${version}.casebook`, golden)));
    const factory = new IDBFactory();
    const written = await schemaOneDatabase(factory, 'casebook', backup);
    expect(written.log.length).toBeGreaterThan(3);

    const store = await openIndexedDbStore('casebook', { indexedDB: factory });
    expect(await store.readLog()).toEqual(written.log);
    expect(await store.listEnvelopes()).toEqual(written.envelopes);
    expect(await store.listBlobs()).toHaveLength(written.blobs);
    const opened = await Vault.unlock(store, expected.passphrase);
    if (!opened.ok) throw new Error(opened.message);
    const vault = opened.value;
    expect((await vault.verify()).problems).toEqual([]);
    await vault.put('incident', 'after-the-upgrade', { whatHappened: 'written under schema 2' });
    const report = await vault.verify();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    // Every old entry is still there, in order, before what was written since.
    expect((await store.readLog()).slice(0, written.log.length)).toEqual(written.log);
    await vault.lock();
    await store.close();
  });
});
