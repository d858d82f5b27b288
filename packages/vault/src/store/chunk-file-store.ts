/**
 * A `VaultStore` whose evidence bytes live in one file per blob (the browser's Origin Private
 * File System), with everything else, and every chunk's bookkeeping, in an inner store
 * (IndexedDB). The inner store keeps a small place marker per chunk, so it still decides what
 * exists, what is committed, what is swept and what conflicts, and its commit stays the one
 * commit point: a blob's file is flushed before the commit that makes the blob part of the
 * vault, and a file whose blob is not committed is removed at the next sweep.
 *
 * Why: Chromium's IndexedDB spends most of an intake serialising 1 MiB values (measured in
 * bench/README.md); a file written through a sync access handle takes the bytes as they are.
 *
 * Place marker, format 1 (13 bytes): [1, offset as u64 big-endian, length as u32 big-endian].
 * A chunk of the original format is ciphertext of at least 16 bytes (its AES-GCM tag), so a
 * vault written before this store, or by the fallback, opens unchanged: a value that is not a
 * marker is the chunk itself.
 */
import type { VaultStore } from '../types';
import { StoreUnavailableError } from './errors';

/** The file side: one append-only file per blob, written by one writer at a time. */
export interface ChunkFiles {
  /** Writes bytes at an offset of the blob's file (made if absent); may keep it open. */
  write(blobId: string, at: number, bytes: Uint8Array): Promise<void>;
  /**
   * Writes at once, before returning, when the blob's file is already open for writing, and
   * says whether it did; otherwise writes nothing. Saves a copy of every chunk but the first.
   */
  writeNow(blobId: string, at: number, bytes: Uint8Array): boolean;
  /** Makes every byte written to the blob's file durable, then closes its writer. */
  flush(blobId: string): Promise<void>;
  /** Exactly `length` bytes at `at`, or undefined if the file or the bytes are not there. */
  read(blobId: string, at: number, length: number): Promise<Uint8Array | undefined>;
  /** Removes the blob's file; no error if there is none. */
  remove(blobId: string): Promise<void>;
  /** The blob ids that have a file. */
  list(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Locks shared by every tab of the origin (the browser's `navigator.locks`). A blob holds the
 * lock shared from its first write to its commit; a sweep of files takes it exclusive, if it is
 * free at once, so it never removes a file another tab has written and is about to commit.
 */
export interface ChunkLocks {
  request(
    name: string,
    options: { mode: 'shared' | 'exclusive'; ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<unknown>,
  ): Promise<unknown>;
}

export interface ChunkFileStoreOptions {
  /** Without locks (one tab, Node tests) a sweep relies on its re-check alone. */
  readonly locks?: ChunkLocks;
}

/** The Web Lock's name: neutral, like the folder's. */
export const CHUNK_FILES_LOCK = 'parts';

export const PLACE_MARKER_VERSION = 1;
const MARKER_LENGTH = 13;

export interface Place {
  readonly at: number;
  readonly length: number;
}

export function encodePlace({ at, length }: Place): Uint8Array {
  const out = new Uint8Array(MARKER_LENGTH);
  const view = new DataView(out.buffer);
  out[0] = PLACE_MARKER_VERSION;
  view.setBigUint64(1, BigInt(at));
  view.setUint32(9, length);
  return out;
}

/** The place a marker names, or undefined when the value is a chunk of the original format. */
export function decodePlace(value: Uint8Array): Place | undefined {
  if (value.length !== MARKER_LENGTH || value[0] !== PLACE_MARKER_VERSION) return undefined;
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  return { at: Number(view.getBigUint64(1)), length: view.getUint32(9) };
}

export function createChunkFileStore(
  inner: VaultStore,
  files: ChunkFiles,
  { locks }: ChunkFileStoreOptions = {},
): ChunkFileStore {
  // Where the next chunk of a blob being written goes. Chunks are appended in call order.
  const ends = new Map<string, number>();
  // The shared lock each blob being written holds until its commit (released by calling).
  const holds = new Map<string, Promise<() => void>>();
  const hold = (blobId: string): Promise<unknown> | undefined => {
    if (!locks || holds.has(blobId)) return holds.get(blobId);
    const held = new Promise<() => void>((granted) => {
      void locks.request(
        CHUNK_FILES_LOCK,
        { mode: 'shared' },
        () => new Promise<void>((release) => granted(() => release())),
      );
    });
    holds.set(blobId, held);
    return held;
  };
  const letGo = async (blobId: string) => {
    const held = holds.get(blobId);
    holds.delete(blobId);
    (await held)?.();
  };
  // One write to a blob's file at a time, in call order (a sync access handle has one writer).
  const queues = new Map<string, Promise<unknown>>();
  const inTurn = <T>(blobId: string, task: () => Promise<T>): Promise<T> => {
    const run = (queues.get(blobId) ?? Promise.resolve()).then(task, task);
    queues.set(
      blobId,
      run.catch(() => undefined),
    );
    return run;
  };

  let writing: string | undefined;
  let filesUsed = false;
  const put = async (blobId: string, list: readonly { index: number; bytes: Uint8Array }[]) => {
    // Places are claimed, and the bytes written or copied, before any await: callers may
    // reuse their buffers at once, and two writes never overlap (so their order does not
    // matter). A file open for writing belongs to a blob this store is writing, never to a
    // committed one (commit closes it).
    let end = ends.get(blobId) ?? 0;
    const placed = list.map(({ index, bytes }) => {
      const place = { at: end, length: bytes.length };
      end += bytes.length;
      const written = files.writeNow(blobId, place.at, bytes);
      return { index, place, bytes: written ? undefined : bytes.slice() };
    });
    ends.set(blobId, end);
    // One sync access handle open at a time: a restore writes file after file, and each
    // handle left open to the commit would hold the file (and its memory) until then.
    if (writing !== undefined && writing !== blobId && ends.has(writing)) {
      const previous = writing;
      void inTurn(previous, () => files.flush(previous));
    }
    writing = blobId;
    // Held before the blob's first byte reaches its file, so no other tab's sweep removes it.
    const fresh = locks !== undefined && !holds.has(blobId);
    await hold(blobId);
    // The inner store refuses a committed blob or a bad key before any byte is written through
    // a newly opened file.
    try {
      await inner.putChunks(
        blobId,
        placed.map(({ index, place }) => ({ index, bytes: encodePlace(place) })),
      );
    } catch (error) {
      if (fresh) await letGo(blobId);
      throw error;
    }
    await inTurn(blobId, async () => {
      for (const { place, bytes } of placed) {
        if (bytes) await files.write(blobId, place.at, bytes);
      }
    });
  };

  // A file that cannot be removed now (another tab still writes it) belongs to no committed
  // blob, so a later sweep removes it: never fail the commit or the unlock for it.
  // A failed removal is tried once more (a crash after a purge's commit leaves the file to the
  // sweep at the next open).
  const removeFile = async (blobId: string) => {
    ends.delete(blobId);
    if (writing === blobId) writing = undefined;
    const remove = () => inTurn(blobId, () => files.remove(blobId));
    await remove()
      .catch(remove)
      .catch(() => undefined);
    queues.delete(blobId);
    await letGo(blobId);
  };
  const removeFiles = async (blobIds: readonly string[]) => {
    for (const blobId of blobIds) await removeFile(blobId);
  };

  // Files whose blob is not committed and not being written by this store. Under the exclusive
  // lock no other tab is between a blob's first write and its commit; if the lock is not free
  // at once, the files wait for a later sweep. Each blob is looked up again just before its
  // file goes, in case it was committed since the listing.
  const sweepFiles = async () => {
    const sweep = async () => {
      const committed = new Set(await inner.listBlobs());
      const orphans = (await files.list()).filter(
        (blobId) => !committed.has(blobId) && !ends.has(blobId),
      );
      for (const blobId of orphans) {
        if (ends.has(blobId) || (await inner.listBlobs()).includes(blobId)) continue;
        await removeFile(blobId);
      }
    };
    if (!locks) return sweep();
    await locks.request(CHUNK_FILES_LOCK, { mode: 'exclusive', ifAvailable: true }, (lock) =>
      lock ? sweep() : Promise.resolve(),
    );
  };

  return {
    ...inner,
    sweepFiles,
    putChunk: (blobId, index, bytes) => put(blobId, [{ index, bytes }]),
    putChunks: (blobId, list) => put(blobId, list),

    async getChunk(blobId, index) {
      const value = await inner.getChunk(blobId, index);
      if (value === undefined) return undefined;
      const place = decodePlace(value);
      if (!place) return value;
      return files.read(blobId, place.at, place.length);
    },

    async commit(batch) {
      // Durable before the mark that makes them part of the vault; a crash in between leaves
      // an uncommitted blob, which the next sweep removes.
      const commitBlobs = batch.commitBlobs ?? [];
      for (const blobId of commitBlobs) await inTurn(blobId, () => files.flush(blobId));
      // The first commit that relies on files says so, so a later open that cannot reach the
      // files refuses to fall back to IndexedDB alone (see openWithoutChunkFiles).
      if (commitBlobs.length > 0 && !filesUsed) {
        filesUsed = (await inner.getMeta(FILES_USED_META_KEY)) !== undefined;
      }
      const marked = commitBlobs.length > 0 && !filesUsed;
      await inner.commit(
        marked ? { ...batch, meta: { ...batch.meta, [FILES_USED_META_KEY]: FILES_USED } } : batch,
      );
      if (commitBlobs.length > 0) filesUsed = true;
      // Only now: a commit that failed leaves the blob to be written on, after its last chunk.
      for (const blobId of commitBlobs) {
        ends.delete(blobId);
        if (writing === blobId) writing = undefined;
        await letGo(blobId);
      }
      // Gone from the vault already; a crash before this leaves a file the next sweep removes.
      await removeFiles(batch.purgeBlobs ?? []);
    },

    async sweepUncommitted() {
      const swept = await inner.sweepUncommitted();
      // Swept blobs' files, and files with no chunk recorded at all (a crash between a write
      // and its marker), go in one sweep of files.
      await sweepFiles();
      return swept;
    },

    async discardBlob(blobId) {
      await inner.discardBlob(blobId);
      await removeFiles([blobId]);
    },

    async close() {
      await inner.close();
      await files.close();
      for (const blobId of [...holds.keys()]) await letGo(blobId);
    },
  };
}

export interface ChunkFileStore extends VaultStore {
  /** Removes files whose blob is not committed (no key needed). */
  sweepFiles(): Promise<void>;
}

/**
 * The chunk-file store, with the files of blobs that are not committed removed at once (a
 * purged blob's ciphertext must not wait for the next unlock).
 */
export async function openChunkFileStore(
  inner: VaultStore,
  files: ChunkFiles,
  options: ChunkFileStoreOptions = {},
): Promise<ChunkFileStore> {
  const store = createChunkFileStore(inner, files, options);
  await store.sweepFiles();
  return store;
}

/** Set, in the commit that first relies on chunk files, so their absence is never silent. */
export const FILES_USED_META_KEY = 'parts';
const FILES_USED = Uint8Array.of(1);

/**
 * The inner store alone, where the chunk files cannot be opened: refused (`files-unavailable`)
 * if this casebook ever kept files there, and otherwise guarded, so a place marker is never
 * handed out as a chunk (it would read as an altered file, and be copied into backups).
 */
export async function openWithoutChunkFiles(inner: VaultStore): Promise<VaultStore> {
  if (await inner.getMeta(FILES_USED_META_KEY)) {
    await inner.close();
    throw new StoreUnavailableError('files-unavailable');
  }
  return refusePlaceMarkers(inner);
}

/** The inner store, failing with `files-unavailable` where it meets a place marker. */
export function refusePlaceMarkers(inner: VaultStore): VaultStore {
  return {
    ...inner,
    async getChunk(blobId, index) {
      const value = await inner.getChunk(blobId, index);
      if (value !== undefined && decodePlace(value)) {
        throw new StoreUnavailableError('files-unavailable');
      }
      return value;
    },
  };
}
