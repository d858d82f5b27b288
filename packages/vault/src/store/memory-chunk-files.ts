/**
 * In-memory `ChunkFiles` for tests of the chunk-file store: files that outlive a store (as the
 * Origin Private File System does), with bytes that count as durable only once flushed, so a
 * test can drop what a crash would lose.
 */
import type { ChunkFiles } from './chunk-file-store';

export interface MemoryChunkFiles extends ChunkFiles {
  /** What a crash leaves: every file cut back to what was last flushed. */
  crash(): void;
  /** The raw file, for tests that look at what is stored. */
  peek(blobId: string): Uint8Array | undefined;
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
  };
}
