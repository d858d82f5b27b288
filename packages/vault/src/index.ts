/** @casebook/vault: keys, envelopes, files, the audit log, backups; storage through a port. */

export { type BackupItem, readBackup } from './backup/backup-reader';
export {
  finishBackupInPlace,
  type InPlaceBackupStore,
  type InPlaceOutcome,
  recordsLength,
} from './backup/finish-backup-in-place';
export { BackupReadError } from './backup/frame-reader';
export { type RestoreRefusal, restoreBackup } from './backup/restore-backup';
export {
  type BackupCheckOptions,
  type BackupContents,
  type BackupRefusal,
  verifyBackup,
} from './backup/verify-backup';
export { type WriteBackupOptions, writeBackup } from './backup/write-backup';
export type { ByteSource } from './blob/byte-source';
export * as blob from './blob/index';
export {
  nobleSha256,
  type PipelinedSha256Hasher,
  type PipelinedSha256HasherFactory,
  type Sha256HasherFactory,
} from './blob/sha256-hasher';
export { VaultIntegrityError } from './errors';
export {
  type AddFileOptions,
  addFile,
  type FileInfo,
  type FileManifest,
  getManifest,
  hashStoredFile,
  purgeFile,
  readFile,
  readFileChunks,
  type StagedFile,
} from './files';
export {
  AUDIT_EXPORT_FORMAT,
  type AuditExport,
  type AuditExportCheck,
  type AuditExportOptions,
  exportAudit,
  verifyAuditExport,
} from './handover/audit-export';
export { type HandoverNote, noteHandover, sha256Hex } from './handover/handover-note';
export {
  identityPublicKey,
  isSha256Manifest,
  manifestSignatureValid,
  signManifest,
} from './handover/manifest-signature';
export { DEFAULT_KDF, KDF_CEILING, KDF_FLOOR, type KdfCost, type KdfParams } from './kdf';
export {
  type Checkpoint,
  fingerprintOf,
  type HistoryPoint,
  type ParsedFingerprint,
  parseFingerprint,
} from './log/checkpoint';
export {
  compareWithCopy,
  compareWithFingerprint,
  describeTime,
  type HistoryComparison,
  type HistoryCopy,
} from './log/history-compare';
export { type Chain, verifyChains } from './log/log-chain';
export { type LogEntry, LogEntrySchema, type LogOp } from './log/log-entry';
export {
  assessPassphrase,
  MIN_PASSPHRASE_SCORE,
  type PassphraseStrength,
  preloadPassphraseEstimator,
  WeakPassphraseError,
} from './passphrase-strength';
export { normaliseRecoveryCode } from './recovery-code';
export { fail, ok, type Result } from './result';
export type { RecordState } from './revision';
export { prepareSodium, wipeSodiumHeap } from './sodium';
export { type FirstInOrder, type SortOrder, sortInOrder } from './sort-hint';
export * from './store/errors';
export * as sync from './sync/index';
export {
  deviceRemovalProof,
  type SyncRequestSigner,
  syncIdentity,
  syncSigner,
} from './sync-keys';
export type {
  Base64,
  CommitBatch,
  Envelope,
  Hex,
  RecordKind,
  StoredLogEntry,
  VaultStore,
} from './types';
export type { FailedAttempts, UnlockNotices, WentBackwards } from './unlock-notices';
export { type ReadAhead, readAhead } from './unlock-read-ahead';
export {
  type AccountRefusal,
  type CheckpointInfo,
  type Clock,
  RESERVED_KINDS,
  type UnreadableRecord,
  Vault,
  type VaultOptions,
} from './vault';
export { HEADER_META_KEY, parseHeader, type VaultHeader } from './vault-header';
export type { UnlockRefusal } from './vault-keys';
export type { ReachedCheckpoint, VerifyProblem, VerifyReport } from './verify';
export { verifyVault } from './verify-vault';
