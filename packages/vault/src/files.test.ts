import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from './encoding';
import { CHUNKS_PER_WRITE, getManifest, WRITES_IN_FLIGHT } from './files';
import { createMemoryStore } from './store/memory-store';
import {
  bytesOf,
  collect,
  newTestVault,
  PASSPHRASE,
  patternBytes,
  testOptions,
} from './testing/test-vault';
import type { VaultStore } from './types';
import { Vault } from './vault';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('evidence files in the vault', () => {
  it('stores a file encrypted and reads back the original bytes with the SHA-256 of intake', async () => {
    const { vault, store } = await newTestVault();
    const data = patternBytes(10_000, 7);
    const info = await vault.addFile(bytesOf(data.subarray(0, 3000), data.subarray(3000)), {
      chunkSize: 1024,
    });
    expect(info).toMatchObject({ size: 10_000, chunkCount: 10, sha256: sha(data) });
    expect(await collect(vault.readFile(info.blobId))).toEqual(data);
    // Stored chunks are ciphertext: no 16-byte run of the plaintext appears in them.
    const chunk0 = (await store.getChunk(info.blobId, 0)) as Uint8Array;
    expect(toHex(chunk0).includes(toHex(data.subarray(100, 116)))).toBe(false);
    expect(toHex(data).includes(toHex(data.subarray(100, 116)))).toBe(true); // positive control
    const log = await vault.auditLog();
    expect(log.at(-1)).toMatchObject({
      op: 'add-file',
      kind: 'blob',
      id: info.blobId,
      sha256: sha(data),
    });
    expect((await vault.verify()).ok).toBe(true);
  });

  it('keeps files across lock and unlock', async () => {
    const { vault, store } = await newTestVault();
    const data = patternBytes(5000, 3);
    const info = await vault.addFile(bytesOf(data), { chunkSize: 4096 });
    vault.lock();
    const opened = await Vault.unlock(store, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    expect(await collect(opened.value.readFile(info.blobId))).toEqual(data);
  });

  it('names the file whose stored chunk was tampered with', async () => {
    const { store } = await newTestVault();
    // The store refuses to rewrite a committed chunk, so tamper the way someone with the
    // disk would: underneath it, on the way out.
    let target = '';
    const tampered: VaultStore = {
      ...store,
      getChunk: async (blobId, index) => {
        const bytes = await store.getChunk(blobId, index);
        if (bytes && blobId === target && index === 1) bytes[10] = (bytes[10] as number) ^ 1;
        return bytes;
      },
    };
    const opened = await Vault.unlock(tampered, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    const vault = opened.value;
    const good = await vault.addFile(bytesOf(patternBytes(3000, 1)), { chunkSize: 1024 });
    const bad = await vault.addFile(bytesOf(patternBytes(3000, 2)), { chunkSize: 1024 });
    expect((await vault.verify()).ok).toBe(true); // positive control: nothing tampered yet
    target = bad.blobId;
    const report = await vault.verify();
    expect(report.ok).toBe(false);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ kind: 'blob', id: bad.blobId });
    expect(report.problems[0]?.message).toMatch(/chunk 1/);
    expect(report.problems.some((p) => p.id === good.blobId)).toBe(false);
  });

  it('a cancelled intake leaves nothing behind', async () => {
    const { vault, store } = await newTestVault();
    const controller = new AbortController();
    async function* slow() {
      yield patternBytes(4096, 1);
      controller.abort();
      yield patternBytes(4096, 2);
    }
    await expect(
      vault.addFile(slow(), { chunkSize: 1024, signal: controller.signal }),
    ).rejects.toThrow();
    expect(await store.listBlobs()).toEqual([]);
    expect(await store.sweepUncommitted()).toEqual([]);
    expect((await vault.auditLog()).map((e) => e.op)).toEqual(['open-case']);
  });

  it('writes chunks in order while the next batch is encrypted, never more writes at once than allowed', async () => {
    const base = createMemoryStore();
    let running = 0;
    let most = 0;
    let bytesRead = 0;
    const readWhenWriteEnded: number[] = [];
    const order: number[] = [];
    const store: VaultStore = {
      ...base,
      putChunks: async (blobId, chunks) => {
        running++;
        most = Math.max(most, running);
        order.push(...chunks.map((c) => c.index));
        await new Promise((resolve) => setTimeout(resolve, 5));
        await base.putChunks(blobId, chunks);
        readWhenWriteEnded.push(bytesRead);
        running--;
      },
      commit: async (batch) => {
        expect(running).toBe(0); // every chunk is down before the manifest says "whole"
        return base.commit(batch);
      },
    };
    const { vault } = await Vault.create(store, PASSPHRASE, testOptions());
    const data = patternBytes(64 * 1024 + 5, 9);
    async function* source() {
      for (let at = 0; at < data.length; at += 512) {
        bytesRead = Math.min(data.length, at + 512);
        yield data.subarray(at, at + 512);
      }
    }
    const info = await vault.addFile(source(), { chunkSize: 1024 });
    expect(most).toBe(WRITES_IN_FLIGHT);
    expect(order).toEqual([...Array(info.chunkCount).keys()]);
    // Overlap: when the first write ended, the next batch had already been read.
    const batchBytes = CHUNKS_PER_WRITE * 1024;
    expect(readWhenWriteEnded[0]).toBeGreaterThanOrEqual(2 * batchBytes);
    expect(await collect(vault.readFile(info.blobId))).toEqual(data);
  });

  it('a failure while a chunk write runs waits for that write, then leaves nothing', async () => {
    const base = createMemoryStore();
    let running = 0;
    let runningAtDiscard = -1;
    const controller = new AbortController();
    const store: VaultStore = {
      ...base,
      putChunks: async (blobId, chunks) => {
        running++;
        controller.abort(); // the person cancels while this write is on its way to disk
        await new Promise((resolve) => setTimeout(resolve, 30));
        await base.putChunks(blobId, chunks);
        running--;
      },
      discardBlob: async (blobId) => {
        runningAtDiscard = running;
        return base.discardBlob(blobId);
      },
    };
    const { vault } = await Vault.create(store, PASSPHRASE, testOptions());
    await expect(
      vault.addFile(bytesOf(patternBytes(64 * 1024, 4)), {
        chunkSize: 1024,
        signal: controller.signal,
      }),
    ).rejects.toThrow();
    expect(runningAtDiscard).toBe(0);
    expect(await base.listBlobs()).toEqual([]);
    expect(await base.sweepUncommitted()).toEqual([]);
    expect((await vault.auditLog()).map((e) => e.op)).toEqual(['open-case']);
  });

  it('a crash mid-intake leaves chunks that the next unlock sweeps away', async () => {
    const { store } = await newTestVault();
    await store.putChunk('deadbeef'.repeat(4), 0, new Uint8Array(100));
    const opened = await Vault.unlock(store, PASSPHRASE, testOptions());
    expect(opened.ok).toBe(true);
    expect(await store.countChunks('deadbeef'.repeat(4))).toBe(0);
  });

  it('purges a file’s bytes with a logged tombstone; verify still passes', async () => {
    const { vault, store } = await newTestVault();
    const info = await vault.addFile(bytesOf(patternBytes(2000)), { chunkSize: 1024 });
    await vault.purgeFile(info.blobId, 'Sent to police, original not needed');
    expect(await store.countChunks(info.blobId)).toBe(0);
    expect(await getManifest(vault, info.blobId)).toBeUndefined();
    expect((await vault.auditLog()).at(-1)).toMatchObject({
      op: 'purge-file',
      id: info.blobId,
      rev: 2,
    });
    expect(await vault.verify()).toMatchObject({ ok: true });
  });

  it('notices a file whose chunks were removed', async () => {
    const { vault, store } = await newTestVault();
    // 3000 bytes are stored padded to 4096 (format v2 hides sizes): 4 parts.
    const info = await vault.addFile(bytesOf(patternBytes(3000)), { chunkSize: 1024 });
    // Drop the blob behind the vault's back, as someone with the disk might.
    await store.commit({ envelopes: [], log: [], purgeBlobs: [info.blobId] });
    const report = await vault.verify();
    expect(report.ok).toBe(false);
    expect(report.problems[0]?.message).toMatch(/0 of its 4 parts/);
  });
});
