/// <reference lib="webworker" />
/**
 * Evidence bytes in the Origin Private File System: one file per blob, written through a sync
 * access handle (dedicated workers only), which takes a chunk's bytes as they are. IndexedDB
 * keeps the chunk bookkeeping and the one commit point (see @casebook/vault/chunk-files).
 * Holds ciphertext only. Where the browser has no sync access handles, `openOpfsChunkFiles`
 * says so and the vault keeps its chunks in IndexedDB, as before.
 */
import { StorageFullError } from '@casebook/vault';
import type { ChunkFiles } from '@casebook/vault/chunk-files';

/** The folder's name: neutral, like the database's ('notes'), as browsers can show it. */
const FOLDER = 'parts';
const BLOB_ID = /^[A-Za-z0-9_-]{22}$/;
/** Committed files read back through a File kept open for the next chunk (a viewer reads many). */
const READERS_KEPT = 4;

export async function openOpfsChunkFiles(): Promise<ChunkFiles | undefined> {
  // Told by the API's presence, not by opening a probe file: a probe another tab holds open
  // at that moment would send this tab to IndexedDB, where it could not read the files.
  if (typeof FileSystemFileHandle === 'undefined') return undefined;
  if (typeof FileSystemFileHandle.prototype.createSyncAccessHandle !== 'function') return undefined;
  try {
    const root = await navigator.storage.getDirectory();
    return opfsChunkFiles(await root.getDirectoryHandle(FOLDER, { create: true }));
  } catch {
    return undefined;
  }
}

function isNamed(error: unknown, name: string): boolean {
  return error instanceof DOMException && error.name === name;
}

function writeAll(handle: FileSystemSyncAccessHandle, at: number, bytes: Uint8Array): void {
  let done = 0;
  try {
    while (done < bytes.length) {
      const n = handle.write(bytes.subarray(done), { at: at + done });
      if (n <= 0) throw new StorageFullError();
      done += n;
    }
  } catch (error) {
    if (isNamed(error, 'QuotaExceededError')) throw new StorageFullError({ cause: error });
    throw error;
  }
}

function opfsChunkFiles(folder: FileSystemDirectoryHandle): ChunkFiles {
  const writers = new Map<string, FileSystemSyncAccessHandle>();
  const readers = new Map<string, File>();

  const writer = async (blobId: string) => {
    let handle = writers.get(blobId);
    if (!handle) {
      const file = await folder.getFileHandle(blobId, { create: true });
      handle = await file.createSyncAccessHandle();
      writers.set(blobId, handle);
      readers.delete(blobId);
    }
    return handle;
  };

  const reader = async (blobId: string) => {
    let file = readers.get(blobId);
    if (!file) {
      file = await (await folder.getFileHandle(blobId)).getFile();
      if (readers.size >= READERS_KEPT) readers.delete(readers.keys().next().value ?? '');
      readers.set(blobId, file);
    }
    return file;
  };

  return {
    async write(blobId, at, bytes) {
      writeAll(await writer(blobId), at, bytes);
    },

    writeNow(blobId, at, bytes) {
      const handle = writers.get(blobId);
      if (!handle) return false;
      writeAll(handle, at, bytes);
      return true;
    },

    async flush(blobId) {
      const handle = writers.get(blobId);
      if (!handle) return;
      handle.flush();
      handle.close();
      writers.delete(blobId);
    },

    async read(blobId, at, length) {
      const open = writers.get(blobId);
      if (open) {
        const out = new Uint8Array(length);
        return open.read(out, { at }) === length ? out : undefined;
      }
      const once = async () => {
        const file = await reader(blobId);
        if (at + length > file.size) return undefined;
        return new Uint8Array(await file.slice(at, at + length).arrayBuffer());
      };
      try {
        try {
          return await once();
        } catch {
          // A kept File refuses to read once its file has changed (NotReadableError): open
          // it again, so a changed byte is read as it now is and fails its check.
          readers.delete(blobId);
          return await once();
        }
      } catch (error) {
        if (isNamed(error, 'NotFoundError')) return undefined;
        throw error;
      }
    },

    async remove(blobId) {
      writers.get(blobId)?.close();
      writers.delete(blobId);
      readers.delete(blobId);
      try {
        await folder.removeEntry(blobId);
      } catch (error) {
        if (!isNamed(error, 'NotFoundError')) throw error;
      }
    },

    async list() {
      const names: string[] = [];
      for await (const name of (folder as unknown as { keys(): AsyncIterable<string> }).keys())
        if (BLOB_ID.test(name)) names.push(name);
      return names;
    },

    async close() {
      for (const handle of writers.values()) handle.close();
      writers.clear();
      readers.clear();
    },
  };
}
