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

export function createChunkFileStore(inner: VaultStore, files: ChunkFiles): VaultStore {
  // Where the next chunk of a blob being written goes. Chunks are appended in call order.
  const ends = new Map<string, number>();
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
    // The inner store refuses a committed blob or a bad key before any byte is written through
    // a newly opened file.
    await inner.putChunks(
      blobId,
      placed.map(({ index, place }) => ({ index, bytes: encodePlace(place) })),
    );
    await inTurn(blobId, async () => {
      for (const { place, bytes } of placed) {
        if (bytes) await files.write(blobId, place.at, bytes);
      }
    });
  };

  // A file that cannot be removed now (another tab still writes it) belongs to no committed
  // blob, so a later sweep removes it: never fail the commit or the unlock for it.
  const removeFiles = async (blobIds: readonly string[]) => {
    for (const blobId of blobIds) {
      ends.delete(blobId);
      await inTurn(blobId, () => files.remove(blobId)).catch(() => undefined);
      queues.delete(blobId);
    }
  };

  return {
    ...inner,
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
      for (const blobId of batch.commitBlobs ?? []) {
        await inTurn(blobId, () => files.flush(blobId));
        ends.delete(blobId);
      }
      await inner.commit(batch);
      // Gone from the vault already; a crash before this leaves a file the next sweep removes.
      await removeFiles(batch.purgeBlobs ?? []);
    },

    async sweepUncommitted() {
      const swept = await inner.sweepUncommitted();
      const committed = new Set(await inner.listBlobs());
      // Also files with no chunk recorded at all (a crash between a write and its marker).
      const orphans = (await files.list()).filter(
        (blobId) => !committed.has(blobId) && !ends.has(blobId),
      );
      await removeFiles([...new Set([...swept, ...orphans])]);
      return swept;
    },

    async discardBlob(blobId) {
      await inner.discardBlob(blobId);
      await removeFiles([blobId]);
    },

    async close() {
      await inner.close();
      await files.close();
    },
  };
}
