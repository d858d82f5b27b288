import type { LogEntryV2, LogOp } from './log/log-entry';
import type { RecordState } from './revision';
import type { CommitBatch, Hex, RecordKind, VaultStore } from './types';
import type { VaultHeader } from './vault-header';
import type { VaultKeys } from './vault-keys';

/**
 * What the vault's own helpers (files, verification) need of an open vault: its store, header
 * and keys, and a way to append to the log. `Vault` provides it; the helpers depend on this
 * module, never on `vault.ts`, so nothing in the package imports in a circle.
 */
export interface VaultInternals {
  readonly store: VaultStore;
  readonly header: VaultHeader;
  readonly keys: VaultKeys;
  /** Writes a batch with its audit-log entry in one atomic commit, in the vault's write queue. */
  append(
    op: LogOp,
    kind: RecordKind,
    id: string,
    rev: number,
    hash: Hex,
    batch: Omit<CommitBatch, 'log'>,
    detail?: LogEntryV2['detail'],
  ): Promise<void>;
  /** Runs a task in the vault's write queue (after the writes under way, before later ones). */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  now(): string;
  /** The latest revision of a record, through the vault's cache. */
  get(kind: RecordKind, id: string): Promise<RecordState | undefined>;
  /** Drops a cached record so the next read goes to the store. */
  forget(kind: RecordKind, id: string): void;
}

/** Anything that can hand out its internals: an unlocked `Vault`. */
export interface HasInternals {
  readonly internals: VaultInternals;
}
