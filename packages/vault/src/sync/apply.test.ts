/**
 * Taking other devices' changes into a casebook: stored as written, once; verify passes with
 * both chains; the newest revision shows; a revision written on two devices keeps both sides,
 * is listed, and is settled by a new revision that names the side chosen; backups carry it all.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FRAME } from '../backup/backup-format';
import { restoreBackup } from '../backup/restore-backup';
import { verifyBackup } from '../backup/verify-backup';
import { writeBackup } from '../backup/write-backup';
import { createMemoryStore } from '../store/memory-store';
import { joinBackup, splitBackup } from '../testing/backup-frames';
import { secondDevice } from '../testing/second-device';
import { newTestVault, PASSPHRASE, testOptions } from '../testing/test-vault';
import { Vault } from '../vault';
import type { VaultInternals } from '../vault-internals';
import { applyIncoming } from './apply';
import { checkIncoming } from './incoming';
import { copyToNewDevice } from './new-device';
import { historyToConfirm, outgoingChanges } from './outgoing';
import { listConflicts, recordHistory, resolveConflict } from './resolve';
import type { SyncChange } from './sync-change';
import { sealSyncEnvelope } from './sync-envelope';

async function gather(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

async function* once(bytes: Uint8Array) {
  yield bytes;
}

async function pull(internals: VaultInternals, changes: readonly SyncChange[]) {
  const sealed = await Promise.all(changes.map((c) => sealSyncEnvelope(internals.keys.ck, c)));
  const checked = await checkIncoming(internals, sealed);
  if (!checked.ok) throw new Error(checked.message);
  return checked.value;
}

describe('applying what other devices wrote', () => {
  it('stores their entries and records once, and verify passes with both chains', async () => {
    const { vault } = await newTestVault();
    await vault.put('incident', 'mine', { whatHappened: 'on the phone' });
    const laptop = await secondDevice(vault.internals);
    await laptop.put('incident', 'theirs', 1, { whatHappened: 'on the laptop' });
    await laptop.put('incident', 'theirs', 2, { whatHappened: 'on the laptop, later' });
    // Read once before, so the kind is cached: the new record must still show.
    expect((await vault.list('incident')).map((r) => r.id)).toEqual(['mine']);
    const before = (await vault.internals.store.readLog()).length;

    const applied = await applyIncoming(
      vault.internals,
      await pull(vault.internals, laptop.changes),
    );
    expect(applied).toEqual({
      entries: 3,
      revisions: 2,
      sides: 0,
      heldBack: 0,
      waiting: [],
      filesTaken: [],
    });
    const log = await vault.internals.store.readLog();
    expect(log).toHaveLength(before + 3);
    expect(log.filter((e) => e.device === laptop.id).map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(await vault.get('incident', 'theirs')).toMatchObject({
      rev: 2,
      body: { whatHappened: 'on the laptop, later' },
    });
    expect((await vault.list('incident')).map((r) => r.id).sort()).toEqual(['mine', 'theirs']);
    const report = await vault.verify();
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);

    // The same pull again (a retried sync) adds nothing.
    const again = await applyIncoming(vault.internals, await pull(vault.internals, laptop.changes));
    expect(again).toEqual({
      entries: 0,
      revisions: 0,
      sides: 0,
      heldBack: 0,
      waiting: [],
      filesTaken: [],
    });
    expect(await vault.internals.store.readLog()).toEqual(log);

    // The audit log reads oldest first across both chains.
    const times = (await vault.auditLog()).map((e) => e.time);
    expect(times).toEqual([...times].sort());
    expect(new Set((await vault.auditLog()).map((e) => ('v' in e ? e.device : '')))).toEqual(
      new Set([vault.internals.header.v === 2 ? vault.internals.header.device.id : '', laptop.id]),
    );

    // This device's own head is still its own: the next write continues its chain.
    await vault.put('incident', 'mine', { whatHappened: 'edited' });
    expect((await vault.verify()).ok).toBe(true);
  });

  it('keeps both sides of one record edited on two devices, lists it, and settles it', async () => {
    const { vault } = await newTestVault();
    await vault.put('incident', 'shared', { whatHappened: 'first' });
    const laptop = await secondDevice(vault.internals);
    await vault.put('incident', 'shared', { whatHappened: 'phone edit' });
    await laptop.put('incident', 'shared', 2, { whatHappened: 'laptop edit' });
    expect(await listConflicts(vault.internals)).toEqual([]);

    const applied = await applyIncoming(
      vault.internals,
      await pull(vault.internals, laptop.changes),
    );
    expect(applied).toMatchObject({ entries: 2, revisions: 0, sides: 1 });
    const me = vault.internals.header.v === 2 ? vault.internals.header.device.id : '';
    const [conflict, ...more] = await listConflicts(vault.internals);
    expect(more).toEqual([]);
    expect(conflict).toMatchObject({
      kind: 'incident',
      id: 'shared',
      rev: 2,
      label: 'Edited on two devices',
      deleteVsEdit: false,
    });
    const sides = Object.fromEntries(
      conflict?.sides.map((s) => [s.device, s.state.deleted ? '' : s.state.body]) ?? [],
    );
    expect(sides).toEqual({
      [me]: { whatHappened: 'phone edit' },
      [laptop.id]: { whatHappened: 'laptop edit' },
    });
    expect((await vault.verify()).problems).toEqual([]);

    const settled = await resolveConflict(vault.internals, {
      kind: 'incident',
      id: 'shared',
      rev: 2,
      device: laptop.id,
    });
    expect(settled).toMatchObject({ ok: true, value: { rev: 3 } });
    expect(await vault.get('incident', 'shared')).toMatchObject({
      rev: 3,
      body: { whatHappened: 'laptop edit' },
    });
    expect(await listConflicts(vault.internals)).toEqual([]);
    // Both sides stay: revision 2 as this device wrote it, and the laptop's beside it.
    expect((await vault.history('incident', 'shared')).map((r) => r.rev)).toEqual([1, 2, 3]);
    expect(await vault.internals.store.listSides()).toHaveLength(1);
    const whole = await recordHistory(vault.internals, 'incident', 'shared');
    expect(whole.map((r) => `${r.state.rev} ${r.device === me ? 'phone' : 'laptop'}`)).toEqual([
      '1 phone',
      ...(me < laptop.id ? ['2 phone', '2 laptop'] : ['2 laptop', '2 phone']),
      '3 phone',
    ]);
    const entry = (await vault.auditLog()).find((e) => e.kind === 'incident' && e.rev === 3);
    expect(entry).toMatchObject({
      op: 'update',
      rev: 3,
      detail: { resolves: 2, chose: laptop.id },
    });
    expect((await vault.verify()).problems).toEqual([]);
    // Settling it again is refused: there is nothing left to choose.
    expect(
      await resolveConflict(vault.internals, {
        kind: 'incident',
        id: 'shared',
        rev: 2,
        device: me,
      }),
    ).toMatchObject({ ok: false, reason: 'no-conflict' });
  });

  it('shows each side as its device last wrote it, and settles every fork of the record at once', async () => {
    const { vault } = await newTestVault();
    await vault.put('incident', 'r', { whatHappened: 'first' });
    const laptop = await secondDevice(vault.internals);
    await vault.put('incident', 'r', { whatHappened: 'phone 2' });
    await vault.put('incident', 'r', { whatHappened: 'phone 3' });
    await laptop.put('incident', 'r', 2, { whatHappened: 'laptop 2' });
    await laptop.put('incident', 'r', 3, { whatHappened: 'laptop 3' });
    await laptop.put('incident', 'r', 4, { whatHappened: 'laptop 4' });
    await applyIncoming(vault.internals, await pull(vault.internals, laptop.changes));
    const me = vault.internals.header.v === 2 ? vault.internals.header.device.id : '';
    const listed = await listConflicts(vault.internals);
    // One conflict for the record (forks at 2 and 3), each side its device's newest.
    expect(listed).toHaveLength(1);
    expect(listed[0]?.rev).toBe(3);
    const sideOf = (device: string) => listed[0]?.sides.find((x) => x.device === device)?.state;
    expect(sideOf(me)).toMatchObject({ rev: 3, body: { whatHappened: 'phone 3' } });
    expect(sideOf(laptop.id)).toMatchObject({ rev: 4, body: { whatHappened: 'laptop 4' } });
    const settled = await resolveConflict(vault.internals, {
      kind: 'incident',
      id: 'r',
      rev: 3,
      device: laptop.id,
    });
    expect(settled).toMatchObject({
      ok: true,
      value: { rev: 5, body: { whatHappened: 'laptop 4' } },
    });
    // Nothing older is left to choose, so no older content can be put back over it by mistake.
    expect(await listConflicts(vault.internals)).toEqual([]);
    expect(await vault.get('incident', 'r')).toMatchObject({ body: { whatHappened: 'laptop 4' } });
    expect((await vault.verify()).problems).toEqual([]);
  });

  it('opens a settled conflict again when a side arrives from a device that was not shown', async () => {
    const { vault } = await newTestVault();
    await vault.put('incident', 't', { whatHappened: 'first' });
    const laptop = await secondDevice(vault.internals);
    const tablet = await secondDevice(vault.internals);
    await vault.put('incident', 't', { whatHappened: 'phone 2' });
    await laptop.put('incident', 't', 2, { whatHappened: 'laptop 2' });
    await tablet.put('incident', 't', 2, { whatHappened: 'the threat he made' });
    await applyIncoming(vault.internals, await pull(vault.internals, laptop.changes));
    const me = vault.internals.header.v === 2 ? vault.internals.header.device.id : '';
    const settled = await resolveConflict(vault.internals, {
      kind: 'incident',
      id: 't',
      rev: 2,
      device: me,
    });
    expect(settled.ok).toBe(true);
    expect(await listConflicts(vault.internals)).toEqual([]);
    // Control: pulling the laptop's changes again reopens nothing.
    await applyIncoming(vault.internals, await pull(vault.internals, laptop.changes));
    expect(await listConflicts(vault.internals)).toEqual([]);

    await applyIncoming(vault.internals, await pull(vault.internals, tablet.changes));
    const [reopened, ...more] = await listConflicts(vault.internals);
    expect(more).toEqual([]);
    const bodies = reopened?.sides.map((x) => (x.state.deleted ? '' : x.state.body));
    expect(bodies).toContainEqual({ whatHappened: 'the threat he made' });
    expect(bodies).toContainEqual({ whatHappened: 'phone 2' });
  });

  it('shows a delete against an edit, and settles it with a tombstone when the delete is chosen', async () => {
    const { vault } = await newTestVault();
    await vault.put('incident', 'x', { whatHappened: 'original' });
    const laptop = await secondDevice(vault.internals);
    await vault.put('incident', 'x', { whatHappened: 'more detail added' });
    await laptop.remove('incident', 'x', 2, 'recorded twice');
    await applyIncoming(vault.internals, await pull(vault.internals, laptop.changes));
    const [conflict] = await listConflicts(vault.internals);
    expect(conflict).toMatchObject({
      label: 'Deleted on one device, edited on another',
      deleteVsEdit: true,
    });
    const settled = await resolveConflict(vault.internals, {
      kind: 'incident',
      id: 'x',
      rev: 2,
      device: laptop.id,
    });
    expect(settled).toMatchObject({ ok: true, value: { rev: 3, deleted: true } });
    expect(await vault.get('incident', 'x')).toMatchObject({
      deleted: true,
      reason: 'recorded twice',
    });
    expect((await vault.verify()).ok).toBe(true);
  });

  it('holds back a device’s chain from its first file not fetched on, so verify still passes', async () => {
    const { vault } = await newTestVault();
    const laptop = await secondDevice(vault.internals);
    await laptop.put('incident', 'before', 1, { whatHappened: 'before the file' });
    await laptop.addFileEntry('blob-1-not-fetched-abc');
    await laptop.put('incident', 'after', 1, { whatHappened: 'after the file' });
    const applied = await applyIncoming(
      vault.internals,
      await pull(vault.internals, laptop.changes),
    );
    expect(applied).toMatchObject({ entries: 2, revisions: 1, sides: 0, heldBack: 2 });
    // The two that wait are named, so a sync knows to pull them again: the file entry and after.
    expect(applied.waiting.map((k) => Number(k.split('\u0000')[1]))).toEqual([2, 3]);
    expect(await vault.get('incident', 'before')).toMatchObject({ rev: 1 });
    expect(await vault.get('incident', 'after')).toBeUndefined();
    expect((await vault.verify()).problems).toEqual([]);
    // Pulled again: the same two wait; nothing is taken twice.
    const again = await applyIncoming(vault.internals, await pull(vault.internals, laptop.changes));
    expect(again).toMatchObject({ entries: 0, revisions: 0, sides: 0, heldBack: 2 });
    expect(again.waiting).toEqual(applied.waiting);
  });

  it('takes a file added and purged in one pull without its chunks (they may never have been sent)', async () => {
    const { vault } = await newTestVault();
    const laptop = await secondDevice(vault.internals);
    await laptop.put('incident', 'before', 1, { whatHappened: 'before the file' });
    await laptop.addFileEntry('blob-purged-unsent-abc');
    await laptop.put('incident', 'middle', 1, { whatHappened: 'while the file was there' });
    await laptop.purgeFileEntry('blob-purged-unsent-abc', 2, 'the wrong photo');
    await laptop.put('incident', 'after', 1, { whatHappened: 'after the purge' });
    const applied = await applyIncoming(
      vault.internals,
      await pull(vault.internals, laptop.changes),
    );
    expect(applied).toMatchObject({ entries: 6, heldBack: 0, filesTaken: [] });
    expect(await vault.get('incident', 'after')).toMatchObject({ rev: 1 });
    expect(await vault.internals.store.countChunks('blob-purged-unsent-abc')).toBe(0);
    expect((await vault.verify()).problems).toEqual([]);
  });

  it('holds a bare add back with everything after it when its chain stops before the purge', async () => {
    const { vault } = await newTestVault();
    const laptop = await secondDevice(vault.internals);
    await laptop.put('incident', 'before', 1, { whatHappened: 'before the files' });
    await laptop.addFileEntry('blob-purged-unsent-abc');
    await laptop.addFileEntry('blob-not-fetched-abcde');
    await laptop.purgeFileEntry('blob-purged-unsent-abc', 2, 'the wrong photo');
    await laptop.put('incident', 'after', 1, { whatHappened: 'after the purge' });
    const applied = await applyIncoming(
      vault.internals,
      await pull(vault.internals, laptop.changes),
    );
    // The second file was not fetched: the chain stops there, and the first add (whose purge
    // is after the stop) waits with it rather than go in without its purge.
    expect(applied).toMatchObject({ entries: 2, heldBack: 4 });
    expect(applied.waiting.map((k) => Number(k.split('\u0000')[1]))).toEqual([2, 3, 4, 5]);
    expect(await vault.get('blob', 'blob-purged-unsent-abc')).toBeUndefined();
    expect((await vault.verify()).problems).toEqual([]);
  });

  it('a purge that arrives before its add (from another device) keeps the file out', async () => {
    const { vault } = await newTestVault();
    const store = vault.internals.store;
    // The laptop added a file; the tablet took it in and purged it. The phone gets the purge
    // first (the laptop's chain waited, say, on a chunk damaged on the server), then the add.
    const laptop = await secondDevice(vault.internals);
    const tablet = await secondDevice(vault.internals);
    const blobId = 'blob-2-purged-first-ab';
    await laptop.addFileEntry(blobId);
    await tablet.purgeFileEntry(blobId, 2, 'the wrong photo');
    const purged = await applyIncoming(
      vault.internals,
      await pull(vault.internals, tablet.changes),
    );
    expect(purged).toMatchObject({ entries: 2, heldBack: 0 });

    // Not fetched: the add does not wait for chunks no one should keep.
    const bare = await applyIncoming(vault.internals, await pull(vault.internals, laptop.changes));
    expect(bare).toMatchObject({ entries: 2, heldBack: 0, filesTaken: [] });
    expect(await store.listBlobs()).not.toContain(blobId);
    expect(await vault.get('blob', blobId)).toMatchObject({ rev: 2, deleted: true });
    expect((await vault.verify()).problems).toEqual([]);
  });

  it('a purge stored before its add: fetched chunks of that add are never committed', async () => {
    const fetchedThenAdded = async (purgeFirst: boolean) => {
      const { vault } = await newTestVault();
      const store = vault.internals.store;
      const laptop = await secondDevice(vault.internals);
      const tablet = await secondDevice(vault.internals);
      const blobId = 'blob-3-purged-first-cd';
      await laptop.addFileEntry(blobId);
      await tablet.purgeFileEntry(blobId, 2, 'the wrong photo');
      if (purgeFirst)
        await applyIncoming(vault.internals, await pull(vault.internals, tablet.changes));
      // The add's chunk, as a sync stores it when fetched: uncommitted until the entry goes in.
      await store.putChunk(blobId, 0, new Uint8Array(64).fill(9));
      const added = await applyIncoming(
        vault.internals,
        await pull(vault.internals, laptop.changes),
        new Set([blobId]),
      );
      return { added, blobs: await store.listBlobs(), blobId };
    };
    // Control: with no purge stored the fetched file is committed with its entry.
    const control = await fetchedThenAdded(false);
    expect(control.added.filesTaken).toEqual([control.blobId]);
    expect(control.blobs).toContain(control.blobId);
    // With the purge stored first, the add is taken but its chunks are not (the caller discards).
    const late = await fetchedThenAdded(true);
    expect(late.added).toMatchObject({ entries: 2, heldBack: 0, filesTaken: [] });
    expect(late.blobs).not.toContain(late.blobId);
  });

  it('a verify that fails when a side is taken away (control: sides are checked)', async () => {
    const { vault } = await newTestVault();
    await vault.put('incident', 'shared', { whatHappened: 'first' });
    const laptop = await secondDevice(vault.internals);
    await vault.put('incident', 'shared', { whatHappened: 'phone edit' });
    await laptop.put('incident', 'shared', 2, { whatHappened: 'laptop edit' });
    const incoming = await pull(vault.internals, laptop.changes);
    // Only the laptop's entries, without its side: verify must miss revision 2 of the laptop.
    const bare = createMemoryStore();
    const copied = await restoreBackup(writeBackup(vault.internals.store), bare);
    if (!copied.ok) throw new Error(copied.message);
    await bare.commit({ envelopes: [], log: [...incoming.entries] });
    const opened = await Vault.unlock(bare, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    const report = await opened.value.verify();
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.message).join(' ')).toMatch(/revision 2 is missing/);
  });

  it('refuses a revision moved out of its place into a side (a record rolled back unseen)', async () => {
    const { vault } = await newTestVault();
    await vault.put('incident', 'a', { whatHappened: 'first' });
    await vault.put('incident', 'a', { whatHappened: 'he came back with a knife' });
    const me = vault.internals.header.v === 2 ? vault.internals.header.device.id : '';
    const backup = splitBackup(await gather(writeBackup(vault.internals.store)));
    const newest = backup.frames.findIndex((f) => {
      if (f.type !== FRAME.envelope) return false;
      const env = JSON.parse(new TextDecoder().decode(f.payload));
      return env.id === 'a' && env.rev === 2;
    });
    const frame = backup.frames[newest];
    if (!frame) throw new Error('no revision 2');
    const envelope = JSON.parse(new TextDecoder().decode(frame.payload));
    const check = async (device: string, keepMain: boolean) => {
      const side = {
        type: FRAME.side,
        payload: new TextEncoder().encode(JSON.stringify({ device, envelope })),
      };
      const envelopes = backup.frames.filter(
        (f, i) => f.type === FRAME.envelope && (keepMain || i !== newest),
      );
      const before = backup.frames.filter((f) => f.type === FRAME.header || f.type === FRAME.log);
      const after = backup.frames.filter((f) => f.type === FRAME.chunk || f.type === FRAME.end);
      const ordered = [...before, ...envelopes, side, ...after];
      const verified = await verifyBackup(once(joinBackup({ version: 3, frames: ordered })), {
        passphrase: PASSPHRASE,
      });
      if (!verified.ok) return verified.message;
      return verified.value.report.problems.map((p) => p.message).join(' ') || 'accepted';
    };
    // Moved into a side of its own device: the revision at its key is missing.
    expect(await check(me, false)).toMatch(/kept beside a revision that is not there/);
    // Copied into a side beside itself: a side beside its own device's revision.
    expect(await check(me, true)).toMatch(/beside the same device’s own revision/);
    // Control: the file as written is accepted.
    const untouched = await verifyBackup(once(joinBackup(backup)), { passphrase: PASSPHRASE });
    expect(untouched.ok && untouched.value.report.problems).toEqual([]);
  });

  it('backs up and restores other devices’ entries and both sides of a conflict', async () => {
    const { vault } = await newTestVault();
    await vault.put('incident', 'shared', { whatHappened: 'first' });
    const laptop = await secondDevice(vault.internals);
    await vault.put('incident', 'shared', { whatHappened: 'phone edit' });
    await laptop.put('incident', 'shared', 2, { whatHappened: 'laptop edit' });
    await laptop.put('incident', 'laptop-only', 1, { whatHappened: 'made on the laptop' });
    await applyIncoming(vault.internals, await pull(vault.internals, laptop.changes));

    // Version 3 only because it holds a side; the same file marked v2 is refused, not misread.
    const bytes = await gather(writeBackup(vault.internals.store));
    expect(bytes[8]).toBe(3);
    const asV2 = bytes.slice();
    asV2[8] = 2;
    expect(await restoreBackup(once(asV2), createMemoryStore())).toMatchObject({
      ok: false,
      reason: 'corrupt',
    });
    const plain = await newTestVault();
    expect((await gather(writeBackup(plain.vault.internals.store)))[8]).toBe(2);

    const target = createMemoryStore();
    const restored = await restoreBackup(once(bytes), target, {
      secret: { passphrase: PASSPHRASE },
    });
    expect(restored).toMatchObject({ ok: true, value: { sides: 1 } });
    expect(await target.readLog()).toEqual(await vault.internals.store.readLog());
    expect(await target.listSides()).toEqual(await vault.internals.store.listSides());
    expect(await target.listEnvelopes()).toEqual(await vault.internals.store.listEnvelopes());
    const copy = await Vault.unlock(target, PASSPHRASE, testOptions());
    if (!copy.ok) throw new Error(copy.message);
    expect((await copy.value.verify()).problems).toEqual([]);
    expect(await listConflicts(copy.value.internals)).toEqual(await listConflicts(vault.internals));
    expect(await copy.value.get('incident', 'laptop-only')).toMatchObject({ rev: 1 });
  });
});

describe('two real devices of one casebook', () => {
  /** Everything `from` has that `to` lacks, as a sync through the server would carry it. */
  async function carry(from: Vault, to: Vault) {
    const changes = (await outgoingChanges(from.internals, new Set())).map((c) => c.change);
    return applyIncoming(to.internals, await pull(to.internals, changes));
  }

  it('edit offline on both, sync both ways: both kept, one settles, the other takes it', async () => {
    const { vault: phone } = await newTestVault();
    await phone.put('incident', 'shared', { whatHappened: 'first' });
    const store = createMemoryStore();
    const made = await copyToNewDevice(phone, store);
    if (!made.ok) throw new Error(made.message);
    const opened = await Vault.unlock(store, PASSPHRASE, testOptions());
    if (!opened.ok) throw new Error(opened.message);
    const laptop = opened.value;
    expect(laptop.internals.header.v === 2 && laptop.internals.header.device.id).toBe(
      made.value.device,
    );
    expect((await laptop.verify()).problems).toEqual([]);
    expect(await laptop.get('incident', 'shared')).toMatchObject({ rev: 1 });

    await phone.put('incident', 'shared', { whatHappened: 'phone edit' });
    await laptop.put('incident', 'shared', { whatHappened: 'laptop edit' });
    await laptop.put('incident', 'new', { whatHappened: 'made on the laptop' });
    await carry(phone, laptop);
    await carry(laptop, phone);
    for (const device of [phone, laptop]) {
      expect((await device.verify()).problems).toEqual([]);
      expect(await listConflicts(device.internals)).toMatchObject([
        { id: 'shared', rev: 2, label: 'Edited on two devices' },
      ]);
    }
    expect(await phone.get('incident', 'new')).toMatchObject({ rev: 1 });

    const settled = await resolveConflict(laptop.internals, {
      kind: 'incident',
      id: 'shared',
      rev: 2,
      device: phone.internals.header.v === 2 ? phone.internals.header.device.id : '',
    });
    expect(settled.ok).toBe(true);
    expect(await carry(laptop, phone)).toMatchObject({ entries: 1, revisions: 1, sides: 0 });
    expect(await carry(laptop, phone)).toMatchObject({ entries: 0, revisions: 0, sides: 0 });
    await carry(phone, laptop);
    for (const device of [phone, laptop]) {
      expect(await device.get('incident', 'shared')).toMatchObject({
        rev: 3,
        body: { whatHappened: 'phone edit' },
      });
      expect(await listConflicts(device.internals)).toEqual([]);
      expect((await device.verify()).problems).toEqual([]);
    }
    // Both hold the same entries of every chain.
    const heads = async (v: Vault) =>
      (await v.internals.store.readLog()).map((e) => `${e.device ?? ''}:${e.seq}:${e.h}`);
    expect(await heads(phone)).toEqual(await heads(laptop));
  });
});

describe('a second device of a casebook begun under v1', () => {
  it('holds the v1 entries as the shared start, sends only its own chain, and both verify', async () => {
    const golden = new URL('../../test/golden/', import.meta.url);
    const expected = JSON.parse(await readFile(new URL('vault-v1.json', golden), 'utf8'));
    const backup = new Uint8Array(await readFile(new URL('vault-v1.casebook', golden)));
    const phoneStore = createMemoryStore();
    const restored = await restoreBackup(once(backup), phoneStore);
    if (!restored.ok) throw new Error(restored.message);
    const upgraded = await Vault.unlock(phoneStore, expected.passphrase);
    if (!upgraded.ok) throw new Error(upgraded.message);
    const phone = upgraded.value;
    const v1 = (await phoneStore.readLog()).filter((e) => e.v !== 2).length;
    expect(v1).toBeGreaterThan(0);

    const laptopStore = createMemoryStore();
    const made = await copyToNewDevice(phone, laptopStore);
    if (!made.ok) throw new Error(made.message);
    const opened = await Vault.unlock(laptopStore, expected.passphrase);
    if (!opened.ok) throw new Error(opened.message);
    const laptop = opened.value;
    await laptop.put('incident', 'from-laptop', { whatHappened: 'after linking' });
    await phone.put('incident', 'from-phone', { whatHappened: 'after linking' });

    // The phone upgraded it: its history is the v1 entries and its chain. The laptop's is its own.
    const phoneSends = await outgoingChanges(phone.internals, new Set());
    const laptopSends = await outgoingChanges(laptop.internals, new Set());
    expect(phoneSends.filter((c) => c.change.log.v !== 2)).toHaveLength(v1);
    expect(laptopSends.map((c) => c.change.log.device)).toEqual([
      made.value.device,
      made.value.device,
    ]);
    expect((await historyToConfirm(laptop.internals))?.hashes).toHaveLength(2);

    const toLaptop = await pull(
      laptop.internals,
      phoneSends.map((c) => c.change),
    );
    expect(toLaptop.ownSeqs.size).toBe(0);
    expect(await applyIncoming(laptop.internals, toLaptop)).toMatchObject({ revisions: 1 });
    await applyIncoming(
      phone.internals,
      await pull(
        phone.internals,
        laptopSends.map((c) => c.change),
      ),
    );
    for (const device of [phone, laptop]) {
      expect((await device.verify()).problems).toEqual([]);
      expect(await device.get('incident', 'from-laptop')).toMatchObject({ rev: 1 });
      expect(await device.get('incident', 'from-phone')).toMatchObject({ rev: 1 });
    }
    // The server offering other bytes for a v1 entry is refused on the laptop (control).
    const forged = phoneSends.map((c, i) =>
      i === 0 ? { ...c.change, log: { ...c.change.log, h: 'e'.repeat(64) as never } } : c.change,
    );
    const sealed = await Promise.all(
      forged.map((c) => sealSyncEnvelope(laptop.internals.keys.ck, c)),
    );
    expect(await checkIncoming(laptop.internals, sealed)).toMatchObject({
      ok: false,
      reason: 'bad-history',
    });
  });
});
