/**
 * A file added and purged on one device before it was ever synced (the wrong photo, deleted
 * for good at once): its chunks never reach the server, and the other device must still take
 * everything that device wrote, that file's add and purge included, without its bytes. Before
 * the fix, the other device asked the server for the file's chunks, found none, and held that
 * device's chain back at every sync after, so nothing it wrote later ever arrived.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { edit, open, run, twoDevices, useSyncServer } from './testing/sync-harness';

useSyncServer('casebook-purge-');

describe('casebook sync of a file purged before it was sent', () => {
  it('the other device takes the add, the purge and what came after, and stays in step', async () => {
    const { a, b } = await twoDevices('purge-');
    await a.sync();
    await b.sync();
    await edit(a.file, async (v) => {
      const made = await v.addFile(
        (async function* () {
          yield randomBytes(2 * 1024 * 1024);
        })(),
      );
      await v.purgeFile(made.blobId, 'the wrong photo');
      await v.put('incident', 'after-purge', { whatHappened: 'written after the purge' });
    });
    const sent = await a.sync();
    expect(sent.out).toMatch(/^Sent 3 changes, received 0;/);

    const took = await b.sync();
    expect(took.out).toMatch(/^Sent 0 changes, received 3;/);
    const laptop = await open(b.file);
    expect(await laptop.get('incident', 'after-purge')).toMatchObject({ rev: 1 });
    await laptop.lock();
    expect((await run('verify', b.file)).code).toBe(0);
    // Nothing left waiting: the next sync brings nothing.
    expect((await b.sync()).out).toMatch(/^Sent 0 changes, received 0;/);
  }, 120_000);
});
