/**
 * In-memory `VaultStore` (`@casebook/vault/memory`): the reference for the port's behaviour, for
 * tests and for the CLI. Bytes are copied in and out, so callers can never alias stored data.
 */
import {
  type CommitBatch,
  type Envelope,
  logChain,
  type SideRevision,
  type StoredLogEntry,
  type VaultStore,
} from '../types';
import {
  assertChunkKey,
  compareEnvelopes,
  compareLog,
  compareSides,
  compareStrings,
  copyBytes,
  envelopeKey,
  envelopeRow,
  isContiguous,
  logKey,
  logRow,
  messages,
  sideKey,
  sideRow,
  validateBatch,
} from './batch';
import { StorageFullError, StoreConflictError, StoreUnavailableError } from './errors';

export interface MemoryStoreOptions {
  /**
   * Test hook: the first `failCommitAfter` commits succeed, every later one fails with
   * `StorageFullError` and writes nothing (as a full disk would).
   */
  readonly failCommitAfter?: number;
}

/** Creates an empty in-memory store. */
export function createMemoryStore(options: MemoryStoreOptions = {}): VaultStore {
  const meta = new Map<string, Uint8Array>();
  const envelopes = new Map<string, Envelope>();
  /** Keyed `logKey`: (chain, seq). */
  const log = new Map<string, StoredLogEntry>();
  const sides = new Map<string, SideRevision>();
  const chunks = new Map<string, Map<number, Uint8Array>>();
  const blobs = new Set<string>();
  let commits = 0;
  let closed = false;

  // Every method is async so that a throw becomes a rejection, as with IndexedDB.
  const open = (): void => {
    if (closed) throw new StoreUnavailableError('closed');
  };
  const sortedChunkIndices = (blobId: string): number[] =>
    [...(chunks.get(blobId)?.keys() ?? [])].sort((a, b) => a - b);

  return {
    async getMeta(key) {
      open();
      const value = meta.get(key);
      return value === undefined ? undefined : copyBytes(value);
    },

    async listEnvelopes(kind) {
      open();
      return [...envelopes.values()]
        .filter((env) => kind === undefined || env.kind === kind)
        .sort(compareEnvelopes)
        .map(envelopeRow);
    },

    async countEnvelopes(kind) {
      open();
      let count = 0;
      for (const env of envelopes.values()) if (env.kind === kind) count++;
      return count;
    },

    async getRevisions(kind, id) {
      open();
      return [...envelopes.values()]
        .filter((env) => env.kind === kind && env.id === id)
        .sort(compareEnvelopes)
        .map(envelopeRow);
    },

    async listSides(kind) {
      open();
      return [...sides.values()]
        .filter((side) => kind === undefined || side.envelope.kind === kind)
        .sort(compareSides)
        .map(sideRow);
    },

    async readLog() {
      open();
      return [...log.values()].sort(compareLog).map(logRow);
    },

    async lastLogEntry(device) {
      open();
      const newest = (chain: string) => {
        let last: StoredLogEntry | undefined;
        for (const entry of log.values()) {
          if (logChain(entry) === chain && (!last || entry.seq > last.seq)) last = entry;
        }
        return last;
      };
      const entry = (device !== undefined ? newest(device) : undefined) ?? newest('');
      return entry === undefined ? undefined : logRow(entry);
    },

    async commit(batch: CommitBatch) {
      open();
      validateBatch(batch);
      // Check everything against the stored state first; write only when all of it passes.
      if (batch.envelopes.some((env) => envelopes.has(envelopeKey(env)))) {
        throw new StoreConflictError('envelopes', messages.envelopeExists);
      }
      if (batch.log.some((entry) => log.has(logKey(entry)))) {
        throw new StoreConflictError('log', messages.logSeqExists);
      }
      if ((batch.sides ?? []).some((side) => sides.has(sideKey(side)))) {
        throw new StoreConflictError('sides', messages.sideExists);
      }
      const commitBlobs = batch.commitBlobs ?? [];
      if (commitBlobs.some((blobId) => !isContiguous(sortedChunkIndices(blobId)))) {
        throw new StoreConflictError('chunks', messages.blobIncomplete);
      }
      if (options.failCommitAfter !== undefined && commits >= options.failCommitAfter) {
        throw new StorageFullError();
      }

      for (const env of batch.envelopes) envelopes.set(envelopeKey(env), envelopeRow(env));
      for (const entry of batch.log) log.set(logKey(entry), logRow(entry));
      for (const side of batch.sides ?? []) sides.set(sideKey(side), sideRow(side));
      for (const blobId of commitBlobs) blobs.add(blobId);
      for (const blobId of batch.purgeBlobs ?? []) {
        chunks.delete(blobId);
        blobs.delete(blobId);
      }
      for (const [key, value] of Object.entries(batch.meta ?? {})) meta.set(key, copyBytes(value));
      commits += 1;
    },

    async putChunk(blobId, index, bytes) {
      open();
      assertChunkKey(blobId, index);
      if (blobs.has(blobId)) throw new StoreConflictError('blobs', messages.blobCommitted);
      const stored = chunks.get(blobId) ?? new Map<number, Uint8Array>();
      stored.set(index, copyBytes(bytes));
      chunks.set(blobId, stored);
    },

    async putChunks(blobId, list) {
      open();
      for (const { index } of list) assertChunkKey(blobId, index);
      if (blobs.has(blobId)) throw new StoreConflictError('blobs', messages.blobCommitted);
      const stored = chunks.get(blobId) ?? new Map<number, Uint8Array>();
      for (const { index, bytes } of list) stored.set(index, copyBytes(bytes));
      chunks.set(blobId, stored);
    },

    async getChunk(blobId, index) {
      open();
      assertChunkKey(blobId, index);
      const value = chunks.get(blobId)?.get(index);
      return value === undefined ? undefined : copyBytes(value);
    },

    async countChunks(blobId) {
      open();
      return chunks.get(blobId)?.size ?? 0;
    },

    async listBlobs() {
      open();
      return [...blobs].sort(compareStrings);
    },

    async sweepUncommitted() {
      open();
      const swept = [...chunks.keys()].filter((blobId) => !blobs.has(blobId)).sort(compareStrings);
      for (const blobId of swept) chunks.delete(blobId);
      return swept;
    },

    async discardBlob(blobId) {
      open();
      if (blobs.has(blobId)) throw new StoreConflictError('blobs', messages.blobCommitted);
      chunks.delete(blobId);
    },

    async close() {
      closed = true;
    },
  };
}
