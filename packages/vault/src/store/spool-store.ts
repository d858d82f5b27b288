/**
 * Node-only `VaultStore` (`@casebook/vault/spool`) for commands that take a casebook in, change
 * it and write it out again: records, log and header in memory (small), the encrypted chunks
 * in a spool file on disk, so a 1 GiB piece of evidence never sits in memory. The spool holds
 * ciphertext only, is unlinked as soon as it is opened where the system allows, and goes when
 * the store is closed. It is temporary: nothing in it survives the process.
 *
 * With `backupAt` the spool is instead the body of a backup file being made: each chunk is
 * written once, as a backup CHUNK frame, from that offset on, in the order it arrives; the
 * file keeps its name (it becomes the new casebook) and `finishBackupInPlace` writes the
 * records into the room left before the chunks. It is removed on close unless it was placed.
 */
import { type FileHandle, open, rm } from 'node:fs/promises';
import { encodeChunkFrameHead, type FramedChunks } from '../backup/backup-format';
import type { VaultStore } from '../types';
import { createMemoryStore } from './memory-store';

interface Place {
  readonly at: number;
  readonly length: number;
}

const EMPTY = new Uint8Array(0);
/** Write buffers kept for reuse: one write in flight and the next being filled, and spare. */
const POOLED = 3;

/** A spool that is the body of a backup file being made (see `createSpoolStore`'s `backupAt`). */
export interface BackupSpool extends VaultStore {
  /** The chunk frames written so far, in file order, or undefined if they are no longer one run. */
  framedChunks(): FramedChunks | undefined;
  /** Writes bytes at a place in the file (the records and the END frame). */
  writeAt(bytes: Uint8Array, at: number): Promise<void>;
  /** Flushes the file to disk. */
  sync(): Promise<void>;
}

export interface SpoolOptions {
  /** Writes chunks as backup CHUNK frames from this offset, the file kept named. */
  readonly backupAt?: number;
}

/**
 * Creates an empty store whose chunks live in a new file at `spoolPath` (refused if a file
 * is already there). The memory store keeps the bookkeeping (which chunks exist, which blobs
 * are committed, conflicts), so both behave alike; only the bytes go to disk.
 */
export async function createSpoolStore(spoolPath: string): Promise<VaultStore>;
export async function createSpoolStore(
  spoolPath: string,
  options: SpoolOptions & { backupAt: number },
): Promise<BackupSpool>;
export async function createSpoolStore(
  spoolPath: string,
  options: SpoolOptions = {},
): Promise<VaultStore | BackupSpool> {
  const handle = await open(spoolPath, 'wx+', 0o600);
  const framed = options.backupAt !== undefined;
  // Unlinked at once where the system allows it (not Windows): a crash then leaves nothing.
  // A backup being made keeps its name: it is linked under the casebook's name when whole.
  const unlinked = framed
    ? false
    : await rm(spoolPath).then(
        () => true,
        () => false,
      );
  const inner = createMemoryStore();
  const places = new Map<string, Place>();
  let end = options.backupAt ?? 0;
  let closed = false;
  // The frames in file order: blobs whole and in index order, or `run` is undefined.
  let run: { blobId: string; count: number }[] | undefined = [];
  const seen = new Set<string>();
  const follow = (blobId: string, index: number) => {
    if (!run) return;
    const last = run.at(-1);
    if (last?.blobId === blobId && last.count === index) last.count += 1;
    else if (index === 0 && !seen.has(blobId)) {
      seen.add(blobId);
      run.push({ blobId, count: 1 });
    } else run = undefined;
  };

  const key = (blobId: string, index: number) => `${index} ${blobId}`;
  // Write buffers used again (an intake puts 4 MiB at a time): a fresh one each time costs a
  // gigabyte of allocation, page faults and garbage for a 1 GiB file.
  const pool: ArrayBuffer[] = [];
  const take = (length: number) => {
    const i = pool.findIndex((b) => b.byteLength >= length);
    const buffer = i === -1 ? new ArrayBuffer(length) : (pool.splice(i, 1)[0] as ArrayBuffer);
    return new Uint8Array(buffer, 0, length);
  };
  const give = (bytes: Uint8Array) => {
    if (!(bytes.buffer instanceof ArrayBuffer)) return;
    // The largest are kept, so small puts (a restore's, one chunk each) never crowd them out.
    pool.push(bytes.buffer);
    pool.sort((a, b) => b.byteLength - a.byteLength);
    pool.length = Math.min(pool.length, POOLED);
  };
  /**
   * Copies the bytes and claims their place before any await (the port's rule: callers may
   * reuse their buffers at once; concurrent writes never overlap), lets the memory store
   * check the keys and refuse a committed blob, and only then writes.
   */
  const put = async (blobId: string, list: readonly { index: number; bytes: Uint8Array }[]) => {
    const heads = list.map(({ index, bytes }) =>
      framed ? encodeChunkFrameHead(blobId, index, bytes.length) : EMPTY,
    );
    const length = list.reduce((n, { bytes }, i) => n + (heads[i]?.length ?? 0) + bytes.length, 0);
    const copy = take(length);
    const at = end;
    end += length;
    let offset = 0;
    const claimed = list.map(({ index, bytes }, i) => {
      const head = heads[i] ?? EMPTY;
      copy.set(head, offset);
      offset += head.length;
      copy.set(bytes, offset);
      const place = { at: at + offset, length: bytes.length };
      offset += bytes.length;
      return [key(blobId, index), place] as const;
    });
    try {
      await inner.putChunks(
        blobId,
        list.map(({ index }) => ({ index, bytes: EMPTY })),
      );
    } catch (error) {
      // Refused (a committed blob): its claimed place stays empty, so the frames are no run.
      run = undefined;
      throw error;
    }
    for (const { index } of list) follow(blobId, index);
    try {
      await writeAll(handle, copy, at);
    } finally {
      give(copy);
    }
    for (const [k, place] of claimed) places.set(k, place);
  };
  const forget = (blobId: string) => {
    // Its frames stay in the file: finishing in place must not count on them.
    if (seen.has(blobId)) run = undefined;
  };

  const store: BackupSpool = {
    ...inner,
    putChunk: (blobId, index, bytes) => put(blobId, [{ index, bytes }]),
    putChunks: (blobId, list) => put(blobId, list),
    async getChunk(blobId, index) {
      if ((await inner.getChunk(blobId, index)) === undefined) return undefined;
      const place = places.get(key(blobId, index));
      if (!place) throw new Error('A piece of a file is missing from the spool.');
      return readExactly(handle, place);
    },
    async discardBlob(blobId) {
      forget(blobId);
      await inner.discardBlob(blobId);
    },
    async sweepUncommitted() {
      const swept = await inner.sweepUncommitted();
      for (const blobId of swept) forget(blobId);
      return swept;
    },
    framedChunks() {
      if (!framed || !run) return undefined;
      return { start: options.backupAt ?? 0, end, blobs: run.map((b) => ({ ...b })) };
    },
    writeAt: (bytes, at) => writeAll(handle, bytes, at),
    sync: () => handle.sync(),
    async close() {
      if (closed) return;
      closed = true;
      await inner.close();
      await handle.close();
      // A finished backup was linked under its own name first: this removes only the spool's.
      if (!unlinked) await rm(spoolPath, { force: true });
    },
  };
  return store;
}

async function writeAll(handle: FileHandle, bytes: Uint8Array, at: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, at + done);
    done += bytesWritten;
  }
}

async function readExactly(handle: FileHandle, place: Place): Promise<Uint8Array> {
  const out = new Uint8Array(place.length);
  let done = 0;
  while (done < place.length) {
    const { bytesRead } = await handle.read(out, done, place.length - done, place.at + done);
    if (bytesRead === 0) throw new Error('The spool file ended early.');
    done += bytesRead;
  }
  return out;
}
