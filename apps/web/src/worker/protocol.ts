/**
 * The typed RPC between the UI and the vault worker. The whole vault (libsodium, Argon2id,
 * keys, IndexedDB) lives in the worker; decrypted records cross to the UI only while unlocked.
 */
import type { RecordKind, RecordView } from '../data/record-types';

/** An expected failure a person can act on. */
export type Outcome = { ok: true } | { ok: false; reason: string; message: string };

export interface VerifyReport {
  ok: boolean;
  problems: { where: string; message: string }[];
}

export interface VaultApi {
  /** Whether a casebook exists in this browser, and whether the worker holds its keys. */
  status(): Promise<{ exists: boolean; unlocked: boolean }>;
  create(passphrase: string): Promise<{ recoveryCode: string }>;
  unlock(passphrase: string): Promise<Outcome>;
  unlockWithRecoveryCode(code: string): Promise<Outcome>;
  changePassphrase(passphrase: string): Promise<void>;
  lock(): Promise<void>;
  list(kind: RecordKind): Promise<RecordView[]>;
  history(kind: RecordKind, id: string): Promise<RecordView[]>;
  put(kind: RecordKind, id: string, body: unknown): Promise<RecordView>;
  remove(kind: RecordKind, id: string, reason: string): Promise<RecordView>;
  verify(): Promise<VerifyReport>;
  /** The .casebook backup file, ciphertext only. */
  exportBackup(): Promise<Blob>;
  /** Checks the file and passphrase in memory first, then restores into the empty casebook. */
  restoreBackup(file: Blob, passphrase: string): Promise<Outcome>;
}

export type Method = keyof VaultApi;

export interface RpcRequest {
  readonly id: number;
  readonly method: Method;
  readonly args: readonly unknown[];
}

export type RpcResponse =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: string };
