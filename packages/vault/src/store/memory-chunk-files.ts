/**
 * In-memory `ChunkFiles` for tests of the chunk-file store: files that outlive a store (as the
 * Origin Private File System does), with bytes that count as durable only once flushed, so a
 * test can drop what a crash would lose.
 */
import type { ChunkFiles, ChunkLocks } from './chunk-file-store';

export interface MemoryChunkFiles extends ChunkFiles {
  /** What a crash leaves: every file cut back to what was last flushed. */
  crash(): void;
  /** The raw file, for tests that look at what is stored. */
  peek(blobId: string): Uint8Array | undefined;
  /** Whether the blob's file is open for writing (a sync access handle held). */
  isOpen(blobId: string): boolean;
}

/**
 * `navigator.locks` for tests (shared and exclusive modes, `ifAvailable`): one instance stands
 * for the origin, shared by the stores that stand for its tabs.
 */
export function createMemoryLocks(): ChunkLocks {
  const held = new Map<string, { mode: 'shared' | 'exclusive'; count: number }>();
  const waiting: (() => boolean)[] = [];
  const grantable = (name: string, mode: 'shared' | 'exclusive') => {
    const now = held.get(name);
    return !now || (mode === 'shared' && now.mode === 'shared');
  };
  const take = (name: string, mode: 'shared' | 'exclusive') => {
    const now = held.get(name);
    held.set(name, { mode, count: (now?.count ?? 0) + 1 });
  };
  const give = (name: string) => {
    const now = held.get(name);
    if (now && now.count > 1) held.set(name, { ...now, count: now.count - 1 });
    else held.delete(name);
    for (let i = 0; i < waiting.length; ) {
      if (waiting[i]?.()) waiting.splice(i, 1);
      else break; // granted in order, as the browser does
    }
  };
  return {
    request(name, { mode, ifAvailable }, callback) {
      const run = async () => {
        try {
          return await callback({ name, mode });
        } finally {
          give(name);
        }
      };
      if (waiting.length === 0 && grantable(name, mode)) {
        take(name, mode);
        return run();
      }
      if (ifAvailable) return callback(null);
      return new Promise((resolve, reject) => {
        waiting.push(() => {
          if (!grantable(name, mode)) return false;
          take(name, mode);
          run().then(resolve, reject);
          return true;
        });
      });
    },
  };
}

export function createMemoryChunkFiles(): MemoryChunkFiles {
  const files = new Map<string, { bytes: Uint8Array; durable: number }>();
  // Like a sync access handle: opened by the first write, closed by a flush.
  const open = new Set<string>();
  const writeInto = (blobId: string, at: number, bytes: Uint8Array) => {
    const file = files.get(blobId) ?? { bytes: new Uint8Array(0), durable: 0 };
    const length = Math.max(file.bytes.length, at + bytes.length);
    const grown = new Uint8Array(length);
    grown.set(file.bytes);
    grown.set(bytes, at);
    files.set(blobId, { bytes: grown, durable: file.durable });
  };
  return {
    async write(blobId, at, bytes) {
      open.add(blobId);
      writeInto(blobId, at, bytes);
    },
    writeNow(blobId, at, bytes) {
      if (!open.has(blobId)) return false;
      writeInto(blobId, at, bytes);
      return true;
    },
    async flush(blobId) {
      open.delete(blobId);
      const file = files.get(blobId);
      if (file) file.durable = file.bytes.length;
    },
    async read(blobId, at, length) {
      const file = files.get(blobId);
      if (!file || at + length > file.bytes.length) return undefined;
      return file.bytes.slice(at, at + length);
    },
    async remove(blobId) {
      open.delete(blobId);
      files.delete(blobId);
    },
    async list() {
      return [...files.keys()];
    },
    async close() {},
    crash() {
      for (const [blobId, file] of files) {
        files.set(blobId, { bytes: file.bytes.slice(0, file.durable), durable: file.durable });
      }
    },
    peek: (blobId) => files.get(blobId)?.bytes,
    isOpen: (blobId) => open.has(blobId),
  };
}
