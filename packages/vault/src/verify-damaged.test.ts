/** A record that no longer decrypts is named once: damaged, not also "missing". */
import { describe, expect, it } from 'vitest';
import { FRAME } from './backup/backup-format';
import { restoreBackup } from './backup/restore-backup';
import { writeBackup } from './backup/write-backup';
import { createMemoryStore } from './store/memory-store';
import { joinBackup, splitBackup } from './testing/backup-frames';
import { collect, newTestVault, PASSPHRASE, testOptions } from './testing/test-vault';
import { Vault } from './vault';

async function* once(bytes: Uint8Array) {
  yield bytes;
}

async function verifiedCopy(damage: boolean) {
  const { vault, store } = await newTestVault();
  await vault.put('incident', 'a', { whatHappened: 'kept' });
  await vault.put('incident', 'b', { whatHappened: 'will be damaged' });
  const backup = splitBackup(await collect(writeBackup(store)));
  const frames = backup.frames.map((f) => {
    if (f.type !== FRAME.envelope || !damage) return f;
    const env = JSON.parse(new TextDecoder().decode(f.payload));
    if (env.id !== 'b') return f;
    // One base64 character of the ciphertext changed: it no longer authenticates.
    const ct = `${env.ct[0] === 'A' ? 'B' : 'A'}${env.ct.slice(1)}`;
    return { type: f.type, payload: new TextEncoder().encode(JSON.stringify({ ...env, ct })) };
  });
  const target = createMemoryStore();
  const restored = await restoreBackup(once(joinBackup({ ...backup, frames })), target);
  if (!restored.ok) throw new Error(restored.message);
  const opened = await Vault.unlock(target, PASSPHRASE, testOptions());
  if (!opened.ok) throw new Error(opened.message);
  return opened.value.verify();
}

describe('verify of a damaged record', () => {
  it('names it once, as damaged', async () => {
    const report = await verifiedCopy(true);
    expect(report.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/revision 1 has been altered or damaged: it does not decrypt\.$/),
    ]);
  });

  it('control: the same copy undamaged has no problem', async () => {
    expect((await verifiedCopy(false)).problems).toEqual([]);
  });
});
