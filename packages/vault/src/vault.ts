import { base64url } from '@casebook/core';
import { type LogEntry, LogEntrySchema, type LogOp, sealLogEntry } from './audit-log';
import type { ByteSource } from './blob/byte-source';
import { sha256, toHex } from './encoding';
import { openEnvelope, sealEnvelope } from './envelope';
import { VaultIntegrityError } from './errors';
import { type AddFileOptions, addFile, type FileInfo, purgeFile, readFile } from './files';
import type { KdfCost } from './kdf';
import { fail, ok, type Result } from './result';
import {
  type RecordState,
  type RevisionPayload,
  RevisionPayloadSchema,
  toRecordState,
} from './revision';
import { SerialQueue } from './serial-queue';
import { getSodium } from './sodium';
import type { CommitBatch, Envelope, Hex, RecordKind, VaultStore } from './types';
import { encodeHeader, HEADER_META_KEY, parseHeader, type VaultHeader } from './vault-header';
import {
  createKeys,
  openKeys,
  rewrapForPassphrase,
  type UnlockRefusal,
  type VaultKeys,
  wipeKeys,
} from './vault-keys';
import type { VaultInternals } from './vault-internals';
import type { VerifyReport } from './verify';
import { verifyVault } from './verify-vault';

export interface Clock {
  now(): Date;
}
const systemClock: Clock = { now: () => new Date() };

export interface VaultOptions {
  /** Argon2id cost; defaults to SECURITY.md's m=64 MiB, t=3. Tests may lower it to the floor. */
  readonly kdf?: KdfCost;
  readonly clock?: Clock;
}

/** Kinds the vault keeps for itself; callers cannot write them as records. */
export const RESERVED_KINDS: readonly string[] = ['log', 'blob', 'case'];

/**
 * An open casebook: keys in memory, records as revisions, every write logged.
 * Create with `Vault.create`, open with `Vault.unlock`; `lock()` wipes the keys.
 */
export class Vault {
  readonly #store: VaultStore;
  #header: VaultHeader;
  #keys: VaultKeys | undefined;
  readonly #clock: Clock;
  readonly #cost: KdfCost | undefined;
  readonly #queue = new SerialQueue();
  #nextSeq: number;
  #prev: Hex;
  #latest = new Map<string, RecordState>();
  #loaded = new Set<RecordKind>();

  private constructor(
    store: VaultStore,
    header: VaultHeader,
    keys: VaultKeys,
    head: { nextSeq: number; prev: Hex },
    options: VaultOptions,
  ) {
    this.#store = store;
    this.#header = header;
    this.#keys = keys;
    this.#clock = options.clock ?? systemClock;
    this.#cost = options.kdf;
    this.#nextSeq = head.nextSeq;
    this.#prev = head.prev;
  }

  static async exists(store: VaultStore): Promise<boolean> {
    return (await store.getMeta(HEADER_META_KEY)) !== undefined;
  }

  /** Makes a new casebook in an empty store. The recovery code is shown once, then forgotten. */
  static async create(
    store: VaultStore,
    passphrase: string,
    options: VaultOptions = {},
  ): Promise<{ vault: Vault; recoveryCode: string }> {
    if (await Vault.exists(store)) throw new Error('A casebook already exists in this store');
    if (passphrase.trim().length === 0) throw new Error('An empty passphrase is never accepted');
    const sodium = await getSodium();
    const clock = options.clock ?? systemClock;
    const createdAt = clock.now().toISOString();
    const { header, keys, recoveryCode } = await createKeys(
      passphrase,
      {
        vaultId: base64url(sodium.randombytes_buf(16)),
        caseId: base64url(sodium.randombytes_buf(16)),
        createdAt,
      },
      options.kdf,
    );
    const vault = new Vault(
      store,
      header,
      keys,
      { nextSeq: 0, prev: '0'.repeat(64) as Hex },
      options,
    );
    // The first entry binds the identity key into the chain.
    await vault.#append(
      'open-case',
      'case',
      header.caseId,
      1,
      toHex(await sha256(keys.publicKey)),
      { envelopes: [], meta: { [HEADER_META_KEY]: encodeHeader(header) } },
    );
    return { vault, recoveryCode };
  }

  static unlock(
    store: VaultStore,
    passphrase: string,
    options: VaultOptions = {},
  ): Promise<Result<Vault, UnlockRefusal>> {
    return Vault.#open(store, { passphrase }, options);
  }

  /** Opens with the recovery code; the caller should then ask for a new passphrase. */
  static unlockWithRecoveryCode(
    store: VaultStore,
    recoveryCode: string,
    options: VaultOptions = {},
  ): Promise<Result<Vault, UnlockRefusal>> {
    return Vault.#open(store, { recoveryCode }, options);
  }

  static async #open(
    store: VaultStore,
    secret: { passphrase: string } | { recoveryCode: string },
    options: VaultOptions,
  ): Promise<Result<Vault, UnlockRefusal>> {
    const bytes = await store.getMeta(HEADER_META_KEY);
    if (!bytes) return fail('no-vault', 'There is no casebook here yet.');
    const header = parseHeader(bytes);
    if (!header.ok) return header;
    const keys = await openKeys(header.value, secret);
    if (!keys.ok) return keys;
    // A file whose intake never finished is not part of the casebook: drop its chunks.
    await store.sweepUncommitted();
    const last = await store.lastLogEntry();
    const head = last
      ? { nextSeq: last.seq + 1, prev: last.h }
      : { nextSeq: 0, prev: '0'.repeat(64) as Hex };
    return ok(new Vault(store, header.value, keys.value, head, options));
  }

  get caseId(): string {
    return this.#header.caseId;
  }

  get isLocked(): boolean {
    return this.#keys === undefined;
  }

  /** Drops every key and decrypted object held by this vault. */
  lock(): void {
    const keys = this.#keys;
    if (!keys) return;
    // Every later call fails at once; libsodium is loaded already, so the wipe runs next tick.
    this.#keys = undefined;
    this.#latest = new Map();
    this.#loaded = new Set();
    void getSodium().then((sodium) => wipeKeys(keys, sodium));
  }

  async changePassphrase(passphrase: string): Promise<void> {
    if (passphrase.trim().length === 0) throw new Error('An empty passphrase is never accepted');
    const keys = this.#requireKeys();
    await this.#queue.run(async () => {
      const header = await rewrapForPassphrase(this.#header, keys.ak, passphrase, this.#cost);
      await this.#store.commit({
        envelopes: [],
        log: [],
        meta: { [HEADER_META_KEY]: encodeHeader(header) },
      });
      this.#header = header;
    });
  }

  /** Saves a new revision of a record (the first one creates it). Never overwrites. */
  put(kind: RecordKind, id: string, body: unknown): Promise<RecordState> {
    this.#checkKind(kind);
    return this.#queue.run(async () => {
      const current = await this.#current(kind, id);
      const rev = (current?.rev ?? 0) + 1;
      const op: LogOp = current === undefined ? 'create' : 'update';
      return this.#writeRevision(kind, id, rev, op, { at: this.#now(), deleted: false, body });
    });
  }

  /** Deletes a record by adding a tombstone revision with the reason; history stays. */
  remove(kind: RecordKind, id: string, reason: string): Promise<RecordState> {
    this.#checkKind(kind);
    return this.#queue.run(async () => {
      const current = await this.#current(kind, id);
      if (!current) throw new Error(`No ${kind} ${id} to delete`);
      if (current.deleted) return current;
      return this.#writeRevision(kind, id, current.rev + 1, 'delete', {
        at: this.#now(),
        deleted: true,
        reason,
      });
    });
  }

  async get(kind: RecordKind, id: string): Promise<RecordState | undefined> {
    return this.#current(kind, id);
  }

  /** The latest revision of every record of a kind, tombstones included. */
  async list(kind: RecordKind): Promise<RecordState[]> {
    await this.#load(kind);
    return [...this.#latest.values()].filter((r) => r.kind === kind);
  }

  /** Every revision of a record, oldest first. */
  async history(kind: RecordKind, id: string): Promise<RecordState[]> {
    const keys = this.#requireKeys();
    const out: RecordState[] = [];
    for (const env of await this.#store.getRevisions(kind, id)) {
      out.push(await this.#decode(keys, env));
    }
    return out;
  }

  /** Adds a file as evidence (see `addFile`). */
  addFile(source: ByteSource, options?: AddFileOptions): Promise<FileInfo> {
    return addFile(this, source, options);
  }

  /** A stored file's plaintext, decrypted chunk by chunk. */
  readFile(blobId: string): AsyncGenerator<Uint8Array> {
    return readFile(this, blobId);
  }

  /** Removes a file's bytes for good, leaving a logged tombstone with the reason. */
  purgeFile(blobId: string, reason: string): Promise<void> {
    return purgeFile(this, blobId, reason);
  }

  /** Checks the chain, the signatures, every record and every file. */
  verify(): Promise<VerifyReport> {
    return verifyVault(this);
  }

  /** The audit log, decrypted, oldest first (use `verify` to check it). */
  async auditLog(): Promise<LogEntry[]> {
    const keys = this.#requireKeys();
    const out: LogEntry[] = [];
    for (const item of await this.#store.readLog()) {
      const opened = await openEnvelope(keys.ck, item.env);
      const entry = opened && LogEntrySchema.safeParse(opened.value);
      if (!entry?.success)
        throw new VaultIntegrityError(`Audit log entry ${item.seq} cannot be read.`);
      out.push(entry.data);
    }
    return out;
  }

  /** Drops a cached record so the next read goes to the store (after a write made elsewhere). */
  forget(kind: RecordKind, id: string): void {
    this.#latest.delete(`${kind}\u0000${id}`);
  }

  /** @internal for files and verification in this package. */
  get internals(): VaultInternals {
    const keys = this.#requireKeys();
    return {
      store: this.#store,
      header: this.#header,
      keys,
      append: (op, kind, id, rev, hash, batch) =>
        this.#queue.run(() => this.#append(op, kind, id, rev, hash, batch)),
      now: () => this.#now(),
      get: (kind, id) => this.get(kind, id),
      forget: (kind, id) => this.forget(kind, id),
    };
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }

  #requireKeys(): VaultKeys {
    if (!this.#keys) throw new Error('The vault is locked');
    return this.#keys;
  }

  #checkKind(kind: RecordKind): void {
    if (RESERVED_KINDS.includes(kind)) throw new Error(`"${kind}" is reserved by the vault`);
  }

  async #current(kind: RecordKind, id: string): Promise<RecordState | undefined> {
    const key = `${kind}\u0000${id}`;
    const cached = this.#latest.get(key);
    if (cached || this.#loaded.has(kind)) return cached;
    const keys = this.#requireKeys();
    const last = (await this.#store.getRevisions(kind, id)).at(-1);
    if (!last) return undefined;
    const state = await this.#decode(keys, last);
    this.#latest.set(key, state);
    return state;
  }

  async #load(kind: RecordKind): Promise<void> {
    if (this.#loaded.has(kind)) return;
    const keys = this.#requireKeys();
    const newest = new Map<string, Envelope>();
    for (const env of await this.#store.listEnvelopes(kind)) {
      const seen = newest.get(env.id);
      if (!seen || env.rev > seen.rev) newest.set(env.id, env);
    }
    for (const env of newest.values()) {
      this.#latest.set(`${kind}\u0000${env.id}`, await this.#decode(keys, env));
    }
    this.#loaded.add(kind);
  }

  async #decode(keys: VaultKeys, env: Envelope): Promise<RecordState> {
    const opened = await openEnvelope(keys.ck, env);
    const payload = opened && RevisionPayloadSchema.safeParse(opened.value);
    if (!payload?.success) {
      throw new VaultIntegrityError(
        `${env.kind} ${env.id} (revision ${env.rev}) has been altered or damaged and cannot be read.`,
      );
    }
    return toRecordState(env.kind, env.id, env.rev, payload.data);
  }

  async #writeRevision(
    kind: RecordKind,
    id: string,
    rev: number,
    op: LogOp,
    payload: RevisionPayload,
  ): Promise<RecordState> {
    const keys = this.#requireKeys();
    const { envelope, canonical } = await sealEnvelope(keys.ck, kind, id, rev, payload);
    await this.#append(op, kind, id, rev, toHex(await sha256(canonical)), {
      envelopes: [envelope],
    });
    const state = toRecordState(kind, id, rev, payload);
    this.#latest.set(`${kind}\u0000${id}`, state);
    return state;
  }

  /** Writes a batch together with its audit-log entry, in one atomic commit. Call inside the queue. */
  async #append(
    op: LogOp,
    kind: RecordKind,
    id: string,
    rev: number,
    hash: Hex,
    batch: Omit<CommitBatch, 'log'>,
  ): Promise<void> {
    const keys = this.#requireKeys();
    const entry: LogEntry = {
      seq: this.#nextSeq,
      prev: this.#prev,
      time: this.#now(),
      op,
      kind,
      id,
      rev,
      sha256: hash,
    };
    const stored = await sealLogEntry(keys.ck, this.#header.caseId, keys.signingKey, entry);
    await this.#store.commit({ ...batch, log: [stored] });
    this.#nextSeq += 1;
    this.#prev = stored.h;
  }
}
