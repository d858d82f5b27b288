import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory-store';
import { bytesOf, collect, newTestVault, PASSPHRASE, patternBytes } from '../testing/test-vault';
import { restoreBackup } from './restore-backup';
import { verifyBackup } from './verify-backup';
import { writeBackup } from './write-backup';

const nodeSha256 = () => createHash('sha256');

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

describe('backups with another SHA-256 (node:crypto)', () => {
  it('writes the same bytes, and reads and verifies them the same', async () => {
    const { vault, store } = await newTestVault();
    await vault.put('incident', 'a', { whatHappened: 'Note through the door' });
    await vault.addFile(bytesOf(patternBytes(3000, 4)), { chunkSize: 1024 });
    let hashed = 0;
    const counting = () => {
      const h = nodeSha256();
      return {
        update: (data: Uint8Array) => {
          hashed += data.length;
          return h.update(data);
        },
        digest: () => h.digest(),
      };
    };
    // A v2 file has no checksum, so the hasher is the same either way: byte-identical.
    const bytes = await collect(writeBackup(store, { hasher: counting }));
    expect(bytes).toEqual(await collect(writeBackup(store)));

    const target = createMemoryStore();
    expect(await restoreBackup(once(bytes), target, { hasher: nodeSha256 })).toMatchObject({
      ok: true,
    });
    const verified = await verifyBackup(
      once(bytes),
      { passphrase: PASSPHRASE },
      { hasher: counting },
    );
    expect(verified.ok && verified.value.report.ok).toBe(true);
    // The hasher given is the one used for the files' SHA-256 (positive control).
    expect(hashed).toBeGreaterThan(3000);

    const damaged = bytes.slice();
    damaged[20] = (damaged[20] as number) ^ 1;
    expect(
      await restoreBackup(once(damaged), createMemoryStore(), {
        hasher: nodeSha256,
        secret: { passphrase: PASSPHRASE },
      }),
    ).toMatchObject({
      ok: false,
    });
  });
});
