import { base64url } from '@casebook/core';
import type { ByteSource } from './blob/byte-source';
import type { Sha256HasherFactory } from './blob/sha256-hasher';
import { sha256, toHex } from './encoding';
import { openEnvelope, sealEnvelope } from './envelope';
import { VaultIntegrityError } from './errors';
import { type AddFileOptions, addFile, type FileInfo, purgeFile, readFile } from './files';
import type { KdfCost } from './kdf';
import {
  CHECKPOINT_META_KEY,
  type Checkpoint,
  decodeCheckpoint,
  encodeCheckpoint,
  fingerprintOf,
  signCheckpoint,
} from './log/checkpoint';
import { sealLogEntryV2 } from './log/log-chain';
import {
  GENESIS_PREV,
  type LogEntry,
  type LogEntryV2,
  type LogOp,
  parseLogEntry,
} from './log/log-entry';
import { assessPassphrase, WeakPassphraseError } from './passphrase-strength';
import { fail, ok, type Result } from './result';
import {
  type RecordState,
  type RevisionPayload,
  RevisionPayloadSchema,
  toRecordState,
} from './revision';
import { SerialQueue } from './serial-queue';
import { getSodium, type Sodium } from './sodium';
import type { CommitBatch, Envelope, Hex, RecordKind, VaultStore } from './types';
import {
  ATTEMPTS_META_KEY,
  checkHistoryEnd,
  makeSeenToken,
  readFailedAttempts,
  recordFailedAttempt,
  type UnlockNotices,
} from './unlock-notices';
import {
  encodeHeader,
  HEADER_META_KEY,
  headerDigest,
  parseHeader,
  type VaultHeaderV2,
} from './vault-header';
import type { VaultInternals } from './vault-internals';
import {
  createKeys,
  openKeys,
  rewrapForPassphrase,
  rewrapForRecovery,
  type Secret,
  type UnlockRefusal,
  unwrapAccountKey,
  upgradeHeader,
  type VaultKeysV2,
  wipeKeys,
} from './vault-keys';
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
  /** The token from `seenToken()` kept by this device outside the database, if any. */
  readonly lastSeen?: string;
}

/** Kinds the vault keeps for itself; callers cannot write them as records. */
export const RESERVED_KINDS: readonly string[] = ['log', 'blob', 'case', 'device', 'seen'];

/** A record whose stored revision cannot be decrypted or read: shown as such, never hidden. */
export interface UnreadableRecord {
  readonly kind: RecordKind;
  readonly id: string;
  readonly rev: number;
}

/** Where this casebook's history ends, as signed, and the fingerprint to compare copies by. */
export interface CheckpointInfo {
  readonly device: string;
  readonly seq: number;
  readonly time: string;
  readonly fingerprint: string;
}

export type AccountRefusal = 'wrong-passphrase' | 'bad-recovery-code' | 'weak' | 'proof-needed';

const PROOF_NEEDED =
  'To change the passphrase, type your current passphrase, or your recovery code if you have forgotten it.';

/**
 * An open casebook: keys in memory, records as revisions, every write logged.
 * Create with `Vault.create`, open with `Vault.unlock`; `lock()` wipes the keys.
 */
export class Vault {
  readonly #store: VaultStore;
  readonly #sodium: Sodium;
  #header: VaultHeaderV2;
  #keys: VaultKeysV2 | undefined;
  readonly #clock: Clock;
  readonly #cost: KdfCost | undefined;
  readonly #queue = new SerialQueue();
  #nextSeq: number;
  #prev: Hex;
  #latest = new Map<string, RecordState>();
  #loaded = new Set<RecordKind>();
  #unreadable = new Map<string, UnreadableRecord>();
  /** Set when this session was opened with the recovery code: one passphrase change needs no proof. */
  #openedByRecovery = false;
  #notices: UnlockNotices = {};

  private constructor(
    store: VaultStore,
    sodium: Sodium,
    header: VaultHeaderV2,
    keys: VaultKeysV2,
    head: { nextSeq: number; prev: Hex },
    options: VaultOptions,
  ) {
    this.#store = store;
    this.#sodium = sodium;
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

  /**
   * Makes a new casebook in an empty store. The recovery code is shown once, then forgotten.
   * Throws WeakPassphraseError for a passphrase the estimator calls weak (screens check first).
   */
  static async create(
    store: VaultStore,
    passphrase: string,
    options: VaultOptions = {},
  ): Promise<{ vault: Vault; recoveryCode: string }> {
    if (await Vault.exists(store)) throw new Error('A casebook already exists in this store');
    const strength = await assessPassphrase(passphrase);
    if (!strength.ok) throw new WeakPassphraseError(strength.message);
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
      sodium,
      header,
      keys,
      { nextSeq: 0, prev: GENESIS_PREV },
      options,
    );
    // The first entry binds the whole header (identity key, slots, device) into the chain.
    await vault.#append('open-case', 'case', header.caseId, 1, await headerDigest(header), {
      envelopes: [],
      meta: { [HEADER_META_KEY]: encodeHeader(header) },
    });
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
    secret: Secret,
    options: VaultOptions,
  ): Promise<Result<Vault, UnlockRefusal>> {
    const bytes = await store.getMeta(HEADER_META_KEY);
    if (!bytes) return fail('no-vault', 'There is no casebook here yet.');
    const parsed = parseHeader(bytes);
    if (!parsed.ok) return parsed;
    const opened = await openKeys(parsed.value, secret);
    const clock = options.clock ?? systemClock;
    if (!opened.ok) {
      const wrong = opened.reason === 'wrong-passphrase' || opened.reason === 'bad-recovery-code';
      if (wrong && parsed.value.v === 2) {
        const how = 'passphrase' in secret ? 'passphrase' : 'recovery-code';
        await recordFailedAttempt(store, parsed.value, how, clock.now().toISOString());
      }
      return opened;
    }
    const sodium = await getSodium();
    // A file whose intake never finished is not part of the casebook: drop its chunks.
    await store.sweepUncommitted();
    const last = await store.lastLogEntry();
    const head = last
      ? { nextSeq: last.seq + 1, prev: last.h }
      : { nextSeq: 0, prev: GENESIS_PREV };

    let vault: Vault;
    const notices: { -readonly [K in keyof UnlockNotices]: UnlockNotices[K] } = {};
    if (parsed.value.v === 1) {
      // A v1 casebook becomes v2 here: its v1 entries stay exactly as they were, and this
      // device's chain continues from their tip, binding the new header.
      const upgraded = await upgradeHeader(parsed.value, opened.value, clock.now().toISOString());
      vault = new Vault(store, sodium, upgraded.header, upgraded.keys, head, options);
      await vault.#append(
        'open-device',
        'device',
        upgraded.header.device.id,
        1,
        await headerDigest(upgraded.header),
        { envelopes: [], meta: { [HEADER_META_KEY]: encodeHeader(upgraded.header) } },
      );
      notices.upgraded = true;
    } else {
      const keys = opened.value as VaultKeysV2;
      vault = new Vault(store, sodium, parsed.value, keys, head, options);
      const backwards = await checkHistoryEnd(
        store,
        keys,
        parsed.value.device.id,
        last,
        options.lastSeen,
      );
      if (backwards) notices.wentBackwards = backwards;
    }
    await vault.#takeFailedAttempts(notices);
    vault.#openedByRecovery = 'recoveryCode' in secret;
    vault.#notices = notices;
    return ok(vault);
  }

  /** Logs the wrong passphrases tried since the last unlock, and clears the sealed notes. */
  async #takeFailedAttempts(notices: { failedAttempts?: UnlockNotices['failedAttempts'] }) {
    const keys = this.#requireKeys();
    const attempts = await readFailedAttempts(this.#store, this.#header, keys);
    const cleared = { [ATTEMPTS_META_KEY]: new TextEncoder().encode('[]') };
    if (!attempts) {
      if (await this.#store.getMeta(ATTEMPTS_META_KEY)) {
        await this.#store.commit({ envelopes: [], log: [], meta: cleared });
      }
      return;
    }
    notices.failedAttempts = attempts;
    const detail = { count: attempts.count, first: attempts.first, last: attempts.last };
    const digest = toHex(await sha256(new TextEncoder().encode(JSON.stringify(detail))));
    await this.#append(
      'unlock-failures',
      'device',
      this.#header.device.id,
      this.#nextSeq,
      digest,
      { envelopes: [], meta: cleared },
      { ...detail, recoveryCodes: attempts.recoveryCodes },
    );
  }

  get caseId(): string {
    return this.#header.caseId;
  }

  get isLocked(): boolean {
    return this.#keys === undefined;
  }

  /** What unlock found: failed attempts since last time, a history gone backwards, an upgrade. */
  get notices(): UnlockNotices {
    return this.#notices;
  }

  /** Drops every key and decrypted object held by this vault, zeroing the keys at once. */
  lock(): void {
    const keys = this.#keys;
    if (!keys) return;
    this.#keys = undefined;
    this.#latest = new Map();
    this.#loaded = new Set();
    this.#unreadable = new Map();
    wipeKeys(keys, this.#sodium);
  }

  /**
   * A new passphrase. Needs the current passphrase or the recovery code as proof, except once
   * right after unlocking with the recovery code. Refuses a weak one. Logged.
   */
  changePassphrase(next: string, proof?: Secret): Promise<Result<void, AccountRefusal>> {
    const keys = this.#requireKeys();
    return this.#queue.run(async () => {
      if (proof === undefined && !this.#openedByRecovery) return fail('proof-needed', PROOF_NEEDED);
      if (proof !== undefined) {
        const checked = await this.#checkProof(proof);
        if (!checked.ok) return checked;
      }
      const strength = await assessPassphrase(next);
      if (!strength.ok) return fail('weak', strength.message);
      const header = await rewrapForPassphrase(this.#header, keys.ak, next, this.#cost);
      await this.#writeHeader('change-passphrase', header);
      this.#openedByRecovery = false;
      return ok(undefined);
    });
  }

  /** Replaces the recovery code (behind the passphrase); the old code stops working. Logged. */
  newRecoveryCode(proof: { passphrase: string }): Promise<Result<string, AccountRefusal>> {
    const keys = this.#requireKeys();
    return this.#queue.run(async () => {
      const checked = await this.#checkProof(proof);
      if (!checked.ok) return checked;
      const { header, recoveryCode } = await rewrapForRecovery(this.#header, keys.ak, this.#cost);
      await this.#writeHeader('new-recovery-code', header);
      return ok(recoveryCode);
    });
  }

  async #checkProof(proof: Secret): Promise<Result<void, AccountRefusal>> {
    const keys = this.#requireKeys();
    const ak = await unwrapAccountKey(this.#header, proof);
    if (!ak.ok) {
      const reason = 'passphrase' in proof ? 'wrong-passphrase' : 'bad-recovery-code';
      const message =
        reason === 'wrong-passphrase'
          ? 'That is not the current passphrase, so nothing was changed. Check it and try again.'
          : 'That recovery code does not open this casebook, so nothing was changed. Check it against your copy and try again.';
      return fail(reason, message);
    }
    const same = this.#sodium.memcmp(ak.value, keys.ak);
    this.#sodium.memzero(ak.value);
    return same ? ok(undefined) : fail('wrong-passphrase', 'That did not match this casebook.');
  }

  async #writeHeader(op: LogOp, header: VaultHeaderV2): Promise<void> {
    await this.#append(op, 'device', header.device.id, this.#nextSeq, await headerDigest(header), {
      envelopes: [],
      meta: { [HEADER_META_KEY]: encodeHeader(header) },
    });
    this.#header = header;
  }

  /** Saves a new revision of a record (the first one creates it). Never overwrites. */
  put(kind: RecordKind, id: string, body: unknown): Promise<RecordState> {
    this.#checkKind(kind);
    return this.#queue.run(async () => {
      const rev = await this.#lastRev(kind, id);
      const op: LogOp = rev === 0 ? 'create' : 'update';
      return this.#writeRevision(kind, id, rev + 1, op, { at: this.#now(), deleted: false, body });
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

  /**
   * The latest revision of every record of a kind, tombstones included. A record whose latest
   * revision cannot be read is left out here and listed by `unreadable()`; the rest still open.
   */
  async list(kind: RecordKind): Promise<RecordState[]> {
    await this.#load(kind);
    return [...this.#latest.values()].filter((r) => r.kind === kind);
  }

  /** Records found damaged so far (by `list`), so the screens can say so and what to do. */
  unreadable(kind?: RecordKind): UnreadableRecord[] {
    return [...this.#unreadable.values()].filter((r) => kind === undefined || r.kind === kind);
  }

  /** Every revision of a record, oldest first. */
  async history(kind: RecordKind, id: string): Promise<RecordState[]> {
    const keys = this.#requireKeys();
    const out: RecordState[] = [];
    for (const env of await this.#store.getRevisions(kind, id)) {
      out.push(await this.#decode(keys.ck, env));
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

  /** Checks the chains, the signatures, the header, the checkpoint, every record and file. */
  verify(options: { hasher?: Sha256HasherFactory } = {}): Promise<VerifyReport> {
    return verifyVault(this, options);
  }

  /** The audit log, decrypted, oldest first; entries that cannot be read are left out (see `verify`). */
  async auditLog(): Promise<LogEntry[]> {
    const keys = this.#requireKeys();
    const out: LogEntry[] = [];
    for (const item of await this.#store.readLog()) {
      const opened = await openEnvelope(keys.ck, item.env);
      const entry = opened && parseLogEntry(opened.value);
      if (entry) out.push(entry);
    }
    return out;
  }

  /** Where the history ends, as signed after the last commit, with its fingerprint. */
  async checkpoint(): Promise<CheckpointInfo | undefined> {
    this.#requireKeys();
    const checkpoint: Checkpoint | undefined = decodeCheckpoint(
      await this.#store.getMeta(CHECKPOINT_META_KEY),
    );
    if (!checkpoint) return undefined;
    return {
      device: checkpoint.device,
      seq: checkpoint.seq,
      time: checkpoint.time,
      fingerprint: await fingerprintOf(this.#header.caseId, checkpoint),
    };
  }

  /** A token for the page to keep outside the database: see `VaultOptions.lastSeen`. */
  seenToken(): Promise<string> {
    const keys = this.#requireKeys();
    return makeSeenToken(keys.ck, this.#header.device.id, {
      seq: this.#nextSeq - 1,
      h: this.#prev,
    });
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

  #requireKeys(): VaultKeysV2 {
    if (!this.#keys) throw new Error('The vault is locked');
    return this.#keys;
  }

  #checkKind(kind: RecordKind): void {
    if (RESERVED_KINDS.includes(kind)) throw new Error(`"${kind}" is reserved by the vault`);
  }

  /** The highest stored revision (0 if none), even when that revision cannot be read. */
  async #lastRev(kind: RecordKind, id: string): Promise<number> {
    const cached = this.#latest.get(`${kind}\u0000${id}`);
    if (cached && !this.#unreadable.has(`${kind}\u0000${id}`)) return cached.rev;
    const last = (await this.#store.getRevisions(kind, id)).at(-1);
    return last?.rev ?? 0;
  }

  async #current(kind: RecordKind, id: string): Promise<RecordState | undefined> {
    const key = `${kind}\u0000${id}`;
    const cached = this.#latest.get(key);
    if (cached || this.#loaded.has(kind)) return cached;
    const keys = this.#requireKeys();
    const last = (await this.#store.getRevisions(kind, id)).at(-1);
    if (!last) return undefined;
    const state = await this.#decode(keys.ck, last);
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
      const key = `${kind}\u0000${env.id}`;
      try {
        this.#latest.set(key, await this.#decode(keys.ck, env));
        this.#unreadable.delete(key);
      } catch (error) {
        if (!(error instanceof VaultIntegrityError)) throw error;
        this.#unreadable.set(key, { kind, id: env.id, rev: env.rev });
      }
    }
    this.#loaded.add(kind);
  }

  async #decode(ck: Uint8Array, env: Envelope): Promise<RecordState> {
    const opened = await openEnvelope(ck, env);
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
    const key = `${kind}\u0000${id}`;
    this.#latest.set(key, state);
    this.#unreadable.delete(key);
    return state;
  }

  /**
   * Writes a batch with its audit-log entry and the new signed checkpoint, in one atomic
   * commit. Call inside the queue.
   */
  async #append(
    op: LogOp,
    kind: RecordKind,
    id: string,
    rev: number,
    hash: Hex,
    batch: Omit<CommitBatch, 'log'>,
    detail?: LogEntryV2['detail'],
  ): Promise<void> {
    const keys = this.#requireKeys();
    const device = this.#header.device;
    const entry: LogEntryV2 = {
      v: 2,
      device: device.id,
      seq: this.#nextSeq,
      prev: this.#prev,
      time: this.#now(),
      op,
      kind,
      id,
      rev,
      sha256: hash,
      ...(detail !== undefined && { detail }),
    };
    // The device's certificate rides on the first entry of its chain.
    const first = op === 'open-case' || op === 'open-device';
    const stored = await sealLogEntryV2(
      keys.ck,
      keys.deviceKey,
      entry,
      first ? device.cert : undefined,
    );
    const checkpoint = await signCheckpoint(keys.signingKey, {
      case: this.#header.caseId,
      device: device.id,
      seq: entry.seq,
      h: stored.h,
      time: entry.time,
    });
    await this.#store.commit({
      ...batch,
      log: [stored],
      meta: { ...batch.meta, [CHECKPOINT_META_KEY]: encodeCheckpoint(checkpoint) },
    });
    this.#nextSeq += 1;
    this.#prev = stored.h;
  }
}
