/**
 * The IndexedDB schema and its numbered migrations. Never edit a migration that has shipped:
 * append a new one, and the database version (the array's length) follows.
 */
import type { DBSchema } from 'idb';
import { type Envelope, logChain, type SideRevision, type StoredLogEntry } from '../types';

/** Marks a blob whose chunks are part of the vault (written in the commit of its manifest). */
export interface BlobRow {
  readonly blobId: string;
}

export interface CasebookDb extends DBSchema {
  /** Out-of-line string key -> Uint8Array (the vault header and other small values). */
  meta: { key: string; value: Uint8Array };
  /** keyPath ['kind', 'id', 'rev']: every revision is its own row, never overwritten. */
  envelopes: { key: [string, string, number]; value: Envelope };
  /** Schema 1 only (copied into `chains` by migration 1 -> 2, then removed): keyPath 'seq'. */
  log: { key: number; value: StoredLogEntry };
  /** Schema 2: out-of-line key [chain, seq], chain = `logChain(entry)` ('' for v1 entries). */
  chains: { key: [string, number]; value: StoredLogEntry };
  /** Schema 2: out-of-line key [kind, id, rev, device]: another device's side of a conflict. */
  sides: { key: [string, string, number, string]; value: SideRevision };
  /** Out-of-line key [blobId, index] -> Uint8Array (one encrypted STREAM chunk). */
  chunks: { key: [string, number]; value: Uint8Array };
  /** keyPath 'blobId'. */
  blobs: { key: string; value: BlobRow };
}

export type StoreName = 'meta' | 'envelopes' | 'chains' | 'sides' | 'chunks' | 'blobs';

type Migration = (db: IDBDatabase, tx: IDBTransaction) => void;

/** `migrations[n]` upgrades a database at version n to version n + 1. */
const migrations: readonly Migration[] = [
  // 0 -> 1: the first schema.
  (db) => {
    db.createObjectStore('meta');
    db.createObjectStore('envelopes', { keyPath: ['kind', 'id', 'rev'] });
    db.createObjectStore('log', { keyPath: 'seq' });
    db.createObjectStore('chunks');
    db.createObjectStore('blobs', { keyPath: 'blobId' });
  },
  // 1 -> 2: other devices' history. The log is keyed [chain, seq] (two devices' entry 5 are
  // two entries); every schema-1 entry is copied across unchanged, then the old store goes.
  // The copy finishes in a request callback, still inside the upgrade transaction, so the
  // upgrade commits all of it or none. A later migration must not assume `log` is gone yet.
  (db, tx) => {
    const chains = db.createObjectStore('chains');
    db.createObjectStore('sides');
    const old = tx.objectStore('log').getAll();
    old.onsuccess = () => {
      for (const entry of old.result as StoredLogEntry[]) {
        chains.add(entry, logKeyOf(entry));
      }
      db.deleteObjectStore('log');
    };
  },
];

/** The out-of-line key of a log entry in `chains`. */
export function logKeyOf(entry: StoredLogEntry): [string, number] {
  return [logChain(entry), entry.seq];
}

/** The out-of-line key of a side revision in `sides`. */
export function sideKeyOf(side: SideRevision): [string, string, number, string] {
  const { kind, id, rev } = side.envelope;
  return [kind, id, rev, side.device];
}

/** Every entry of one chain. */
export function chainRange(chain: string): IDBKeyRange {
  return IDBKeyRange.bound([chain, Number.NEGATIVE_INFINITY], [chain, Number.POSITIVE_INFINITY]);
}

/** The database version this code writes. */
export const SCHEMA_VERSION = migrations.length;

/** Runs every migration from `oldVersion` up, inside the versionchange transaction. */
export function upgradeSchema(db: IDBDatabase, tx: IDBTransaction, oldVersion: number): void {
  for (let version = oldVersion; version < SCHEMA_VERSION; version += 1) {
    const migrate = migrations[version];
    if (migrate === undefined) throw new Error(`no migration from schema version ${version}`);
    migrate(db, tx);
  }
}

/** Every key of one blob's chunks: [blobId, 0] .. [blobId, Infinity]. */
export function chunkRange(blobId: string): IDBKeyRange {
  return IDBKeyRange.bound([blobId, 0], [blobId, Number.POSITIVE_INFINITY]);
}

/** Every revision of one record. */
/** Every envelope of one kind: an array sorts after any string id, so [kind, []] bounds it. */
export function kindRange(kind: string): IDBKeyRange {
  return IDBKeyRange.bound([kind], [kind, []]);
}

export function revisionRange(kind: string, id: string): IDBKeyRange {
  return IDBKeyRange.bound(
    [kind, id, Number.NEGATIVE_INFINITY],
    [kind, id, Number.POSITIVE_INFINITY],
  );
}
