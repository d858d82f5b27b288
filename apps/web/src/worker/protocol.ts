/**
 * The typed RPC between the UI and the vault worker. The whole vault (libsodium, Argon2id,
 * keys, IndexedDB) lives in the worker; decrypted records cross to the UI only while unlocked.
 */
import type { RecordKind, RecordView } from '../data/record-types';

/** An expected failure a person can act on. */
export type Outcome = { ok: true } | { ok: false; reason: string; message: string };

export interface VerifyReport {
  ok: boolean;
  /** `kind` and `id` name the record or file concerned, when there is one. */
  problems: { where: string; message: string; kind?: string; id?: string }[];
}

/** What the UI knows about a file when it hands it to the worker. */
export interface IntakeRequest {
  readonly source: 'upload' | 'camera' | 'microphone';
  /** Initials for the exhibit reference (`AB` → `AB/4`). */
  readonly initials: string;
  /** Incidents to link the new item to at once. */
  readonly incidents: readonly string[];
}

export type IntakeOutcome =
  | { ok: true; record: RecordView; notes: string[] }
  | { ok: false; reason: 'cancelled' | 'no-space' | 'initials' | 'failed'; message: string };

/** Every evidence item ever made, deleted ones too, for exhibit names and references. */
export interface ExhibitInfo {
  readonly id: string;
  readonly blobId: string;
  readonly ref: string | undefined;
  readonly originalName: string;
  readonly mediaType: string;
  readonly deleted: boolean;
  /** False once the original file has been removed for good. */
  readonly filePresent: boolean;
}

/** One audit-log entry as the UI shows it; `reason` for deletions and removals. */
export interface AuditEntryView {
  readonly seq: number;
  readonly time: string;
  readonly op: string;
  readonly kind: string;
  readonly id: string;
  readonly rev: number;
  readonly sha256: string;
  readonly reason?: string;
}

/** Sent by the worker while a long call runs, keyed by the call's request id. */
export interface ProgressInfo {
  readonly done: number;
  readonly total: number;
}

export interface VaultApi {
  /** Whether a casebook exists in this browser, and whether the worker holds its keys. */
  status(): Promise<{ exists: boolean; unlocked: boolean }>;
  create(passphrase: string): Promise<{ recoveryCode: string }>;
  unlock(passphrase: string): Promise<Outcome>;
  unlockWithRecoveryCode(code: string): Promise<Outcome>;
  changePassphrase(passphrase: string): Promise<void>;
  /** Drops the keys and zeroes libsodium's heap (its size in bytes, 0 if it was not found); the worker is ended next. */
  lock(): Promise<{ wipedBytes: number }>;
  list(kind: RecordKind): Promise<RecordView[]>;
  history(kind: RecordKind, id: string): Promise<RecordView[]>;
  put(kind: RecordKind, id: string, body: unknown): Promise<RecordView>;
  remove(kind: RecordKind, id: string, reason: string): Promise<RecordView>;
  verify(): Promise<VerifyReport>;
  /** The .casebook backup file, ciphertext only, built in parts (reports progress; cancellable). */
  exportBackup(): Promise<Blob>;
  /** Checks the file and passphrase in memory first, then restores into the empty casebook. */
  restoreBackup(file: Blob, passphrase: string): Promise<Outcome>;
  /** Streams a file in as evidence (reports progress; cancellable) and makes its record. */
  intakeFile(
    file: Blob,
    name: string,
    lastModified: number,
    request: IntakeRequest,
  ): Promise<IntakeOutcome>;
  /** A stored file, decrypted chunk by chunk into a Blob (reports progress; cancellable). */
  openFile(blobId: string, mediaType: string): Promise<Blob>;
  /**
   * Serves byte ranges of a stored file on `port` (for the service worker's range handler):
   * each message `{ start, end }` with a reply port gets `{ bytes }`, decrypting only the
   * chunks that range touches. The port closes on lock.
   */
  openStream(blobId: string, port: MessagePort): Promise<{ size: number }>;
  /** Aborts a running intakeFile, openFile or exportBackup by its request id. */
  cancel(requestId: number): Promise<void>;
  exhibits(): Promise<ExhibitInfo[]>;
  auditLog(): Promise<AuditEntryView[]>;
  /** Removes a file's original bytes for good (logged, with the reason). */
  purgeFile(blobId: string, reason: string): Promise<void>;
}

/** Methods that report progress and can be cancelled. */
export const LONG_METHODS = ['intakeFile', 'openFile', 'exportBackup'] as const;
export type LongMethod = (typeof LONG_METHODS)[number];

export type Method = keyof VaultApi;

export interface RpcRequest {
  readonly id: number;
  readonly method: Method;
  readonly args: readonly unknown[];
}

export type RpcResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };

export interface RpcProgress {
  readonly id: number;
  readonly progress: ProgressInfo;
}

export type WorkerMessage = RpcResponse | RpcProgress;
