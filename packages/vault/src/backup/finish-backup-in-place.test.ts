import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory-store';
import { createSpoolStore } from '../store/spool-store';
import { applyIncoming } from '../sync/apply';
import { checkIncoming } from '../sync/incoming';
import { listConflicts } from '../sync/resolve';
import { sealSyncEnvelope } from '../sync/sync-envelope';
import { joinBackup, splitBackup } from '../testing/backup-frames';
import { secondDevice } from '../testing/second-device';
import {
  bytesOf,
  collect,
  newTestVault,
  PASSPHRASE,
  patternBytes,
  testOptions,
} from '../testing/test-vault';
import { Vault } from '../vault';
import { BACKUP_VERSION_3, FRAME } from './backup-format';
import { finishBackupInPlace, recordsLength } from './finish-backup-in-place';
import { restoreBackup } from './restore-backup';
import { verifyBackup } from './verify-backup';
import { writeBackup } from './write-backup';

let dir = '';
let made = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casebook-in-place-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function* once(bytes: Uint8Array) {
  yield bytes;
}

/** A v2 backup with records and a file of several chunks, as a casebook to add to. */
async function original() {
  const { vault, store } = await newTestVault();
  await vault.put('incident', 'a', { whatHappened: 'Parcel left at the door' });
  await vault.addFile(bytesOf(patternBytes(5000, 9)), { chunkSize: 1024 });
  return collect(writeBackup(store));
}

/**
 * What `casebook add` does: the original restored into a spool that is the new file's body,
 * `room` bytes kept for new records, then a file of several chunks added.
 */
async function addInPlace(bytes: Uint8Array, room: number, added = patternBytes(2500, 3)) {
  const path = join(dir, `new-${made++}.casebook`);
  const spool = await createSpoolStore(path, {
    backupAt: (await recordsLength(once(bytes))) + room,
  });
  const restored = await restoreBackup(once(bytes), spool);
  if (!restored.ok) throw new Error(restored.message);
  const opened = await Vault.unlock(spool, PASSPHRASE, testOptions());
  if (!opened.ok) throw new Error(opened.message);
  const info = await opened.value.addFile(bytesOf(added), { chunkSize: 1024 });
  return { path, spool, vault: opened.value, info, added };
}

describe('finishBackupInPlace (backup v3)', () => {
  it('finishes a file that verifies, restores and reads back, the old chunks copied as they were', async () => {
    const bytes = await original();
    const { path, spool, info, added } = await addInPlace(bytes, 16 * 1024);
    const finished = await finishBackupInPlace(spool);
    expect(finished).toMatchObject({ ok: true });
    const file = new Uint8Array(await readFile(path));
    await spool.close();
    expect(finished.ok && finished.bytes).toBe(file.length);
    expect(file[8]).toBe(BACKUP_VERSION_3);
    const frames = splitBackup(file).frames;
    // One PAD frame, of zeros, between the records and the chunks.
    const pad = frames.findIndex((f) => f.type === FRAME.pad);
    expect(frames.filter((f) => f.type === FRAME.pad)).toHaveLength(1);
    expect(frames[pad - 1]?.type).toBe(FRAME.envelope);
    expect(frames[pad + 1]?.type).toBe(FRAME.chunk);
    // The original's chunk frames, byte for byte, then the new file's.
    const chunks = (b: Uint8Array) =>
      splitBackup(b)
        .frames.filter((f) => f.type === FRAME.chunk)
        .map((f) => Buffer.from(f.payload).toString('hex'));
    const old = chunks(bytes);
    expect(chunks(file).slice(0, old.length)).toEqual(old);
    expect(chunks(file)).toHaveLength(old.length + info.chunkCount);

    const verified = await verifyBackup(once(file), { passphrase: PASSPHRASE });
    if (!verified.ok) throw new Error(verified.message);
    expect(verified.value.report).toMatchObject({ ok: true, problems: [] });
    expect(verified.value.version).toBe(3);
    // The web app's restore path (verified as it streams), then the file read back.
    const store = createMemoryStore();
    const restored = await restoreBackup(once(file), store, { secret: { passphrase: PASSPHRASE } });
    expect(restored).toMatchObject({
      ok: true,
      value: { blobs: 2, chunks: old.length + info.chunkCount },
    });
    const opened = await Vault.unlock(store, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    expect(await collect(opened.value.readFile(info.blobId))).toEqual(added);
  });

  it('keeps both sides of a conflict from another device (SIDE frames before the PAD)', async () => {
    const { vault, store } = await newTestVault();
    await vault.put('incident', 'shared', { whatHappened: 'first' });
    const laptop = await secondDevice(vault.internals);
    await vault.put('incident', 'shared', { whatHappened: 'phone edit' });
    await laptop.put('incident', 'shared', 2, { whatHappened: 'laptop edit' });
    const ck = vault.internals.keys.ck;
    const sealed = await Promise.all(laptop.changes.map((c) => sealSyncEnvelope(ck, c)));
    const checked = await checkIncoming(vault.internals, sealed);
    if (!checked.ok) throw new Error(checked.message);
    await applyIncoming(vault.internals, checked.value);
    const bytes = await collect(writeBackup(store));
    expect(bytes[8]).toBe(BACKUP_VERSION_3);

    const { path, spool } = await addInPlace(bytes, 16 * 1024);
    expect(await finishBackupInPlace(spool)).toMatchObject({ ok: true });
    const file = new Uint8Array(await readFile(path));
    await spool.close();
    const types = splitBackup(file).frames.map((f) => f.type);
    expect(types.filter((t) => t === FRAME.side)).toHaveLength(1);
    expect(types.lastIndexOf(FRAME.side)).toBeLessThan(types.indexOf(FRAME.pad));
    const target = createMemoryStore();
    const restored = await restoreBackup(once(file), target, {
      secret: { passphrase: PASSPHRASE },
    });
    expect(restored).toMatchObject({ ok: true, value: { sides: 1 } });
    expect(await target.listSides()).toEqual(await store.listSides());
    const copy = await Vault.unlock(target, PASSPHRASE, testOptions());
    if (!copy.ok) throw new Error(copy.message);
    expect((await copy.value.verify()).problems).toEqual([]);
    expect(await listConflicts(copy.value.internals)).toEqual(await listConflicts(vault.internals));
  });

  it('refuses, leaving the store to be written the usual way, when the records outgrow their room', async () => {
    const bytes = await original();
    const { spool, info, added } = await addInPlace(bytes, 100);
    expect(await finishBackupInPlace(spool)).toEqual({ ok: false, reason: 'no-room' });
    // The second pass still has every chunk to read.
    const copy = await collect(writeBackup(spool));
    await spool.close();
    expect(copy[8]).toBe(2);
    const store = createMemoryStore();
    const restored = await restoreBackup(once(copy), store, { secret: { passphrase: PASSPHRASE } });
    expect(restored.ok).toBe(true);
    const opened = await Vault.unlock(store, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    expect(await collect(opened.value.readFile(info.blobId))).toEqual(added);
  });

  it('refuses when the frames are not exactly the committed files (one discarded part-way)', async () => {
    const bytes = await original();
    const { spool, vault } = await addInPlace(bytes, 16 * 1024);
    const staged = await vault.stageFile(bytesOf(patternBytes(3000, 4)), { chunkSize: 1024 });
    await vault.discardStagedFile(staged);
    expect(await finishBackupInPlace(spool)).toEqual({ ok: false, reason: 'not-one-run' });
    await spool.close();
  });

  it('refuses a staged file never committed (its chunks would be in the file, not in the records)', async () => {
    const bytes = await original();
    const { spool, vault } = await addInPlace(bytes, 16 * 1024);
    await vault.stageFile(bytesOf(patternBytes(3000, 4)), { chunkSize: 1024 });
    expect(await finishBackupInPlace(spool)).toEqual({ ok: false, reason: 'not-one-run' });
    await spool.close();
  });
});

describe('reading a PAD frame', () => {
  const padded = async () => {
    const bytes = await original();
    const { path, spool } = await addInPlace(bytes, 16 * 1024);
    expect((await finishBackupInPlace(spool)).ok).toBe(true);
    const file = new Uint8Array(await readFile(path));
    // Closing removes the spool's name: the CLI links the finished file under its own first.
    await spool.close();
    return splitBackup(file);
  };
  const refusal = async (file: Uint8Array) => {
    const result = await verifyBackup(once(file), { passphrase: PASSPHRASE });
    return result.ok ? 'accepted' : result.message;
  };

  it('accepts it in v3 only: the same frames labelled v2 are refused', async () => {
    const backup = await padded();
    expect(await refusal(joinBackup(backup))).toBe('accepted');
    expect(await refusal(joinBackup({ ...backup, version: 2 }))).toMatch(
      /damaged \(it has a part Casebook does not know\)/,
    );
  });

  it('refuses padding that is not zeros, a second PAD, and a PAD anywhere else', async () => {
    const backup = await padded();
    const at = backup.frames.findIndex((f) => f.type === FRAME.pad);
    const pad = backup.frames[at];
    if (!pad) throw new Error('no PAD frame');
    const dirty = { type: FRAME.pad, payload: pad.payload.slice() };
    dirty.payload[dirty.payload.length - 1] = 1;
    const frames = (list: typeof backup.frames) => joinBackup({ ...backup, frames: list });
    expect(await refusal(frames(backup.frames.toSpliced(at, 1, dirty)))).toMatch(/its padding/);
    expect(await refusal(frames(backup.frames.toSpliced(at, 0, pad)))).toMatch(/out of order/);
    const firstLog = backup.frames.findIndex((f) => f.type === FRAME.log);
    const moved = backup.frames.toSpliced(at, 1).toSpliced(firstLog, 0, pad);
    expect(await refusal(frames(moved))).toMatch(/out of order/);
    const afterChunk = backup.frames.toSpliced(at, 1).toSpliced(-2, 0, pad);
    expect(await refusal(frames(afterChunk))).toMatch(/out of order/);
  });
});
