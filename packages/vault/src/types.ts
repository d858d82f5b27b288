/**
 * Shared types of the vault: the stored shapes and the storage port.
 * Formats here are versioned and must keep loading (see test/golden).
 */

/** Standard base64 (with padding) of some bytes. */
export type Base64 = string & { readonly __brand: 'Base64' };
/** Lower-case hex of some bytes. */
export type Hex = string & { readonly __brand: 'Hex' };

/** Kinds of record a vault stores as envelopes. `log` is the audit log's own kind. */
export type RecordKind = string;

/**
 * Record envelope v1 (SECURITY.md): XChaCha20-Poly1305 under the case key,
 * associated data = canonical bytes of (v, kind, id, rev). Every revision is a new envelope.
 */
export interface Envelope {
  readonly v: 1;
  readonly kind: RecordKind;
  readonly id: string;
  readonly rev: number;
  readonly nonce: Base64;
  readonly ct: Base64;
}

/** A device's key, certified by the casebook's identity key (log v2). */
export interface DeviceCert {
  readonly v: 2;
  readonly case: string;
  readonly device: string;
  /** The device's Ed25519 public key, base64. */
  readonly publicKey: string;
  readonly time: string;
  /** Ed25519(identity, "casebook-device-v2" ‖ canonical(the fields above)), base64. */
  readonly sig: string;
}

/**
 * One audit-log entry as stored: encrypted body, chain hash and signature beside it.
 * v1 (no `v`): env is kind 'log', id = case id, rev = seq; h = SHA-256("casebook-log-v1" ‖
 * canonical(entry)), computable from the plaintext. v2: one chain per device; env is kind
 * 'log', id = device, rev = seq; h = SHA-256("casebook-log-v2" ‖ canonical({device, seq, prev,
 * env})), bound to the ciphertext, so nothing stored can be computed from a known file or text.
 */
export interface StoredLogEntry {
  readonly seq: number;
  readonly env: Envelope;
  readonly h: Hex;
  /** Ed25519 signature of the raw bytes of h, base64: v1 by the identity, v2 by the device. */
  readonly sig: Base64;
  readonly v?: 2;
  readonly device?: string;
  /** v2: the previous entry's h on this device's chain (the v1 tip for an upgraded casebook). */
  readonly prev?: Hex;
  /** v2: on the first entry of a device's chain, that device's certificate. */
  readonly cert?: DeviceCert;
}

/**
 * A record revision another device wrote under a (kind, id, rev) this store already holds with
 * other contents (two devices edited one record offline): kept beside it, never over it, keyed
 * (kind, id, rev, device). `device` is the casebook's id of the writing device (its chain).
 */
export interface SideRevision {
  readonly device: string;
  readonly envelope: Envelope;
}

/** The chain a stored log entry is on: its device for v2, '' for the v1 chain. */
export function logChain(entry: Pick<StoredLogEntry, 'v' | 'device'>): string {
  return entry.v === 2 ? (entry.device ?? '') : '';
}

/** What one atomic write holds: records, their log entries, blobs that become committed. */
export interface CommitBatch {
  readonly envelopes: readonly Envelope[];
  readonly log: readonly StoredLogEntry[];
  /** Other devices' revisions whose (kind, id, rev) is taken here (see `SideRevision`). */
  readonly sides?: readonly SideRevision[];
  /** Blob ids whose chunks were written before and are now part of the vault. */
  readonly commitBlobs?: readonly string[];
  /** Blob ids whose chunks are to be removed in the same transaction (purge). */
  readonly purgeBlobs?: readonly string[];
  /** Small metadata values (the vault header) to write in the same transaction. */
  readonly meta?: Readonly<Record<string, Uint8Array>>;
}

/**
 * The storage port. Adapters: `@casebook/vault/memory` and `@casebook/vault/indexeddb`.
 * Adapters store only what they are given (ciphertext); they never see a key.
 */
export interface VaultStore {
  getMeta(key: string): Promise<Uint8Array | undefined>;
  /** Every stored envelope, or every one of a kind, in (kind, id, rev) order. */
  listEnvelopes(kind?: RecordKind): Promise<Envelope[]>;
  /**
   * How many envelopes (every revision) a kind has, without reading them. Envelopes are only
   * ever added, so an unchanged count means an unchanged set.
   */
  countEnvelopes(kind: RecordKind): Promise<number>;
  /** Every revision of one record, oldest first. */
  getRevisions(kind: RecordKind, id: string): Promise<Envelope[]>;
  /** Every revision kept beside another (`SideRevision`), in (kind, id, rev, device) order. */
  listSides(kind?: RecordKind): Promise<SideRevision[]>;
  /**
   * The whole audit log, every chain: keyed (chain, seq), where the chain is `logChain(entry)`,
   * in that order (the v1 chain '' first, then each device's chain by id, each in seq order).
   */
  readLog(): Promise<StoredLogEntry[]>;
  /**
   * The newest entry of one device's chain without reading the rest (unlock needs only its own
   * head); the v1 chain's newest when that device has none yet (or `device` is undefined).
   */
  lastLogEntry(device?: string): Promise<StoredLogEntry | undefined>;
  /** Writes a batch atomically and durably (IndexedDB: one transaction, durability 'strict'). */
  commit(batch: CommitBatch): Promise<void>;
  /** Writes one encrypted chunk of a blob that is not committed yet. */
  putChunk(blobId: string, index: number, bytes: Uint8Array): Promise<void>;
  /** Writes several chunks of an uncommitted blob in one durable transaction (fewer flushes). */
  putChunks(blobId: string, chunks: readonly { index: number; bytes: Uint8Array }[]): Promise<void>;
  getChunk(blobId: string, index: number): Promise<Uint8Array | undefined>;
  /** How many chunks are stored for a blob. */
  countChunks(blobId: string): Promise<number>;
  /** Ids of committed blobs. */
  listBlobs(): Promise<string[]>;
  /** Removes the chunks of every blob that was never committed; returns their ids. */
  sweepUncommitted(): Promise<string[]>;
  /** Removes an uncommitted blob's chunks (a cancelled intake). */
  discardBlob(blobId: string): Promise<void>;
  close(): Promise<void>;
}
