/**
 * IndexedDB `VaultStore` (`@casebook/vault/indexeddb`). Every write is one readwrite transaction
 * with `durability: 'strict'`; a commit's envelopes and log entries are added, never put, so an
 * existing (kind, id, rev) or seq aborts the whole transaction. Schema: ./idb-schema.ts.
 */
import { type IDBPDatabase, type IDBPTransaction, wrap } from 'idb';
import type { CommitBatch, VaultStore } from '../types';
import {
  assertChunkKey,
  copyBytes,
  envelopeRow,
  isContiguous,
  logRow,
  messages,
  sideRow,
  validateBatch,
  wholeBuffer,
} from './batch';
import {
  type ConflictStore,
  StoreConflictError,
  StoreUnavailableError,
  type UnavailableReason,
} from './errors';
import { mapIdbError } from './idb-errors';
import {
  type CasebookDb,
  chainRange,
  chunkRange,
  kindRange,
  logKeyOf,
  revisionRange,
  SCHEMA_VERSION,
  type StoreName,
  sideKeyOf,
  upgradeSchema,
} from './idb-schema';

export interface IndexedDbStoreOptions {
  /** The factory to use instead of the global `indexedDB` (tests pass a fresh fake one). */
  readonly indexedDB?: IDBFactory;
}

type WriteTx = IDBPTransaction<CasebookDb, StoreName[], 'readwrite'>;

const ignore = (): void => {};

/**
 * Opens (creating or migrating as needed) the database `name`. Rejects with
 * `StoreUnavailableError` when another tab blocks the upgrade or the data is from a newer version.
 */
export async function openIndexedDbStore(
  name: string,
  opts: IndexedDbStoreOptions = {},
): Promise<VaultStore> {
  const factory: IDBFactory | undefined = opts.indexedDB ?? globalThis.indexedDB;
  if (factory === undefined) throw new StoreUnavailableError('unsupported');
  const raw = await openDatabase(factory, name);

  let unusable: UnavailableReason | undefined;
  // Another tab wants to upgrade: step aside at once rather than block it, and say why after.
  raw.onversionchange = () => {
    unusable = 'version-change';
    raw.close();
  };
  // The browser closed the connection (site data cleared, storage failure).
  raw.onclose = () => {
    unusable ??= 'closed';
  };
  const db = wrap(raw) as IDBPDatabase<CasebookDb>;

  const connection = (): IDBPDatabase<CasebookDb> => {
    if (unusable !== undefined) throw new StoreUnavailableError(unusable);
    return db;
  };

  async function read<T>(op: (conn: IDBPDatabase<CasebookDb>) => Promise<T>): Promise<T> {
    try {
      return await op(connection());
    } catch (error) {
      throw mapIdbError(error, { closedReason: unusable });
    }
  }

  async function write<T>(stores: StoreName[], body: (tx: WriteTx) => Promise<T>): Promise<T> {
    let tx: WriteTx | undefined;
    try {
      tx = connection().transaction(stores, 'readwrite', { durability: 'strict' });
      tx.done.catch(ignore); // a failed request aborts the tx before we await done; seen below
      const result = await body(tx);
      await tx.done;
      return result;
    } catch (error) {
      if (tx !== undefined) abortQuietly(tx);
      throw mapIdbError(error, { closedReason: unusable });
    }
  }

  async function putChunks(
    blobId: string,
    chunks: readonly { index: number; bytes: Uint8Array }[],
  ): Promise<void> {
    for (const { index } of chunks) assertChunkKey(blobId, index);
    await write(['chunks', 'blobs'], async (tx) => {
      // Put before any await: the structured clone happens now, so later changes by the
      // caller don't count, and a whole-buffer chunk needs no copy of our own.
      const store = tx.objectStore('chunks');
      const puts = chunks.map(({ index, bytes }) => store.put(wholeBuffer(bytes), [blobId, index]));
      // Awaited together, in request order: a failed put (say, the disk is full) is the
      // error reported, not the abort it causes in the getKey after it.
      const [committed] = await Promise.all([tx.objectStore('blobs').getKey(blobId), ...puts]);
      if (committed !== undefined) throw new StoreConflictError('blobs', messages.blobCommitted);
    });
  }

  return {
    getMeta: (key) => read((conn) => conn.get('meta', key)),
    listEnvelopes: (kind) =>
      read((conn) => conn.getAll('envelopes', kind === undefined ? undefined : kindRange(kind))),
    countEnvelopes: (kind) => read((conn) => conn.count('envelopes', kindRange(kind))),
    getRevisions: (kind, id) => read((conn) => conn.getAll('envelopes', revisionRange(kind, id))),
    listSides: (kind) =>
      read((conn) => conn.getAll('sides', kind === undefined ? undefined : kindRange(kind))),
    readLog: () => read((conn) => conn.getAll('chains')),
    lastLogEntry: (device) =>
      read(async (conn) => {
        const store = conn.transaction('chains').store;
        const own =
          device === undefined ? undefined : await store.openCursor(chainRange(device), 'prev');
        return (own ?? (await store.openCursor(chainRange(''), 'prev')))?.value;
      }),
    getChunk: (blobId, index) =>
      read((conn) => {
        assertChunkKey(blobId, index);
        return conn.get('chunks', [blobId, index]);
      }),
    countChunks: (blobId) => read((conn) => conn.count('chunks', chunkRange(blobId))),
    listBlobs: () => read((conn) => conn.getAllKeys('blobs')),

    async commit(batch: CommitBatch) {
      validateBatch(batch);
      const stores: StoreName[] = ['envelopes', 'chains', 'sides', 'blobs', 'chunks', 'meta'];
      await write(stores, async (tx) => {
        const commitBlobs = batch.commitBlobs ?? [];
        const chunkKeys = await Promise.all(
          commitBlobs.map((blobId) => tx.objectStore('chunks').getAllKeys(chunkRange(blobId))),
        );
        if (chunkKeys.some((keys) => !isContiguous(keys.map(([, index]) => index)))) {
          throw new StoreConflictError('chunks', messages.blobIncomplete);
        }

        const writes: { store: ConflictStore | 'meta'; done: Promise<unknown> }[] = [];
        const track = (store: ConflictStore | 'meta', done: Promise<unknown>): void => {
          done.catch(ignore); // settled below; keeps an aborted request from going unhandled
          writes.push({ store, done });
        };
        for (const env of batch.envelopes) {
          track('envelopes', tx.objectStore('envelopes').add(envelopeRow(env)));
        }
        for (const entry of batch.log) {
          track('log', tx.objectStore('chains').add(logRow(entry), logKeyOf(entry)));
        }
        for (const side of batch.sides ?? []) {
          track('sides', tx.objectStore('sides').add(sideRow(side), sideKeyOf(side)));
        }
        for (const blobId of commitBlobs) track('blobs', tx.objectStore('blobs').put({ blobId }));
        for (const blobId of batch.purgeBlobs ?? []) {
          track('chunks', tx.objectStore('chunks').delete(chunkRange(blobId)));
          track('blobs', tx.objectStore('blobs').delete(blobId));
        }
        for (const [key, value] of Object.entries(batch.meta ?? {})) {
          track('meta', tx.objectStore('meta').put(copyBytes(value), key));
        }

        // Requests run in order: the first failure is the cause, the later ones are AbortErrors.
        const results = await Promise.allSettled(writes.map((w) => w.done));
        const failed = results.findIndex((r) => r.status === 'rejected');
        const result = results[failed];
        if (result?.status === 'rejected') {
          const store = writes[failed]?.store;
          throw mapIdbError(result.reason, { store: store === 'meta' ? undefined : store });
        }
      });
    },

    putChunk: (blobId, index, bytes) => putChunks(blobId, [{ index, bytes }]),
    putChunks,

    async sweepUncommitted() {
      // Looked for in a read-only transaction first: nearly always nothing is left over, and a
      // readwrite one (strict, so flushed to disk) at every unlock cost 48–72 ms in Chromium.
      const found = await read(async (conn) => {
        const tx = conn.transaction(['chunks', 'blobs'], 'readonly');
        return uncommittedBlobIds(tx.objectStore('blobs'), tx.objectStore('chunks'));
      });
      if (found.length === 0) return [];
      return write(['chunks', 'blobs'], async (tx) => {
        // Found again in the transaction that deletes them, so nothing committed meanwhile goes.
        const swept = await uncommittedBlobIds(tx.objectStore('blobs'), tx.objectStore('chunks'));
        await Promise.all(
          swept.map((blobId) => tx.objectStore('chunks').delete(chunkRange(blobId))),
        );
        return swept;
      });
    },

    discardBlob: (blobId) =>
      write(['chunks', 'blobs'], async (tx) => {
        if ((await tx.objectStore('blobs').getKey(blobId)) !== undefined) {
          throw new StoreConflictError('blobs', messages.blobCommitted);
        }
        await tx.objectStore('chunks').delete(chunkRange(blobId));
      }),

    async close() {
      unusable ??= 'closed';
      raw.close();
    },
  };
}

/** Blobs with chunks stored but no commit mark, in key order (the memory store sorts the same way). */
async function uncommittedBlobIds(
  blobs: { getAllKeys(): Promise<string[]> },
  chunks: { getAllKeys(): Promise<[string, number][]> },
): Promise<string[]> {
  const [committed, chunkKeys] = await Promise.all([blobs.getAllKeys(), chunks.getAllKeys()]);
  const keep = new Set(committed);
  return [...new Set(chunkKeys.map(([blobId]) => blobId))].filter((blobId) => !keep.has(blobId));
}

function abortQuietly(tx: WriteTx): void {
  try {
    tx.abort();
  } catch {
    // Already aborted by the failed request, or finished.
  }
}

/** `idb`'s `openDB` always uses the global factory; this is the same with a chosen one. */
function openDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, SCHEMA_VERSION);
    } catch (error) {
      fail(new StoreUnavailableError('unsupported', { cause: error }));
      return;
    }
    request.onupgradeneeded = (event) => {
      const tx = request.transaction;
      if (tx === null) return;
      try {
        upgradeSchema(request.result, tx, event.oldVersion);
      } catch (error) {
        fail(error);
        tx.abort();
      }
    };
    // Only an old connection that ignores versionchange can block; ours close themselves.
    request.onblocked = () => fail(new StoreUnavailableError('blocked'));
    request.onsuccess = () => {
      if (settled) {
        request.result.close(); // opened after we gave up waiting: nobody holds it
        return;
      }
      settled = true;
      resolve(request.result);
    };
    request.onerror = (event) => {
      event.preventDefault();
      fail(mapIdbError(request.error));
    };
  });
}
