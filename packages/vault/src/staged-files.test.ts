import { describe, expect, it } from 'vitest';
import { collect, newTestVault, PASSPHRASE, patternBytes, testOptions } from './testing/test-vault';
import { Vault } from './vault';

async function* bytes(b: Uint8Array) {
  yield b;
}

const record = (n: number) => ({
  kind: 'evidence',
  id: `e${String(n).padStart(21, '0')}`,
  body: { n },
});

describe('staged files', () => {
  it('a staged file is not in the vault until createMany commits it with its records', async () => {
    const { vault, store } = await newTestVault();
    const data = patternBytes(5000, 3);
    const staged = await vault.stageFile(bytes(data), { chunkSize: 1024 });
    expect(await store.listBlobs()).toEqual([]);
    await vault.createMany([record(1)], { files: [staged] });
    expect(await store.listBlobs()).toEqual([staged.info.blobId]);
    expect(await collect(vault.readFile(staged.info.blobId))).toEqual(data);
    const log = await vault.auditLog();
    const tail = log.slice(-2).map((e) => [e.op, e.kind, e.id]);
    expect(tail).toEqual([
      ['add-file', 'blob', staged.info.blobId],
      ['create', 'evidence', record(1).id],
    ]);
    expect((await vault.verify()).ok).toBe(true);
    // Kept across lock and unlock, nothing swept.
    await vault.lock();
    const opened = await Vault.unlock(store, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    expect(await collect(opened.value.readFile(staged.info.blobId))).toEqual(data);
    expect((await opened.value.verify()).ok).toBe(true);
  });

  it('a lock between staging and the commit leaves nothing after the next unlock', async () => {
    const { vault, store } = await newTestVault();
    const staged = await vault.stageFile(bytes(patternBytes(3000)), { chunkSize: 1024 });
    await vault.lock();
    await expect(vault.createMany([record(1)], { files: [staged] })).rejects.toThrow();
    const opened = await Vault.unlock(store, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    expect(await store.listBlobs()).toEqual([]);
    expect(await store.countChunks(staged.info.blobId)).toBe(0);
    expect((await opened.value.list('evidence')).length).toBe(0);
    expect((await opened.value.auditLog()).some((e) => e.op === 'add-file')).toBe(false);
    expect((await opened.value.verify()).ok).toBe(true);
  });

  it('a refused commit keeps neither the records nor the file; discard removes its chunks', async () => {
    const { vault, store } = await newTestVault();
    await vault.createMany([record(1)]);
    const staged = await vault.stageFile(bytes(patternBytes(3000)), { chunkSize: 1024 });
    // record(1) exists already: the store refuses the lot.
    await expect(vault.createMany([record(2), record(1)], { files: [staged] })).rejects.toThrow();
    expect(await store.listBlobs()).toEqual([]);
    expect(await store.countChunks(staged.info.blobId)).toBeGreaterThan(0);
    await vault.discardStagedFile(staged);
    expect(await store.countChunks(staged.info.blobId)).toBe(0);
    expect(await vault.get('evidence', record(2).id)).toBeUndefined();
    expect((await vault.verify()).ok).toBe(true);
  });
});
