import { KDF_FLOOR, restoreBackup, Vault, type VaultStore, writeBackup } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { restoreAndOpen } from './backup-ops';

const PASS = 'correct horse battery staple';
/** The User Timing measure the vault leaves for each Argon2id (kdf.ts, read by the benches). */
const KDF_MEASURE = 'casebook:argon2id';

async function backupOf(store: VaultStore): Promise<Uint8Array[]> {
  const pieces: Uint8Array[] = [];
  for await (const piece of writeBackup(store)) pieces.push(piece.slice());
  return pieces;
}

async function* stream(pieces: readonly Uint8Array[]): AsyncIterable<Uint8Array> {
  yield* pieces;
}

async function casebookWithOneNote() {
  const store = createMemoryStore();
  const { vault } = await Vault.create(store, PASS, { kdf: KDF_FLOOR });
  await vault.put('note', 'n1', { text: 'He was outside the house again at 22:10.' });
  await vault.lock();
  return backupOf(store);
}

/** Counts Argon2id derivations from here on. */
function countDerivations() {
  const measure = vi.spyOn(performance, 'measure');
  return () => measure.mock.calls.filter(([name]) => name === KDF_MEASURE).length;
}

afterEach(() => vi.restoreAllMocks());

describe('restoreAndOpen', () => {
  it('restores a backup and opens it with one Argon2id, not two', async () => {
    const backup = await casebookWithOneNote();
    const derivations = countDerivations();
    const restored = await restoreAndOpen(stream(backup), createMemoryStore(), PASS);
    if (!restored.ok) throw new Error(restored.message);
    if (!restored.opened.ok) throw new Error(restored.opened.message);
    const notes = await restored.opened.value.list('note');
    expect(notes.map((n) => (n.deleted ? undefined : n.body))).toEqual([
      { text: 'He was outside the house again at 22:10.' },
    ]);
    expect(derivations()).toBe(1);
    await restored.opened.value.lock();
  });

  it('counts two derivations for a restore and then a passphrase unlock (positive control)', async () => {
    const backup = await casebookWithOneNote();
    const derivations = countDerivations();
    const target = createMemoryStore();
    const restored = await restoreBackup(stream(backup), target, { secret: { passphrase: PASS } });
    expect(restored.ok).toBe(true);
    const opened = await Vault.unlock(target, PASS);
    expect(opened.ok).toBe(true);
    expect(derivations()).toBe(2);
    if (opened.ok) await opened.value.lock();
  });

  it('zeroes the account key it was handed once the restored casebook is open', async () => {
    const backup = await casebookWithOneNote();
    const unlock = vi.spyOn(Vault, 'unlockWithAccountKey');
    const restored = await restoreAndOpen(stream(backup), createMemoryStore(), PASS);
    expect(restored.ok && restored.opened.ok).toBe(true);
    const handed = unlock.mock.calls[0]?.[1];
    expect(handed?.length).toBe(32);
    expect(handed?.every((byte) => byte === 0)).toBe(true);
    if (restored.ok && restored.opened.ok) {
      // The vault kept its own copy: it still reads after the handed key was zeroed.
      expect(await restored.opened.value.list('note')).toHaveLength(1);
      await restored.opened.value.lock();
    }
  });

  it('refuses a wrong passphrase plainly and writes nothing', async () => {
    const backup = await casebookWithOneNote();
    const target = createMemoryStore();
    const restored = await restoreAndOpen(stream(backup), target, 'not the passphrase');
    expect(restored.ok).toBe(false);
    if (!restored.ok) expect(restored.message).toMatch(/passphrase/i);
    expect(await Vault.exists(target)).toBe(false);
  });
});
