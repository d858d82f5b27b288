// idb checks values against the global IDB classes, so the fake ones must be the globals too.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { writeBackup } from '../backup/write-backup';
import type { VaultStore } from '../types';
import { HEADER_META_KEY } from '../vault-header';
import {
  createChunkFileStore,
  decodePlace,
  encodePlace,
  openChunkFileStore,
  openWithoutChunkFiles,
  refusePlaceMarkers,
} from './chunk-file-store';
import { StoreUnavailableError } from './errors';
import { openIndexedDbStore } from './indexeddb-store';
import { createMemoryChunkFiles, createMemoryLocks } from './memory-chunk-files';
import { batch, describeStoreContract } from './store-contract';

const NAME = 'casebook-chunk-files-test';

describeStoreContract('chunk files over indexeddb', async () => {
  const factory = new IDBFactory();
  const files = createMemoryChunkFiles();
  const open = async () =>
    createChunkFileStore(await openIndexedDbStore(NAME, { indexedDB: factory }), files);
  return { store: await open(), reopen: open };
});

const piece = (seed: number, length: number) =>
  Uint8Array.from({ length }, (_, i) => (seed * 31 + i) & 0xff);

async function setup() {
  const factory = new IDBFactory();
  const files = createMemoryChunkFiles();
  const inner = () => openIndexedDbStore(NAME, { indexedDB: factory });
  const open = async () => createChunkFileStore(await inner(), files);
  return { files, inner, open };
}

describe('createChunkFileStore', () => {
  it('keeps the bytes in the blob’s file and only a place marker in the inner store', async () => {
    const { files, inner, open } = await setup();
    const store = await open();
    const chunks = [piece(1, 1040), piece(2, 1040), piece(3, 300)];
    const reused = chunks[0]?.slice() ?? new Uint8Array();
    const put = store.putChunks('blob-a', [
      { index: 0, bytes: reused },
      { index: 1, bytes: chunks[1] ?? new Uint8Array() },
    ]);
    reused.fill(0); // The caller reuses its buffer at once: the store copied it first.
    await put;
    await store.putChunk('blob-a', 2, chunks[2] ?? new Uint8Array());
    await store.commit(batch({ commitBlobs: ['blob-a'] }));
    expect(files.peek('blob-a')?.length).toBe(1040 + 1040 + 300);
    for (const [index, bytes] of chunks.entries()) {
      expect(await store.getChunk('blob-a', index)).toEqual(bytes);
    }
    await store.close();
    const raw = await inner();
    expect(decodePlace((await raw.getChunk('blob-a', 1)) ?? new Uint8Array())).toEqual({
      at: 1040,
      length: 1040,
    });
    await raw.close();
  });

  it('writes later chunks of an open file at the call, so a reused buffer cannot change them', async () => {
    const { files, open } = await setup();
    const store = await open();
    await store.putChunk('blob-a', 0, piece(1, 64));
    const reused = piece(2, 64);
    const put = store.putChunk('blob-a', 1, reused);
    expect(files.peek('blob-a')?.subarray(64)).toEqual(piece(2, 64)); // written before any await
    reused.fill(0);
    await put;
    await store.commit(batch({ commitBlobs: ['blob-a'] }));
    expect(await store.getChunk('blob-a', 1)).toEqual(piece(2, 64));
    await store.close();
  });

  it('reads chunks stored before it (whole values in IndexedDB) unchanged', async () => {
    const { inner, open } = await setup();
    const old = await inner();
    const chunk = piece(7, 1040);
    await old.putChunk('old-blob', 0, chunk);
    await old.commit(batch({ commitBlobs: ['old-blob'] }));
    await old.close();
    const store = await open();
    expect(await store.getChunk('old-blob', 0)).toEqual(chunk);
    expect(await store.countChunks('old-blob')).toBe(1);
    await store.close();
  });

  it('a crash as the commit begins keeps every byte: the file is flushed before it', async () => {
    const { files, inner } = await setup();
    const records = await inner();
    let crashed = 0;
    const store = createChunkFileStore(
      {
        ...records,
        async commit(batch) {
          files.crash(); // what was not flushed by now is lost
          crashed += 1;
          await records.commit(batch);
        },
      },
      files,
    );
    await store.putChunks('blob-a', [{ index: 0, bytes: piece(1, 500) }]);
    await store.commit(batch({ commitBlobs: ['blob-a'] }));
    expect(crashed).toBe(1);
    expect(files.peek('blob-a')?.length).toBe(500);
    await store.close();
    const again = createChunkFileStore(await inner(), files);
    expect(await again.sweepUncommitted()).toEqual([]);
    expect(await again.getChunk('blob-a', 0)).toEqual(piece(1, 500));
    await again.close();
  });

  it('a crash before the commit leaves nothing once swept (control: the crash does cut files)', async () => {
    const { files, open } = await setup();
    const store = await open();
    await store.putChunks('half', [{ index: 0, bytes: piece(1, 500) }]);
    files.crash();
    expect(files.peek('half')?.length).toBe(0); // unflushed bytes are what a crash loses
    const again = await open();
    expect(await again.sweepUncommitted()).toEqual(['half']);
    expect(await files.list()).toEqual([]);
    expect(await again.countChunks('half')).toBe(0);
    await again.close();
    await store.close();
  });

  it('sweeps a file that has no chunk recorded at all, and keeps committed ones', async () => {
    const { files, open } = await setup();
    const store = await open();
    await store.putChunk('kept', 0, piece(1, 100));
    await store.commit(batch({ commitBlobs: ['kept'] }));
    await files.write('orphan', 0, piece(2, 100)); // written, then a crash before its marker
    const again = await open();
    expect(await again.sweepUncommitted()).toEqual([]);
    expect(await files.list()).toEqual(['kept']);
    await again.close();
    await store.close();
  });

  it('removes the file of a discarded or purged blob', async () => {
    const { files, open } = await setup();
    const store = await open();
    await store.putChunk('cancelled', 0, piece(1, 100));
    await store.discardBlob('cancelled');
    await store.putChunk('purged', 0, piece(2, 100));
    await store.commit(batch({ commitBlobs: ['purged'] }));
    expect(await files.list()).toEqual(['purged']);
    await store.commit(batch({ purgeBlobs: ['purged'] }));
    expect(await files.list()).toEqual([]);
    expect(await store.getChunk('purged', 0)).toBeUndefined();
    await store.close();
  });

  it('refuses chunks for a committed blob without touching its file', async () => {
    const { files, open } = await setup();
    const store = await open();
    await store.putChunk('done', 0, piece(1, 100));
    await store.commit(batch({ commitBlobs: ['done'] }));
    await expect(store.putChunk('done', 1, piece(2, 100))).rejects.toThrow();
    expect(files.peek('done')?.length).toBe(100);
    await store.close();
  });

  it('never reads ciphertext (16 bytes or more) as a place marker', () => {
    expect(decodePlace(encodePlace({ at: 2 ** 40 + 3, length: 1048592 }))).toEqual({
      at: 2 ** 40 + 3,
      length: 1048592,
    });
    const tagOnly = new Uint8Array(16);
    tagOnly[0] = 1;
    expect(decodePlace(tagOnly)).toBeUndefined();
    expect(decodePlace(encodePlace({ at: 0, length: 1 }).subarray(0, 12))).toBeUndefined();
  });

  it('a failed commit leaves the blob to be written on after its last chunk', async () => {
    const { inner, files } = await setup();
    const records = await inner();
    let failures = 1;
    const store = createChunkFileStore(
      {
        ...records,
        async commit(b) {
          if (failures-- > 0) throw new Error('commit refused');
          await records.commit(b);
        },
      },
      files,
    );
    await store.putChunk('blob-a', 0, piece(1, 100));
    await expect(store.commit(batch({ commitBlobs: ['blob-a'] }))).rejects.toThrow('refused');
    await store.putChunk('blob-a', 1, piece(2, 100));
    await store.commit(batch({ commitBlobs: ['blob-a'] }));
    expect(await store.getChunk('blob-a', 0)).toEqual(piece(1, 100));
    expect(await store.getChunk('blob-a', 1)).toEqual(piece(2, 100));
    await store.close();
  });

  it('closes a file’s handle, flushed, when the next file starts (a restore writes many)', async () => {
    const { files, open } = await setup();
    const store = await open();
    await store.putChunk('first', 0, piece(1, 100));
    expect(files.isOpen('first')).toBe(true); // control: a write opens the file
    await store.putChunk('second', 0, piece(2, 100));
    await store.putChunk('second', 1, piece(3, 100));
    expect(files.isOpen('first')).toBe(false);
    expect(files.isOpen('second')).toBe(true);
    await store.commit(batch({ commitBlobs: ['first', 'second'] }));
    files.crash(); // control for the flush: both files were flushed before the commit
    expect(await store.getChunk('first', 0)).toEqual(piece(1, 100));
    expect(await store.getChunk('second', 1)).toEqual(piece(3, 100));
    await store.close();
  });

  it('tries a failed removal once more', async () => {
    const { files, open } = await setup();
    const store = await open();
    await store.putChunk('purged', 0, piece(1, 100));
    await store.commit(batch({ commitBlobs: ['purged'] }));
    const remove = files.remove;
    let refusals = 1;
    files.remove = async (blobId) => {
      if (refusals-- > 0) throw new Error('file busy');
      await remove(blobId);
    };
    await store.commit(batch({ purgeBlobs: ['purged'] }));
    expect(refusals).toBe(-1); // control: the first removal did fail
    expect(await files.list()).toEqual([]);
    await store.close();
  });

  it('removes a purged blob’s file when the store opens, before any unlock (a crash after the purge)', async () => {
    const { files, inner, open } = await setup();
    const store = await open();
    await store.putChunk('purged', 0, piece(1, 100));
    await store.putChunk('kept', 0, piece(2, 100));
    await store.commit(batch({ commitBlobs: ['purged', 'kept'] }));
    const remove = files.remove;
    files.remove = async () => {
      throw new Error('crashed before the removal');
    };
    await store.commit(batch({ purgeBlobs: ['purged'] }));
    expect(await files.list()).toEqual(['purged', 'kept']); // control: the file outlived its purge
    await store.close();
    files.remove = remove; // the next page load
    const reopened = await openChunkFileStore(await inner(), files);
    expect(await files.list()).toEqual(['kept']);
    await reopened.close();
  });

  it('a sweep in another tab never removes a file that tab is writing and then commits', async () => {
    const factory = new IDBFactory();
    const files = createMemoryChunkFiles();
    const locks = createMemoryLocks();
    const tabA = createChunkFileStore(
      await openIndexedDbStore(NAME, { indexedDB: factory }),
      files,
      {
        locks,
      },
    );
    const recordsB = await openIndexedDbStore(NAME, { indexedDB: factory });
    const soon = () => new Promise((r) => setTimeout(r, 100));
    let openGate = () => {};
    const gate = new Promise<void>((r) => {
      openGate = r;
    });
    let aPut: Promise<void> | undefined;
    let aDone: Promise<void> | undefined;
    let calls = 0;
    const tabB = createChunkFileStore(
      {
        ...recordsB,
        async listBlobs() {
          calls += 1;
          const saved = await recordsB.listBlobs();
          if (calls === 1) {
            // B has listed the saved blobs; tab A now writes its file (and flushes it) ...
            aPut = tabA.putChunk('evidence', 0, piece(1, 100));
            aDone = (async () => {
              await aPut;
              await gate;
              await tabA.commit(batch({ commitBlobs: ['evidence'] }));
            })();
            await Promise.race([aPut, soon()]);
          } else if (calls === 2) {
            // ... and commits it while B looks it up again.
            openGate();
            await Promise.race([aDone, soon()]);
          }
          return saved;
        },
      },
      files,
      { locks },
    );
    await tabB.sweepFiles();
    openGate();
    await aDone;
    expect(calls).toBeGreaterThan(0);
    expect(await tabA.getChunk('evidence', 0)).toEqual(piece(1, 100));
    expect(await files.list()).toEqual(['evidence']);
    await tabA.close();
    await tabB.close();
  });

  it('a sweep looks a blob up again just before removing its file', async () => {
    const { files, inner } = await setup();
    const tabA = createChunkFileStore(await inner(), files);
    await tabA.putChunk('evidence', 0, piece(1, 100)); // written, not yet committed
    const list = files.list;
    const tabB = createChunkFileStore(await inner(), {
      ...files,
      async list() {
        const names = await list();
        await tabA.commit(batch({ commitBlobs: ['evidence'] })); // committed after B listed
        return names;
      },
    });
    await tabB.sweepFiles();
    expect(await tabA.getChunk('evidence', 0)).toEqual(piece(1, 100));
    await tabA.close();
    await tabB.close();
  });

  it('without its files, refuses to hand out a place marker as a chunk', async () => {
    const { inner, open } = await setup();
    const store = await open();
    await store.putChunk('blob-a', 0, piece(1, 100));
    await store.commit(
      batch({ commitBlobs: ['blob-a'], meta: { [HEADER_META_KEY]: piece(9, 40) } }),
    );
    await store.close();
    const plain = await inner();
    expect((await plain.getChunk('blob-a', 0))?.length).toBe(13); // control: the marker itself
    const guarded = refusePlaceMarkers(plain);
    await expect(guarded.getChunk('blob-a', 0)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(guarded.getChunk('blob-a', 0)).rejects.toThrow('nothing has been lost');
    await expect(drain(guarded)).rejects.toMatchObject({ reason: 'files-unavailable' });
    await plain.close();
  });

  it('refuses to open without its files a casebook that kept files, and opens one that never did', async () => {
    const { inner, open } = await setup();
    const never = await openWithoutChunkFiles(await inner());
    await never.putChunk('old', 0, piece(1, 100));
    await never.commit(batch({ commitBlobs: ['old'] }));
    expect(await never.getChunk('old', 0)).toEqual(piece(1, 100));
    await never.close();
    const store = await open();
    await store.putChunk('blob-a', 0, piece(2, 100));
    await store.commit(batch({ commitBlobs: ['blob-a'] }));
    await store.close();
    await expect(openWithoutChunkFiles(await inner())).rejects.toMatchObject({
      name: 'StoreUnavailableError',
      reason: 'files-unavailable',
    });
  });

  it('place marker format 1 keeps its bytes (golden: stored markers open forever)', () => {
    // [1, offset u64 BE, length u32 BE]
    const golden = Uint8Array.of(1, 0, 0, 0, 0x12, 0x34, 0x56, 0x78, 0x9a, 0x00, 0x10, 0x00, 0x10);
    const place = { at: 0x123456789a, length: 0x100010 };
    expect(encodePlace(place)).toEqual(golden);
    expect(decodePlace(golden)).toEqual(place);
    expect(decodePlace(Uint8Array.of(1, ...new Array(12).fill(0)))).toEqual({ at: 0, length: 0 });
    expect(decodePlace(Uint8Array.of(2, ...golden.subarray(1)))).toBeUndefined(); // another version
  });
});

async function drain(store: VaultStore): Promise<void> {
  for await (const _ of writeBackup(store)) {
    // read through
  }
}
