/**
 * The IndexedDB schema and its numbered migrations. Never edit a migration that has shipped:
 * append a new one, and the database version (the array's length) follows.
 */
import type { DBSchema } from 'idb';
import type { Envelope, StoredLogEntry } from '../types';

/** Marks a blob whose chunks are part of the vault (written in the commit of its manifest). */
export interface BlobRow {
  readonly blobId: string;
}

export interface CasebookDb extends DBSchema {
  /** Out-of-line string key -> Uint8Array (the vault header and other small values). */
  meta: { key: string; value: Uint8Array };
  /** keyPath ['kind', 'id', 'rev']: every revision is its own row, never overwritten. */
  envelopes: { key: [string, string, number]; value: Envelope };
  /** keyPath 'seq'. */
  log: { key: number; value: StoredLogEntry };
  /** Out-of-line key [blobId, index] -> Uint8Array (one encrypted STREAM chunk). */
  chunks: { key: [string, number]; value: Uint8Array };
  /** keyPath 'blobId'. */
  blobs: { key: string; value: BlobRow };
}

export type StoreName = 'meta' | 'envelopes' | 'log' | 'chunks' | 'blobs';

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
];

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
