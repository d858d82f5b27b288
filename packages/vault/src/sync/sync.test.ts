/**
 * The vault's side of sync: what goes to the server is sealed, padded and randomly named;
 * what comes back is believed only when it sits on a certified device's chain; two devices'
 * revisions of one record are both kept and reported, never one over the other.
 */
import { describe, expect, it } from 'vitest';
import { restoreBackup } from '../backup/restore-backup';
import { writeBackup } from '../backup/write-backup';
import { utf8 } from '../encoding';
import { decodeRevision } from '../record-cache';
import { createMemoryStore } from '../store/memory-store';
import { secondDevice } from '../testing/second-device';
import { newTestVault, PASSPHRASE, testOptions } from '../testing/test-vault';
import { RESERVED_KINDS, Vault } from '../vault';
import type { VaultInternals } from '../vault-internals';
import { findConflicts, type RevisionFrom } from './conflicts';
import { checkIncoming } from './incoming';
import { historyToConfirm, outgoingChanges } from './outgoing';
import type { SyncChange } from './sync-change';
import { openSyncEnvelope, SYNC_ENVELOPE_BLOCK, sealSyncEnvelope } from './sync-envelope';

const MARKER = 'CANARY-7f3a9c-Stalker-Name';

/** The text in raw UTF-8 or UTF-16LE anywhere in the bytes. */
const contains = (bytes: Uint8Array, text: string) => {
  const buffer = Buffer.from(bytes);
  return (
    buffer.includes(Buffer.from(text, 'utf8')) || buffer.includes(Buffer.from(text, 'utf16le'))
  );
};

async function sealAll(internals: VaultInternals, changes: readonly SyncChange[]) {
  return Promise.all(changes.map((c) => sealSyncEnvelope(internals.keys.ck, c)));
}

async function localRevisions(internals: VaultInternals): Promise<RevisionFrom[]> {
  const device = internals.header.v === 2 ? internals.header.device.id : '';
  const out: RevisionFrom[] = [];
  for (const env of await internals.store.listEnvelopes()) {
    if (RESERVED_KINDS.includes(env.kind)) continue;
    out.push({ device, state: await decodeRevision(internals.keys.ck, env) });
  }
  return out;
}

describe('sync envelopes', () => {
  it('are whole 256-byte blocks under a random id, and show nothing of what they hold', async () => {
    const { vault } = await newTestVault();
    await vault.put('incident', 'inc-1', { whatHappened: `${MARKER} at the gate`, title: MARKER });
    const { internals } = vault;
    const changes = (await outgoingChanges(internals, new Set())).map((c) => c.change);
    // Positive control: the marker is in what is sealed (inside the record's own ciphertext
    // here, so look for it in the decrypted revision).
    const revision = changes.find((c) => c.records.length > 0)?.records[0];
    const plain = utf8(JSON.stringify(await decodeRevision(internals.keys.ck, revision as never)));
    expect(contains(plain, MARKER)).toBe(true);
    const sealed = await sealAll(internals, changes);
    const ids = new Set<string>();
    for (const s of sealed) {
      expect(s.data.length % SYNC_ENVELOPE_BLOCK).toBe(0);
      expect(s.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      ids.add(s.id);
      for (const clear of [MARKER, 'incident', 'inc-1', 'open-case', 'create']) {
        expect(contains(s.data, clear)).toBe(false);
      }
    }
    expect(ids.size).toBe(sealed.length);
    // The same change sealed again has another id and other bytes.
    const again = await sealSyncEnvelope(internals.keys.ck, changes[0]);
    expect(again.id).not.toBe(sealed[0]?.id);
  });

  it('open only under their own id and key, and not at all when altered', async () => {
    const { vault } = await newTestVault();
    const ck = vault.internals.keys.ck;
    const sealed = await sealSyncEnvelope(ck, { hello: 'world' });
    expect(await openSyncEnvelope(ck, sealed.id, sealed.data)).toEqual({ hello: 'world' });
    const other = await newTestVault();
    expect(await openSyncEnvelope(other.vault.internals.keys.ck, sealed.id, sealed.data)).toBe(
      undefined,
    );
    const moved = (await sealSyncEnvelope(ck, {})).id;
    expect(await openSyncEnvelope(ck, moved, sealed.data)).toBe(undefined);
    const flipped = sealed.data.slice();
    flipped[40] = (flipped[40] ?? 0) ^ 1;
    expect(await openSyncEnvelope(ck, sealed.id, flipped)).toBe(undefined);
    expect(await openSyncEnvelope(ck, sealed.id, sealed.data.subarray(0, 200))).toBe(undefined);
  });
});

describe('pushing and checking what was pulled', () => {
  it('finds its own changes on the server, so a second push sends nothing again', async () => {
    const { vault } = await newTestVault();
    await vault.put('incident', 'a', { whatHappened: 'one' });
    await vault.put('incident', 'a', { whatHappened: 'two' });
    const { internals } = vault;
    const first = await outgoingChanges(internals, new Set());
    expect(first.map((c) => c.seq)).toEqual([0, 1, 2]);
    const onServer = await sealAll(
      internals,
      first.map((c) => c.change),
    );
    for (let pass = 0; pass < 2; pass += 1) {
      const checked = await checkIncoming(internals, onServer);
      if (!checked.ok) throw new Error(checked.message);
      expect([...checked.value.ownSeqs].sort()).toEqual([0, 1, 2]);
      expect(checked.value.revisions).toEqual([]);
      expect(await outgoingChanges(internals, checked.value.ownSeqs)).toEqual([]);
    }
    const history = await historyToConfirm(internals);
    expect(history?.hashes).toHaveLength(3);
    expect(history?.chain).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('takes another device’s creates and edits, and keeps both edits of one record', async () => {
    const { vault } = await newTestVault();
    await vault.put('incident', 'shared', { whatHappened: 'first' });
    const { internals } = vault;
    const laptop = await secondDevice(internals);
    // Both edit `shared` offline (revision 2 on each), and each creates one of its own.
    await vault.put('incident', 'shared', { whatHappened: 'phone edit' });
    await vault.put('incident', 'phone-only', { whatHappened: 'made on the phone' });
    await laptop.put('incident', 'shared', 2, { whatHappened: 'laptop edit' });
    await laptop.put('incident', 'laptop-only', 1, { whatHappened: 'made on the laptop' });
    await laptop.remove('incident', 'phone-only', 2, 'made by mistake'); // seen after a sync

    const pulled = await sealAll(internals, laptop.changes);
    const checked = await checkIncoming(internals, pulled);
    if (!checked.ok) throw new Error(checked.message);
    expect(checked.value.revisions.map((r) => `${r.state.id}@${r.state.rev}`)).toEqual([
      'shared@2',
      'laptop-only@1',
      'phone-only@2',
    ]);
    expect(checked.value.revisions.every((r) => r.device === laptop.id)).toBe(true);
    const conflicts = findConflicts([
      ...(await localRevisions(internals)),
      ...checked.value.revisions,
    ]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      id: 'shared',
      rev: 2,
      label: 'Edited on two devices',
      deleteVsEdit: false,
    });
    const bodies = conflicts[0]?.sides.map((s) => (s.state.deleted ? '' : s.state.body));
    expect(bodies).toContainEqual({ whatHappened: 'phone edit' });
    expect(bodies).toContainEqual({ whatHappened: 'laptop edit' });
    // Pulled twice (a retried pull): the same, no more.
    const twice = await checkIncoming(internals, [...pulled, ...pulled]);
    expect(twice.ok && twice.value.revisions).toHaveLength(3);
  });

  it('shows a delete against an edit, and loses neither', async () => {
    const { vault } = await newTestVault();
    await vault.put('incident', 'x', { whatHappened: 'original' });
    const laptop = await secondDevice(vault.internals);
    await vault.remove('incident', 'x', 'not needed');
    await laptop.put('incident', 'x', 2, { whatHappened: 'more detail added' });
    const checked = await checkIncoming(
      vault.internals,
      await sealAll(vault.internals, laptop.changes),
    );
    if (!checked.ok) throw new Error(checked.message);
    const [conflict] = findConflicts([
      ...(await localRevisions(vault.internals)),
      ...checked.value.revisions,
    ]);
    expect(conflict).toMatchObject({
      label: 'Deleted on one device, edited on another',
      deleteVsEdit: true,
    });
    expect(conflict?.sides.map((s) => s.state.deleted).sort()).toEqual([false, true]);
  });

  it('refuses a device the identity never certified, a gap, a swapped record, a fork of its own', async () => {
    const { vault } = await newTestVault();
    await vault.put('incident', 'a', { whatHappened: 'one' });
    const { internals } = vault;
    const stranger = await newTestVault();
    const rogue = await secondDevice(internals, {
      certifiedBy: stranger.vault.internals.keys.signingKey,
    });
    await rogue.put('incident', 'a', 2, { whatHappened: 'planted' });
    const planted = await checkIncoming(internals, await sealAll(internals, rogue.changes));
    expect(planted).toMatchObject({ ok: false, reason: 'bad-history' });

    const laptop = await secondDevice(internals);
    await laptop.put('incident', 'b', 1, { whatHappened: 'b1' });
    await laptop.put('incident', 'c', 1, { whatHappened: 'c1' });
    // Control: the whole chain is taken.
    expect((await checkIncoming(internals, await sealAll(internals, laptop.changes))).ok).toBe(
      true,
    );
    const gap = [laptop.changes[0], laptop.changes[2]] as SyncChange[];
    expect(await checkIncoming(internals, await sealAll(internals, gap))).toMatchObject({
      ok: false,
      reason: 'bad-history',
    });
    const swapped = laptop.changes.map((c, i) =>
      i === 2 ? { ...c, records: laptop.changes[1]?.records ?? [] } : c,
    );
    expect(await checkIncoming(internals, await sealAll(internals, swapped))).toMatchObject({
      ok: false,
      reason: 'bad-history',
    });
    // The server offering this device's own entry 1 with other bytes: a fork of its history.
    const other = await newTestVault();
    await other.vault.put('incident', 'z', { whatHappened: 'z' });
    const mine = (await outgoingChanges(internals, new Set())).map((c) => c.change);
    const forked = { ...mine[1], log: { ...(mine[1] as SyncChange).log, h: 'f'.repeat(64) } };
    expect(
      await checkIncoming(internals, await sealAll(internals, [forked as SyncChange])),
    ).toMatchObject({ ok: false, reason: 'bad-history' });
    // The server holding more of this device's chain than this copy (an older copy of it).
    const olderStore = createMemoryStore();
    const copied = await restoreBackup(writeBackup(vault.internals.store), olderStore);
    if (!copied.ok) throw new Error(copied.message);
    const older = await Vault.unlock(olderStore, PASSPHRASE, testOptions());
    if (!older.ok) throw new Error(older.message);
    await vault.put('incident', 'a', { whatHappened: 'two' });
    const longer = await sealAll(
      internals,
      (await outgoingChanges(internals, new Set())).map((c) => c.change),
    );
    expect((await checkIncoming(internals, longer)).ok).toBe(true);
    const behind = await checkIncoming(older.value.internals, longer);
    expect(behind).toMatchObject({ ok: false, reason: 'behind' });
    expect(behind.ok ? '' : behind.message).toMatch(/longer history than this casebook holds/);
    // Not this casebook's at all.
    const foreign = await sealSyncEnvelope(other.vault.internals.keys.ck, mine[0]);
    expect(await checkIncoming(internals, [foreign])).toMatchObject({
      ok: false,
      reason: 'unreadable',
    });
  });
});
