/**
 * Node-only `VaultStore` (`@casebook/vault/spool`) for commands that take a casebook in, change
 * it and write it out again: records, log and header in memory (small), the encrypted chunks
 * in a spool file on disk, so a 1 GiB piece of evidence never sits in memory. The spool holds
 * ciphertext only, is unlinked as soon as it is opened where the system allows, and goes when
 * the store is closed. It is temporary: nothing in it survives the process.
 */
import { type FileHandle, open, rm } from 'node:fs/promises';
import type { VaultStore } from '../types';
import { createMemoryStore } from './memory-store';

interface Place {
  readonly at: number;
  readonly length: number;
}

const EMPTY = new Uint8Array(0);

/**
 * Creates an empty store whose chunks live in a new file at `spoolPath` (refused if a file
 * is already there). The memory store keeps the bookkeeping (which chunks exist, which blobs
 * are committed, conflicts), so both behave alike; only the bytes go to disk.
 */
export async function createSpoolStore(spoolPath: string): Promise<VaultStore> {
  const handle = await open(spoolPath, 'wx+', 0o600);
  // Unlinked at once where the system allows it (not Windows): a crash then leaves nothing.
  const unlinked = await rm(spoolPath).then(
    () => true,
    () => false,
  );
  const inner = createMemoryStore();
  const places = new Map<string, Place>();
  let end = 0;
  let closed = false;

  const key = (blobId: string, index: number) => `${index} ${blobId}`;
  /**
   * Copies the bytes and claims their place before any await (the port's rule: callers may
   * reuse their buffers at once; concurrent writes never overlap), lets the memory store
   * check the keys and refuse a committed blob, and only then writes.
   */
  const put = async (blobId: string, list: readonly { index: number; bytes: Uint8Array }[]) => {
    const length = list.reduce((n, { bytes }) => n + bytes.length, 0);
    const copy = new Uint8Array(length);
    const at = end;
    end += length;
    let offset = 0;
    const claimed = list.map(({ index, bytes }) => {
      copy.set(bytes, offset);
      const place = { at: at + offset, length: bytes.length };
      offset += bytes.length;
      return [key(blobId, index), place] as const;
    });
    await inner.putChunks(
      blobId,
      list.map(({ index }) => ({ index, bytes: EMPTY })),
    );
    await writeAll(handle, copy, at);
    for (const [k, place] of claimed) places.set(k, place);
  };

  return {
    ...inner,
    putChunk: (blobId, index, bytes) => put(blobId, [{ index, bytes }]),
    putChunks: (blobId, list) => put(blobId, list),
    async getChunk(blobId, index) {
      if ((await inner.getChunk(blobId, index)) === undefined) return undefined;
      const place = places.get(key(blobId, index));
      if (!place) throw new Error('A piece of a file is missing from the spool.');
      return readExactly(handle, place);
    },
    async close() {
      if (closed) return;
      closed = true;
      await inner.close();
      await handle.close();
      if (!unlinked) await rm(spoolPath, { force: true });
    },
  };
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
