import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { restoreBackup } from './backup/restore-backup';
import { verifyBackup } from './backup/verify-backup';
import { writeBackup } from './backup/write-backup';
import { createMemoryStore } from './store/memory-store';
import { collect } from './testing/test-vault';
import { Vault } from './vault';

// Written once by v2 (test/golden/make-vault-golden-v2.ts). Every later version must read it.
const golden = new URL('../test/golden/', import.meta.url);
const expected = JSON.parse(await readFile(new URL('vault-v2.json', golden), 'utf8'));
const backup = new Uint8Array(await readFile(new URL('vault-v2.casebook', golden)));

async function* once(bytes: Uint8Array) {
  yield bytes;
}

describe('golden vault v2', () => {
  it('verifies in one pass and reaches the checkpoint it was written with', async () => {
    expect(backup[8]).toBe(2);
    const result = await verifyBackup(once(backup), { passphrase: expected.passphrase });
    if (!result.ok) throw new Error(result.message);
    expect(result.value.report).toMatchObject({ ok: true, problems: [] });
    expect(result.value.report.checkpoint).toEqual(expected.checkpoint);
    expect(result.value.files).toEqual([
      { blobId: expected.file.blobId, size: expected.file.size, sha256: expected.file.sha256 },
    ]);
  });

  it('restores (verified), opens with the current passphrase and code only, reads everything', async () => {
    const store = createMemoryStore();
    const restored = await restoreBackup(once(backup), store, {
      secret: { passphrase: expected.passphrase },
    });
    expect(restored.ok).toBe(true);
    for (const [how, secret] of [
      ['old passphrase', { passphrase: expected.oldPassphrase }],
      ['old code', { recoveryCode: expected.oldRecoveryCode }],
    ] as const) {
      const refused =
        'passphrase' in secret
          ? await Vault.unlock(store, secret.passphrase)
          : await Vault.unlockWithRecoveryCode(store, secret.recoveryCode);
      expect(refused.ok, how).toBe(false);
    }
    const byCode = await Vault.unlockWithRecoveryCode(store, expected.recoveryCode);
    if (!byCode.ok) throw new Error(byCode.message);
    // The two refusals just above were noted and are reported by the next unlock.
    expect(byCode.value.notices.failedAttempts?.count).toBe(2);
    byCode.value.lock();
    const opened = await Vault.unlock(store, expected.passphrase);
    if (!opened.ok) throw new Error(opened.message);
    const vault = opened.value;
    expect(vault.notices.failedAttempts).toBeUndefined();
    const log = await vault.auditLog();
    expect(log.slice(0, 7).map((e) => `${e.seq} ${e.op} ${e.kind} ${e.rev} ${e.time}`)).toEqual(
      expected.log,
    );
    expect(await vault.get('incident', 'AAAAAAAAAAAAAAAAAAAAAA')).toMatchObject({
      rev: 2,
      deleted: true,
      reason: 'Entered by mistake',
    });
    const file = await collect(vault.readFile(expected.file.blobId));
    expect(new TextDecoder().decode(file)).toBe(expected.file.text.repeat(expected.file.repeat));
    expect(await vault.verify()).toMatchObject({ ok: true, problems: [] });
    // Its history still holds the golden checkpoint after the entries added here.
    const later = await verifyBackup(once(await collect(writeBackup(store))), {
      passphrase: expected.passphrase,
    });
    if (!later.ok) throw new Error(later.message);
    const chain = later.value.chains.find((c) => c.device === expected.checkpoint.device);
    expect(chain?.points.some((p) => p.seq === expected.checkpoint.seq)).toBe(true);
  });
});
