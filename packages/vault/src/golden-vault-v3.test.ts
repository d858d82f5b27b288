import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { FRAME } from './backup/backup-format';
import { restoreBackup } from './backup/restore-backup';
import { verifyBackup } from './backup/verify-backup';
import { createMemoryStore } from './store/memory-store';
import { splitBackup } from './testing/backup-frames';
import { collect } from './testing/test-vault';
import { Vault } from './vault';

// Written once as backup v3, in place (test/golden/make-vault-golden-v3.ts). Every later
// version must read it.
const golden = new URL('../test/golden/', import.meta.url);
const expected = JSON.parse(await readFile(new URL('vault-v3.json', golden), 'utf8'));
const backup = new Uint8Array(await readFile(new URL('vault-v3.casebook', golden)));

async function* once(bytes: Uint8Array) {
  yield bytes;
}

describe('golden backup v3', () => {
  it('is a v3 file with its PAD frame, and verifies in one pass to its checkpoint', async () => {
    expect(backup[8]).toBe(3);
    const types = splitBackup(backup).frames.map((f) => f.type);
    expect(types.filter((t) => t === FRAME.pad)).toHaveLength(1);
    expect(types[types.indexOf(FRAME.pad) + 1]).toBe(FRAME.chunk);
    const result = await verifyBackup(once(backup), { passphrase: expected.passphrase });
    if (!result.ok) throw new Error(result.message);
    expect(result.value.report).toMatchObject({ ok: true, problems: [] });
    expect(result.value.report.checkpoint).toEqual(expected.checkpoint);
    expect(result.value.files).toEqual(
      expect.arrayContaining(
        expected.files.map((f: { blobId: string; size: number; sha256: string }) => ({
          blobId: f.blobId,
          size: f.size,
          sha256: f.sha256,
        })),
      ),
    );
  });

  it('restores (verified) and reads both files back', async () => {
    const store = createMemoryStore();
    const restored = await restoreBackup(once(backup), store, {
      secret: { passphrase: expected.passphrase },
    });
    expect(restored.ok).toBe(true);
    const opened = await Vault.unlock(store, expected.passphrase);
    if (!opened.ok) throw new Error(opened.message);
    for (const file of expected.files) {
      const bytes = await collect(opened.value.readFile(file.blobId));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    }
    const added = expected.files[1];
    const text = new TextDecoder().decode(await collect(opened.value.readFile(added.blobId)));
    expect(text).toBe(added.text.repeat(added.repeat));
    expect(await opened.value.verify()).toMatchObject({ ok: true, problems: [] });
  });
});
