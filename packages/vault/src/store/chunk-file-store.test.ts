// idb checks values against the global IDB classes, so the fake ones must be the globals too.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createChunkFileStore, decodePlace, encodePlace } from './chunk-file-store';
import { openIndexedDbStore } from './indexeddb-store';
import { createMemoryChunkFiles } from './memory-chunk-files';
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

  it('a crash after the commit keeps every byte: the file is flushed first', async () => {
    const { files, open } = await setup();
    const store = await open();
    await store.putChunks('blob-a', [{ index: 0, bytes: piece(1, 500) }]);
    await store.commit(batch({ commitBlobs: ['blob-a'] }));
    files.crash();
    const again = await open();
    expect(await again.sweepUncommitted()).toEqual([]);
    expect(await again.getChunk('blob-a', 0)).toEqual(piece(1, 500));
    await again.close();
    await store.close();
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
});
