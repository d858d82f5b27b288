import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { restoreBackup } from './backup/restore-backup';
import { verifyBackup } from './backup/verify-backup';
import { writeBackup } from './backup/write-backup';
import { createMemoryStore } from './store/memory-store';
import { collect } from './testing/test-vault';
import { Vault } from './vault';

// Written once by v1 (test/golden/make-vault-golden.ts). Every later version must read them.
const golden = new URL('../test/golden/', import.meta.url);
const expected = JSON.parse(await readFile(new URL('vault-v1.json', golden), 'utf8'));
const backup = await readFile(new URL('vault-v1.casebook', golden));

async function* once(bytes: Uint8Array) {
  yield bytes;
}

describe('golden vault v1', () => {
  it('restores, unlocks with the passphrase and the recovery code, and reads every record and file', async () => {
    const store = createMemoryStore();
    // Restore verifies first, with the passphrase, as every restore a person makes does.
    expect(
      (await restoreBackup(once(backup), store, { secret: { passphrase: expected.passphrase } }))
        .ok,
    ).toBe(true);
    const byCode = await Vault.unlockWithRecoveryCode(store, expected.recoveryCode);
    expect(byCode.ok).toBe(true);
    const opened = await Vault.unlock(store, expected.passphrase);
    if (!opened.ok) throw new Error(opened.message);
    const vault = opened.value;
    expect(await vault.history('incident', 'AAAAAAAAAAAAAAAAAAAAAA')).toMatchObject([
      {
        rev: 1,
        deleted: false,
        body: { whatHappened: 'He waited outside my work — “again”.', n: 1 },
      },
      { rev: 2, deleted: false, body: { whatHappened: 'He waited outside my work again.', n: 2 } },
    ]);
    expect(await vault.get('person', 'BBBBBBBBBBBBBBBBBBBBBB')).toMatchObject({
      rev: 2,
      deleted: true,
      reason: 'Same person as another record',
    });
    const file = await collect(vault.readFile(expected.file.blobId));
    expect(new TextDecoder().decode(file)).toBe(expected.file.text.repeat(expected.file.repeat));
    const log = await vault.auditLog();
    expect(log.slice(0, 6).map((e) => `${e.seq} ${e.op} ${e.kind} ${e.rev} ${e.time}`)).toEqual(
      expected.log,
    );
    // The first unlock by v2 upgraded it: this device's chain continues from the v1 tip.
    expect(log.slice(6)).toMatchObject([
      { v: 2, seq: 6, op: 'open-device', prev: expect.any(String) },
    ]);
    expect(await vault.verify()).toMatchObject({ ok: true, problems: [] });
    expect((await vault.verify()).checkpoint).toMatchObject({ seq: 6 });
    // A backup of it is now v2, ends with a signed checkpoint, and verifies as a whole.
    const again = await collect(writeBackup(store));
    expect(again[8]).toBe(2);
    const reverified = await verifyBackup(once(again), { passphrase: expected.passphrase });
    if (!reverified.ok) throw new Error(reverified.message);
    expect(reverified.value.report).toMatchObject({ ok: true, checkpoint: { seq: 6 } });
  });

  it('verifies as a backup file in one pass', async () => {
    const result = await verifyBackup(once(backup), { passphrase: expected.passphrase });
    if (!result.ok) throw new Error(result.message);
    expect(result.value.report.ok).toBe(true);
    // It has no checkpoint, and says so rather than vouching for its newest entries.
    expect(result.value.report.checkpoint).toBeUndefined();
    expect(result.value.report.notes?.join(' ')).toMatch(/no signed checkpoint/);
    expect(result.value.version).toBe(1);
    expect(result.value.files).toEqual([
      { blobId: expected.file.blobId, size: expected.file.size, sha256: expected.file.sha256 },
    ]);
  });
});
