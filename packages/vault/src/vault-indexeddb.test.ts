import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { openIndexedDbStore } from './store/indexeddb-store';
import { bytesOf, collect, PASSPHRASE, patternBytes, testOptions } from './testing/test-vault';
import { Vault } from './vault';

describe('Vault on IndexedDB', () => {
  it('keeps records and files across a close and reopen, and verifies', async () => {
    const indexedDB = new IDBFactory();
    const store = await openIndexedDbStore('casebook', { indexedDB });
    const { vault } = await Vault.create(store, PASSPHRASE, testOptions());
    await vault.put('incident', 'a', { whatHappened: 'Notes left on my car' });
    await vault.put('incident', 'a', { whatHappened: 'Notes left on my car, two of them' });
    const data = patternBytes(3000, 5);
    const info = await vault.addFile(bytesOf(data), { chunkSize: 1024 });
    vault.lock();
    await store.close();

    const again = await openIndexedDbStore('casebook', { indexedDB });
    const opened = await Vault.unlock(again, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    expect(await opened.value.history('incident', 'a')).toHaveLength(2);
    expect(await collect(opened.value.readFile(info.blobId))).toEqual(data);
    expect(await opened.value.verify()).toMatchObject({ ok: true, problems: [] });
  });

  it('after a crash mid-intake, the half-written file is gone and the rest opens', async () => {
    const indexedDB = new IDBFactory();
    const store = await openIndexedDbStore('casebook', { indexedDB });
    const { vault } = await Vault.create(store, PASSPHRASE, testOptions());
    await vault.put('incident', 'a', { whatHappened: 'Kept' });
    // A crash after two chunks: they were written, the manifest never was.
    await store.putChunk('HalfWrittenBlobAAAAAAA', 0, new Uint8Array(1040));
    await store.putChunk('HalfWrittenBlobAAAAAAA', 1, new Uint8Array(1040));
    await store.close();

    const again = await openIndexedDbStore('casebook', { indexedDB });
    const opened = await Vault.unlock(again, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    expect(await again.countChunks('HalfWrittenBlobAAAAAAA')).toBe(0);
    expect(await opened.value.get('incident', 'a')).toMatchObject({
      body: { whatHappened: 'Kept' },
    });
    expect((await opened.value.verify()).ok).toBe(true);
  });
});
