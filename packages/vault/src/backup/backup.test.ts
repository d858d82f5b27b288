import { describe, expect, it } from 'vitest';
import * as blob from '../blob/index';
import { createMemoryStore } from '../store/memory-store';
import {
  bytesOf,
  collect,
  newTestVault,
  PASSPHRASE,
  patternBytes,
  testOptions,
} from '../testing/test-vault';
import { Vault } from '../vault';
import { HEADER_META_KEY } from '../vault-header';
import { restoreBackup } from './restore-backup';
import { verifyBackup } from './verify-backup';
import { BackupChangedError, writeBackup } from './write-backup';

async function sampleBackup() {
  const { vault, store } = await newTestVault();
  await vault.put('incident', 'a', { whatHappened: 'Parcel left at the door' });
  await vault.put('incident', 'a', { whatHappened: 'Parcel left at the door, no note' });
  await vault.put('person', 'p', { names: ['J. Doe'] });
  const file = patternBytes(5000, 9);
  const info = await vault.addFile(bytesOf(file), { chunkSize: 1024 });
  const bytes = await collect(writeBackup(store));
  return { vault, store, bytes, file, info };
}

/** A second file of three chunks, added through a vault on the same store. */
async function sampleFileInto(store: Parameters<typeof writeBackup>[0]) {
  const opened = await Vault.unlock(store, PASSPHRASE, testOptions());
  if (!opened.ok) throw new Error(opened.message);
  await opened.value.addFile(bytesOf(patternBytes(2500, 3)), { chunkSize: 1024 });
}

function pieces(bytes: Uint8Array, size = 777): AsyncIterable<Uint8Array> {
  return (async function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
  })();
}

describe('backup file', () => {
  it('restores exactly into an empty store, on another device too', async () => {
    const { store, bytes, file, info } = await sampleBackup();
    const target = createMemoryStore();
    const result = await restoreBackup(pieces(bytes), target);
    expect(result).toMatchObject({
      ok: true,
      value: { log: 5, envelopes: 4, blobs: 1, chunks: 5 },
    });
    expect(await target.listEnvelopes()).toEqual(await store.listEnvelopes());
    expect(await target.readLog()).toEqual(await store.readLog());
    const opened = await Vault.unlock(target, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    expect(await collect(opened.value.readFile(info.blobId))).toEqual(file);
    expect(await opened.value.verify()).toMatchObject({ ok: true, problems: [] });
    // And a backup of the restored store is byte-identical.
    expect(await collect(writeBackup(target))).toEqual(bytes);
  });

  it('refuses a truncated file and writes nothing', async () => {
    const { bytes } = await sampleBackup();
    for (const cut of [3, 20, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const target = createMemoryStore();
      const result = await restoreBackup(pieces(bytes.slice(0, cut)), target);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(['truncated', 'not-a-backup']).toContain(result.reason);
      expect(await target.getMeta(HEADER_META_KEY)).toBeUndefined();
      expect(await target.sweepUncommitted()).toEqual([]);
      expect(await target.listBlobs()).toEqual([]);
    }
  });

  it('refuses a file with a flipped bit anywhere, writing nothing', async () => {
    const { bytes } = await sampleBackup();
    for (const at of [
      9,
      40,
      600,
      Math.floor(bytes.length * 0.7),
      bytes.length - 40,
      bytes.length - 1,
    ]) {
      const damaged = bytes.slice();
      damaged[at] = (damaged[at] as number) ^ 0x04;
      const target = createMemoryStore();
      // v2 has no unkeyed checksum: restore verifies with the keys, and names what it finds.
      const result = await restoreBackup(pieces(damaged), target, {
        secret: { passphrase: PASSPHRASE },
      });
      expect(result.ok, `flip at ${at}`).toBe(false);
      expect(await target.getMeta(HEADER_META_KEY)).toBeUndefined();
      expect(await target.listBlobs()).toEqual([]);
    }
  });

  it('refuses bytes after the end, in verify and in restore (nothing written)', async () => {
    const { bytes } = await sampleBackup();
    const longer = new Uint8Array([...bytes, ...new TextEncoder().encode('extra bytes')]);
    const verified = await verifyBackup(pieces(longer), { passphrase: PASSPHRASE });
    expect(verified).toMatchObject({ ok: false, reason: 'corrupt' });
    if (!verified.ok) expect(verified.message).toMatch(/unexpected data after its end/);
    const target = createMemoryStore();
    expect(await restoreBackup(pieces(longer), target)).toMatchObject({ ok: false });
    expect(await target.getMeta(HEADER_META_KEY)).toBeUndefined();
    // Positive control: the same file without them restores.
    expect((await restoreBackup(pieces(bytes), createMemoryStore())).ok).toBe(true);
  });

  it('refuses foreign files with a plain message', async () => {
    for (const foreign of [
      new Uint8Array(0),
      new TextEncoder().encode('%PDF-1.7 hello'),
      patternBytes(5000),
    ]) {
      const result = await restoreBackup(pieces(foreign), createMemoryStore());
      expect(result).toMatchObject({ ok: false, reason: 'not-a-backup' });
      if (!result.ok) expect(result.message).toMatch(/not a Casebook backup/);
    }
  });

  it('refuses to restore over an existing casebook', async () => {
    const { bytes, store } = await sampleBackup();
    const before = await store.readLog();
    expect(await restoreBackup(pieces(bytes), store)).toMatchObject({
      ok: false,
      reason: 'not-empty',
    });
    expect(await store.readLog()).toEqual(before);
  });

  it('stops before writing anything when the header check refuses (wrong passphrase)', async () => {
    const { bytes } = await sampleBackup();
    const target = createMemoryStore();
    const result = await restoreBackup(pieces(bytes), target, {
      checkHeader: async () => ({
        ok: false,
        reason: 'wrong-passphrase',
        message: 'That passphrase did not open it.',
      }),
    });
    expect(result).toMatchObject({
      ok: false,
      reason: 'refused',
      message: 'That passphrase did not open it.',
    });
    expect(await target.getMeta(HEADER_META_KEY)).toBeUndefined();
  });
});

describe('writeBackup progress', () => {
  it('counts file chunks against the total, without changing a byte', async () => {
    const { store, bytes } = await sampleBackup();
    await sampleFileInto(store);
    const seen: [number, number][] = [];
    const withProgress = await collect(
      writeBackup(store, { onChunk: (done, total) => seen.push([done, total]) }),
    );
    // 5 chunks of the first file, 4 of the second (2,500 bytes stored padded to 4 KiB): one
    // call per chunk, in order.
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => [n, 9]));
    expect(withProgress.length).toBeGreaterThan(bytes.length);
    expect(withProgress).toEqual(await collect(writeBackup(store)));
  });

  it('reports nothing for a casebook without files', async () => {
    const { store } = await newTestVault();
    const seen: number[] = [];
    await collect(writeBackup(store, { onChunk: (done) => seen.push(done) }));
    expect(seen).toEqual([]);
  });
});

describe('verifyBackup', () => {
  it('verifies a good backup in one pass and lists its records and files', async () => {
    const { bytes, info } = await sampleBackup();
    const result = await verifyBackup(pieces(bytes, 1000), { passphrase: PASSPHRASE });
    if (!result.ok) throw new Error(result.message);
    expect(result.value.report).toMatchObject({ ok: true, problems: [] });
    expect(result.value.records.map((r) => `${r.kind}:${r.id}:${r.rev}`).sort()).toEqual([
      'incident:a:2',
      'person:p:1',
    ]);
    expect(result.value.files).toEqual([{ blobId: info.blobId, size: 5000, sha256: info.sha256 }]);
  });

  it('hands back the account key only when asked, and it opens the restored copy without the passphrase', async () => {
    const { bytes, info, file } = await sampleBackup();
    const plain = await verifyBackup(pieces(bytes), { passphrase: PASSPHRASE });
    if (!plain.ok) throw new Error(plain.message);
    expect(plain.value.accountKey).toBeUndefined();

    const kept = await verifyBackup(
      pieces(bytes),
      { passphrase: PASSPHRASE },
      { keepAccountKey: true },
    );
    if (!kept.ok) throw new Error(kept.message);
    const key = kept.value.accountKey;
    expect(key?.length).toBe(32);
    if (!key) return;
    const target = createMemoryStore();
    expect((await restoreBackup(pieces(bytes), target)).ok).toBe(true);
    const opened = await Vault.unlockWithAccountKey(target, key, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    // The vault holds its own copy: the caller zeroing theirs changes nothing for it.
    key.fill(0);
    expect(await collect(opened.value.readFile(info.blobId))).toEqual(file);
    await opened.value.put('incident', 'b', { whatHappened: 'Written after the handover' });
    expect(await opened.value.verify()).toMatchObject({ ok: true, problems: [] });
    // The proof check compares against the vault's account key: it is intact.
    expect(
      await opened.value.changePassphrase('orbit lantern velvet quarry meadow thimble', {
        passphrase: PASSPHRASE,
      }),
    ).toMatchObject({ ok: true });
  });

  it('a restore that checks as it goes hands back the account key only when asked, and only on success', async () => {
    const { bytes, info, file } = await sampleBackup();
    const secret = { passphrase: PASSPHRASE };
    const plain = await restoreBackup(pieces(bytes), createMemoryStore(), { secret });
    expect(plain.ok).toBe(true);
    expect(plain.accountKey).toBeUndefined();
    const target = createMemoryStore();
    const kept = await restoreBackup(pieces(bytes), target, { secret, keepAccountKey: true });
    expect(kept.ok).toBe(true);
    if (!kept.accountKey) throw new Error('no account key');
    const opened = await Vault.unlockWithAccountKey(target, kept.accountKey, testOptions());
    kept.accountKey.fill(0);
    if (!opened.ok) throw new Error(opened.message);
    expect(await collect(opened.value.readFile(info.blobId))).toEqual(file);
    // A backup with a problem: refused, nothing written, and no key handed back.
    const damaged = Uint8Array.from(bytes);
    damaged[damaged.length - 200] = (damaged[damaged.length - 200] as number) ^ 1;
    const empty = createMemoryStore();
    const refused = await restoreBackup(pieces(damaged), empty, { secret, keepAccountKey: true });
    expect(refused.ok).toBe(false);
    expect(refused.accountKey).toBeUndefined();
    expect(await empty.getMeta('header')).toBeUndefined();
  });

  it('checks the files with the cipher it is given, and refuses when that cipher refuses', async () => {
    const { bytes, info } = await sampleBackup();
    const secret = { passphrase: PASSPHRASE };
    let keys = 0;
    let calls = 0;
    const counting = blob.chunkCipher({
      deriveKey: (dek, salt, version) => {
        keys++;
        return blob.derivePayloadKey(dek, salt, version);
      },
      seal: blob.sealChunk,
      open: (...args) => {
        calls++;
        return blob.openChunk(...args);
      },
    });
    expect(
      (await restoreBackup(pieces(bytes), createMemoryStore(), { secret, cipher: counting })).ok,
    ).toBe(true);
    // One key for the file, not one a chunk; every chunk opened through the cipher.
    expect(keys).toBe(1);
    expect(calls).toBe(info.chunkCount);
    expect(info.chunkCount).toBeGreaterThan(1);
    const verified = await verifyBackup(pieces(bytes), secret, { cipher: counting });
    expect(verified.ok && verified.value.report.ok).toBe(true);
    const target = createMemoryStore();
    const refused = await restoreBackup(pieces(bytes), target, {
      secret,
      cipher: blob.chunkCipher({
        deriveKey: blob.derivePayloadKey,
        seal: blob.sealChunk,
        open: () => undefined,
      }),
      keepAccountKey: true,
    });
    expect(refused).toMatchObject({ ok: false, reason: 'problems' });
    expect(refused.accountKey).toBeUndefined();
    expect(await target.getMeta('header')).toBeUndefined();
  });

  it('an account key is never taken as proof of the passphrase, even when one reaches the check', async () => {
    const { bytes } = await sampleBackup();
    const kept = await verifyBackup(
      pieces(bytes),
      { passphrase: PASSPHRASE },
      { keepAccountKey: true },
    );
    if (!kept.ok || !kept.value.accountKey) throw new Error('no account key');
    const target = createMemoryStore();
    expect((await restoreBackup(pieces(bytes), target)).ok).toBe(true);
    const opened = await Vault.unlockWithAccountKey(target, kept.value.accountKey, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    const proof = { accountKey: kept.value.accountKey } as unknown as { passphrase: string };
    const next = 'orbit lantern velvet quarry meadow thimble';
    expect(await opened.value.changePassphrase(next, proof)).toMatchObject({ ok: false });
    // Control: the same call with the passphrase itself goes through.
    expect(await opened.value.changePassphrase(next, { passphrase: PASSPHRASE })).toMatchObject({
      ok: true,
    });
  });

  it('control: another account key (and the zeroed one) is refused as damage, and nothing is written', async () => {
    const { bytes } = await sampleBackup();
    const target = createMemoryStore();
    expect((await restoreBackup(pieces(bytes), target)).ok).toBe(true);
    const before = await target.readLog();
    for (const key of [new Uint8Array(32), new Uint8Array(32).fill(7), new Uint8Array(16)]) {
      expect(await Vault.unlockWithAccountKey(target, key, testOptions())).toMatchObject({
        ok: false,
        reason: 'corrupt',
      });
    }
    expect(await target.readLog()).toEqual(before);
  });

  it('refuses a wrong passphrase', async () => {
    const { bytes } = await sampleBackup();
    expect(await verifyBackup(pieces(bytes), { passphrase: 'not it at all' })).toMatchObject({
      ok: false,
      reason: 'wrong-passphrase',
    });
  });

  it('names a file whose chunk was altered, even with a recomputed checksum', async () => {
    const { store, info } = await sampleBackup();
    // Re-write the backup from a store whose chunk 2 of the file is altered underneath.
    const tampered = {
      ...store,
      getChunk: async (blobId: string, index: number) => {
        const b = await store.getChunk(blobId, index);
        if (b && index === 2) b[0] = (b[0] as number) ^ 1;
        return b;
      },
    };
    const result = await verifyBackup(writeBackup(tampered), { passphrase: PASSPHRASE });
    if (!result.ok) throw new Error(result.message);
    expect(result.value.report.ok).toBe(false);
    expect(result.value.report.problems).toHaveLength(1);
    expect(result.value.report.problems[0]).toMatchObject({ kind: 'blob', id: info.blobId });
    expect(result.value.report.problems[0]?.message).toMatch(/chunk 2/);
  });
});

describe('writeBackup while the casebook changes', () => {
  it('takes the casebook as of one moment when a save lands between its reads', async () => {
    const { vault, store } = await newTestVault();
    await vault.put('incident', 'a', { whatHappened: 'Parcel left at the door' });
    let saves = 0;
    // A save that lands after the log was read and before the records are: the intake that
    // finishes while "Download backup" is preparing.
    const busy = {
      ...store,
      listEnvelopes: async (kind?: string) => {
        if (saves++ === 0) await vault.put('incident', 'b', { whatHappened: 'Followed home' });
        return store.listEnvelopes(kind);
      },
    };
    const bytes = await collect(writeBackup(busy));
    expect(saves).toBe(2); // the first reading was thrown away
    const result = await verifyBackup(pieces(bytes), { passphrase: PASSPHRASE });
    if (!result.ok) throw new Error(result.message);
    expect(result.value.report).toMatchObject({ ok: true, problems: [] });
    expect(result.value.records.map((r) => r.id).sort()).toEqual(['a', 'b']);
  });

  it('would have written a backup that fails verification without the second reading', async () => {
    // Positive control for the test above: the same interleaving, read once, is inconsistent.
    const { vault, store } = await newTestVault();
    await vault.put('incident', 'a', { whatHappened: 'Parcel left at the door' });
    const log = await store.readLog();
    await vault.put('incident', 'b', { whatHappened: 'Followed home' });
    const inconsistent = {
      ...store,
      readLog: async () => log,
      lastLogEntry: async () => log.at(-1),
    };
    const bytes = await collect(writeBackup(inconsistent));
    const result = await verifyBackup(pieces(bytes), { passphrase: PASSPHRASE });
    expect(result.ok && result.value.report.ok).toBe(false);
  });

  it('says plainly when the casebook keeps changing, rather than write a backup that will not restore', async () => {
    const { vault, store } = await newTestVault();
    let n = 0;
    const restless = {
      ...store,
      listEnvelopes: async (kind?: string) => {
        await vault.put('incident', `i${n++}`, { whatHappened: 'Another message' });
        return store.listEnvelopes(kind);
      },
    };
    await expect(collect(writeBackup(restless))).rejects.toBeInstanceOf(BackupChangedError);
  });
});
