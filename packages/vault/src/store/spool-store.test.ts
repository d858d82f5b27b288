import { mkdtemp, readdir, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpoolStore } from './spool-store';
import { batch, describeStoreContract } from './store-contract';

let dir = '';
let made = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casebook-spool-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeStoreContract(
  'spool',
  async () => ({ store: await createSpoolStore(join(dir, `contract-${made++}.spool`)) }),
  { persistent: false },
);

// The same contract when the spool is a new backup file's body (chunks as frames, file kept).
describeStoreContract(
  'spool as a backup body',
  async () => ({
    store: await createSpoolStore(join(dir, `contract-${made++}.casebook`), { backupAt: 4096 }),
  }),
  { persistent: false },
);

describe('createSpoolStore', () => {
  it('keeps chunk bytes on disk, not in the memory bookkeeping, and reads them back exactly', async () => {
    const path = join(dir, 'bytes.spool');
    const store = await createSpoolStore(path);
    // Unlinked at once on this system: nothing is left behind even after a crash.
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
    const pieces = [0, 1, 2].map((i) => Uint8Array.from({ length: 1000 + i }, (_, j) => i + j));
    await store.putChunks(
      'blob-a',
      pieces.map((bytes, index) => ({ index, bytes })),
    );
    const reused = Uint8Array.of(7, 7, 7);
    const put = store.putChunk('blob-b', 0, reused);
    reused.fill(9); // The caller reuses its buffer at once: the store copied it first.
    await put;
    await store.commit(batch({ commitBlobs: ['blob-a', 'blob-b'] }));
    // The bytes are in the (unlinked) spool file: its size, seen through this process's open
    // file descriptors, holds every chunk. A store that kept them in memory would leave it empty.
    if (process.platform === 'linux') {
      expect(await spoolSize(path)).toBe(1000 + 1001 + 1002 + 3);
    }
    for (const [index, bytes] of pieces.entries()) {
      expect(await store.getChunk('blob-a', index)).toEqual(bytes);
    }
    expect(await store.getChunk('blob-b', 0)).toEqual(Uint8Array.of(7, 7, 7));
    expect(await store.getChunk('blob-a', 3)).toBeUndefined();
    await store.close();
    expect(await readdir(dir)).not.toContain('bytes.spool');
  });

  it('refuses a spool path that is already taken', async () => {
    const path = join(dir, 'taken.spool');
    const first = await createSpoolStore(path);
    await first.close();
    await writeFile(path, 'someone else’s file');
    await expect(createSpoolStore(path)).rejects.toMatchObject({ code: 'EEXIST' });
  });
});

/** Size of the deleted-but-open file once at `path`, found through /proc/self/fd (Linux). */
async function spoolSize(path: string): Promise<number | undefined> {
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    if (target === `${path} (deleted)`) return (await stat(`/proc/self/fd/${fd}`)).size;
  }
  return undefined;
}
