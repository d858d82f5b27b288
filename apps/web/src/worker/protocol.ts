/**
 * The typed RPC between the UI and the vault worker. The whole vault (libsodium, Argon2id,
 * keys, IndexedDB) lives in the worker; decrypted records cross to the UI only while unlocked.
 */
import type { RecordKind, RecordView } from '../data/record-types';
import type { DraftView } from '../drafts/draft-body';
import type {
  ImportChoices,
  ImportedCallView,
  ImportedCounts,
  ImportedMessageView,
  ImportedQuery,
  ImportFound,
  ImportOutcome,
  ImportProposal,
  ImportReadOptions,
} from './import-types';
import type { IncidentPage } from './incident-pages';
import type { PatternView } from './pattern-ops';
import type { BundleResult, MadeFile, ReportChoices, ReportPreview } from './report-types';

/** An expected failure a person can act on. */
export type Outcome = { ok: true } | { ok: false; reason: string; message: string };

/** Where the signed history ends, and the fingerprint a later copy can be checked against. */
export interface CheckpointView {
  readonly seq: number;
  readonly time: string;
  readonly fingerprint: string;
}

export interface VerifyReport {
  ok: boolean;
  /** `kind` and `id` name the record or file concerned, when there is one. */
  problems: { where: string; message: string; kind?: string; id?: string }[];
  /** The signed checkpoint the check reached (none for a casebook from an earlier version). */
  checkpoint?: CheckpointView;
  /** Plain notes that are not problems. */
  notes?: string[];
}

/** What unlock found since the casebook was last opened here (see the vault's UnlockNotices). */
export interface UnlockNoticesView {
  readonly failedAttempts?: {
    readonly count: number;
    readonly first: string;
    readonly last: string;
    readonly recoveryCodes: number;
  };
  readonly wentBackwards?: {
    readonly now: number;
    readonly before: number;
    readonly message: string;
  };
  readonly upgraded?: boolean;
}

export type UnlockOutcome =
  | { ok: true; notices: UnlockNoticesView }
  | { ok: false; reason: string; message: string };

/** Proof for an account change: the current passphrase, or the recovery code. */
export type AccountProof = { passphrase: string } | { recoveryCode: string };

export type RecoveryCodeOutcome =
  | { ok: true; code: string }
  | { ok: false; reason: string; message: string };

/** A restore refused because the backup has problems names them (a short list). */
export type RestoreOutcome =
  | { ok: true }
  | { ok: false; reason: string; message: string; problems?: string[] };

/** A record whose latest revision could not be decrypted: left out of its list. */
export interface UnreadableView {
  readonly kind: string;
  readonly id: string;
  readonly rev: number;
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

/** Why there is no thumbnail, or the small picture itself (`worker/thumbnail-ops.ts`). */
export type ThumbnailOutcome =
  | { ok: true; blob: Blob; width: number; height: number }
  | { ok: false; reason: 'not-an-image' | 'too-large' | 'unreadable' };

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
  /** Small facts for account events, e.g. `count` for unlock-failures. */
  readonly detail?: Readonly<Record<string, string | number>>;
}

/** Sent by the worker while a long call runs, keyed by the call's request id. */
export interface ProgressInfo {
  readonly done: number;
  readonly total: number;
}

/** Settings → Sync: whether it is on, and how the last round went (no secrets). */
export interface SyncStatusView {
  readonly on: boolean;
  readonly running: boolean;
  readonly server?: string;
  readonly last?: {
    readonly at: string;
    readonly ok: boolean;
    readonly message?: string | undefined;
  };
  /** The server's countersigned time of this device's head. */
  readonly confirmed?: { readonly seq: number; readonly serverTime: string };
  /** The server's checkpoint of this device's chain is ahead of this copy. */
  readonly serverAhead?: boolean;
}

export type SyncOutcome =
  | {
      ok: true;
      at: string;
      sent: number;
      received: number;
      notices: string[];
    }
  | { ok: false; reason: string; message: string };

export type LinkCodeOutcome =
  | { ok: true; code: string; expiresAt: string }
  | { ok: false; reason: string; message: string };

export interface DeviceView {
  readonly device: string;
  readonly linkedAt: string;
  readonly removedAt: string | null;
  readonly thisDevice: boolean;
}

/** A record edited on two devices (or deleted on one, edited on another). */
export interface ConflictView {
  readonly kind: string;
  readonly id: string;
  readonly rev: number;
  readonly label: string;
  readonly deleteVsEdit: boolean;
  readonly sides: readonly {
    readonly device: string;
    readonly thisDevice: boolean;
    readonly at: string;
    readonly deleted: boolean;
    readonly reason?: string;
    readonly body?: unknown;
  }[];
}

export interface VaultApi {
  /** Whether a casebook exists in this browser, and whether the worker holds its keys. */
  status(): Promise<{ exists: boolean; unlocked: boolean }>;
  create(passphrase: string): Promise<{ recoveryCode: string }>;
  /** `lastSeen` is the token this page kept from the last session (see `SeenMessage`). */
  unlock(passphrase: string, lastSeen?: string): Promise<UnlockOutcome>;
  unlockWithRecoveryCode(code: string, lastSeen?: string): Promise<UnlockOutcome>;
  /** Without proof only right after a recovery-code unlock; refusals carry a plain message. */
  changePassphrase(passphrase: string, proof?: AccountProof): Promise<Outcome>;
  /** A new recovery code (shown once); the old one stops working. */
  newRecoveryCode(passphrase: string): Promise<RecoveryCodeOutcome>;
  /**
   * Drops the keys and zeroes libsodium's heap (its size in bytes, 0 if it was not found); the
   * worker is ended next. `seen` is the freshest token, taken just before the keys went.
   */
  lock(): Promise<{ wipedBytes: number; seen?: string }>;
  list(kind: RecordKind): Promise<RecordView[]>;
  /**
   * The incidents newest first, `count` from `offset` (page 0 takes a fresh snapshot; later
   * pages read it), so the timeline's first screen is drawn before the older ones arrive.
   */
  incidentPage(offset: number, count: number): Promise<IncidentPage>;
  /** Pattern's analysis of every live incident, worked out here rather than on the UI thread. */
  pattern(now: string, zone: string): Promise<PatternView>;
  history(kind: RecordKind, id: string): Promise<RecordView[]>;
  put(kind: RecordKind, id: string, body: unknown): Promise<RecordView>;
  remove(kind: RecordKind, id: string, reason: string): Promise<RecordView>;
  verify(): Promise<VerifyReport>;
  /** Where the signed history ends now, with its fingerprint. */
  checkpoint(): Promise<CheckpointView | undefined>;
  /** Records found damaged by the lists read so far. */
  unreadable(): Promise<UnreadableView[]>;
  /** The .casebook backup file, ciphertext only, built in parts (reports progress; cancellable). */
  exportBackup(): Promise<Blob>;
  /** Verifies the whole backup as it streams in; one with problems is refused, nothing written. */
  restoreBackup(file: Blob, passphrase: string): Promise<RestoreOutcome>;
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
  /** Kept drafts (unsaved forms), newest revision of each live one. */
  listDrafts(): Promise<DraftView[]>;
  /** Keeps a form's state encrypted as the draft in `slot` (checked against the draft schema). */
  putDraft(slot: string, body: unknown): Promise<DraftView>;
  /** Removes the draft in `slot` once its form was saved or discarded (nothing if none). */
  removeDraft(slot: string): Promise<void>;
  /** What a report with these choices would hold: counts, first incidents, redactions. */
  reportPreview(choices: ReportChoices): Promise<ReportPreview>;
  /** The PDF, a CSV or the JSON as a Blob; noted in the signed log. */
  makeReportFile(what: MadeFile, choices: ReportChoices): Promise<Blob>;
  /**
   * The evidence bundle, streamed to `port` for the service worker's download (or, with no
   * port, returned as a Blob); reports progress, cancellable; noted in the signed log.
   */
  makeBundle(choices: ReportChoices, port?: MessagePort): Promise<BundleResult>;
  /** Aborts a running intakeFile, openFile or exportBackup by its request id. */
  cancel(requestId: number): Promise<void>;
  exhibits(): Promise<ExhibitInfo[]>;
  auditLog(): Promise<AuditEntryView[]>;
  /** Removes a file's original bytes for good (logged, with the reason). */
  purgeFile(blobId: string, reason: string): Promise<void>;
  /** A small JPEG of an image exhibit for the Evidence list, made in the worker (issue 13). */
  thumbnail(blobId: string, mediaType: string): Promise<ThumbnailOutcome>;
  /** Reads an exported chat, text backup, call log or email and says what it holds (issue 11). */
  readImportFile(
    file: Blob,
    name: string,
    lastModified: number,
    options: ImportReadOptions,
  ): Promise<ImportFound>;
  /** Lets go of files read for an import (all of them when none are named). */
  forgetImportFiles(fileIds?: readonly string[]): Promise<void>;
  /** Incidents suggested from the new messages of the person responsible (or given groups). */
  proposeImport(
    fileIds: readonly string[],
    choices: { from: readonly string[]; zone: string; groups?: readonly (readonly string[])[] },
  ): Promise<ImportProposal>;
  /** Keeps the files as exhibits and every new message, call and confirmed incident, in one commit. */
  importMessages(fileIds: readonly string[], choices: ImportChoices): Promise<ImportOutcome>;
  importedMessages(query: ImportedQuery): Promise<ImportedMessageView[]>;
  importedCalls(): Promise<ImportedCallView[]>;
  importedCounts(): Promise<ImportedCounts>;
  syncStatus(): Promise<SyncStatusView>;
  /** Enrols this casebook on the server (`invite` when the server needs one), then syncs. */
  turnOnSync(server: string, invite?: string): Promise<SyncOutcome>;
  syncNow(): Promise<SyncOutcome>;
  /** A linking code for another device (the link package goes up beside it). */
  linkCode(): Promise<LinkCodeOutcome>;
  syncDevices(): Promise<
    { ok: true; devices: DeviceView[] } | { ok: false; reason: string; message: string }
  >;
  /** Removes another device (needs the passphrase: the identity's proof). */
  removeDevice(device: string, passphrase: string): Promise<Outcome>;
  /** Stops syncing here at once, and tells the server. */
  unlinkThisDevice(): Promise<Outcome>;
  /** First run: this browser becomes a new device of a casebook on another device. */
  openFromOtherDevice(server: string, code: string, passphrase: string): Promise<Outcome>;
  conflicts(): Promise<ConflictView[]>;
  resolveConflict(kind: string, id: string, rev: number, device: string): Promise<Outcome>;
}

/** Methods that report progress and can be cancelled. */
export const LONG_METHODS = [
  'intakeFile',
  'openFile',
  'exportBackup',
  'makeBundle',
  'readImportFile',
  'importMessages',
] as const;
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

/**
 * Posted by the worker after every write (and unlock): an opaque token, encrypted under the
 * case key, saying where this device saw the history end. The page keeps it and passes it back
 * at the next unlock, so an older copy of the database put back in place is noticed.
 */
export interface SeenMessage {
  readonly seen: string;
}

/** Posted by the worker after a sync took something in: the screens read their lists again. */
export interface SyncedMessage {
  readonly synced: { readonly received: number };
}

export type WorkerMessage = RpcResponse | RpcProgress | SeenMessage | SyncedMessage;
