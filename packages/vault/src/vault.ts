import { base64url } from '@casebook/core';
import { type AccountRefusal, checkProof, PROOF_NEEDED } from './account-proof';
import type { ByteSource } from './blob/byte-source';
import type { Sha256HasherFactory } from './blob/sha256-hasher';
import { sha256, toHex } from './encoding';
import { openEnvelope, sealEnvelope } from './envelope';
import {
  type AddFileOptions,
  addFile,
  BLOB_KIND,
  discardStagedFile,
  type FileInfo,
  purgeFile,
  readFile,
  type StagedFile,
  stageFile,
} from './files';
import type { KdfCost } from './kdf';
import {
  CHECKPOINT_META_KEY,
  type Checkpoint,
  decodeCheckpoint,
  encodeCheckpoint,
  fingerprintOf,
} from './log/checkpoint';
import {
  GENESIS_PREV,
  type LogEntry,
  type LogEntryV2,
  type LogOp,
  parseLogEntry,
} from './log/log-entry';
import { LogWriter } from './log/log-writer';
import { mergeChains } from './log/merge-chains';
import { OrderHints } from './order-hints';
import { assessPassphrase, WeakPassphraseError } from './passphrase-strength';
import { decodeRevision, RecordCache, type UnreadableRecord } from './record-cache';
import { fail, ok, type Result } from './result';
import { type RecordState, type RevisionPayload, toRecordState } from './revision';
import { SerialQueue } from './serial-queue';
import { getSodium, type Sodium } from './sodium';
import { type FirstInOrder, SORT_HINT_KIND, type SortOrder } from './sort-hint';
import type { CommitBatch, Envelope, Hex, RecordKind, VaultStore } from './types';
import {
  ATTEMPTS_META_KEY,
  checkHistoryEnd,
  makeSeenToken,
  readFailedAttempts,
  recordFailedAttempt,
  type UnlockNotices,
} from './unlock-notices';
import { listingsForUnlock, type ReadAhead } from './unlock-read-ahead';
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
  type OpeningSecret,
  openKeys,
  rewrapForPassphrase,
  rotateAccountKey,
  type Secret,
  type UnlockRefusal,
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
  /**
   * Kinds whose stored revisions unlock starts reading before it derives the keys, so the
   * storage's work (in a browser, on another thread) runs beside the KDF; the first listing
   * of each kind after unlock uses what was read. Ciphertext only: nothing is decrypted until
   * the keys are open, and a wrong passphrase drops it.
   */
  readonly prefetch?: readonly RecordKind[];
  /**
   * Reads made before the passphrase was typed (`readAhead`, unlock-read-ahead.ts); their
   * listings are used if the store has not changed since, and read again otherwise. Takes the
   * place of `prefetch`.
   */
  readonly readAhead?: ReadAhead;
}

/** Starts reading each kind's envelopes; a failed read is seen (and thrown) when it is used. */
function readEarly(
  store: VaultStore,
  kinds: readonly RecordKind[] = [],
): Map<RecordKind, Promise<Envelope[]>> {
  const early = new Map<RecordKind, Promise<Envelope[]>>();
  for (const kind of new Set(kinds)) {
    const listing = store.listEnvelopes(kind);
    // Handled where it is used; this only keeps a wrong passphrase from an unhandled rejection.
    listing.catch(() => undefined);
    early.set(kind, listing);
  }
  return early;
}

/** Kinds the vault keeps for itself; callers cannot write them as records. */
export const RESERVED_KINDS: readonly string[] = [
  'log',
  'blob',
  'case',
  'device',
  'seen',
  SORT_HINT_KIND,
];

export type { UnreadableRecord } from './record-cache';

/** Where this casebook's history ends, as signed, and the fingerprint to compare copies by. */
export interface CheckpointInfo {
  readonly device: string;
  readonly seq: number;
  readonly time: string;
  readonly fingerprint: string;
}

export type { AccountRefusal } from './account-proof';

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
  readonly #log: LogWriter;
  readonly #records: RecordCache;
  readonly #orderHints: OrderHints;
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
    this.#log = new LogWriter(head);
    this.#records = new RecordCache(store);
    this.#orderHints = new OrderHints(store, this.#records);
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

  /**
   * Opens with an account key already unwrapped in this process from this very header (the
   * CLI's verify pass of the file it restored), so Argon2id is not run twice. The vault takes
   * a copy; the caller zeroes its own. A key that does not open the header is refused as damage.
   */
  static unlockWithAccountKey(
    store: VaultStore,
    accountKey: Uint8Array,
    options: VaultOptions = {},
  ): Promise<Result<Vault, UnlockRefusal>> {
    return Vault.#open(store, { accountKey }, options);
  }

  static async #open(
    store: VaultStore,
    secret: OpeningSecret,
    options: VaultOptions,
  ): Promise<Result<Vault, UnlockRefusal>> {
    const bytes = await store.getMeta(HEADER_META_KEY);
    if (!bytes) return fail('no-vault', 'There is no casebook here yet.');
    const parsed = parseHeader(bytes);
    if (!parsed.ok) return parsed;
    const early = options.readAhead
      ? listingsForUnlock(store, options.readAhead, bytes)
      : readEarly(store, options.prefetch);
    const opened = await openKeys(parsed.value, secret);
    const clock = options.clock ?? systemClock;
    if (!opened.ok) {
      const wrong = opened.reason === 'wrong-passphrase' || opened.reason === 'bad-recovery-code';
      if (wrong && parsed.value.v === 2) {
        const how = 'passphrase' in secret ? 'passphrase' : 'recovery-code';
        // Best effort: a full disk must not turn a wrong passphrase into a crash.
        await recordFailedAttempt(store, parsed.value, how, clock.now().toISOString()).catch(
          () => undefined,
        );
      }
      return opened;
    }
    const sodium = await getSodium();
    // A file whose intake never finished is not part of the casebook: drop its chunks.
    await store.sweepUncommitted();
    // This device's own chain: other devices' entries (taken in by sync) are not its head.
    const last = await store.lastLogEntry(
      parsed.value.v === 2 ? parsed.value.device.id : undefined,
    );
    const head = last
      ? { nextSeq: last.seq + 1, prev: last.h }
      : { nextSeq: 0, prev: GENESIS_PREV };

    let vault: Vault;
    const notices: { -readonly [K in keyof UnlockNotices]: UnlockNotices[K] } = {};
    if (parsed.value.v === 1 && (await store.readLog()).some((entry) => entry.v === 2)) {
      // A v1 header over a v2 history: someone put an older header back (a fresh "upgrade"
      // would start a second chain on a history it cuts). Refuse; nothing is written.
      wipeKeys(opened.value, sodium);
      return fail(
        'corrupt',
        'This casebook’s header is older than its history, so it has been tampered with. Nothing was changed. Restore it from a backup you trust.',
      );
    }
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
      if (backwards) {
        notices.wentBackwards = backwards;
        // The next commit writes a new checkpoint over the one that showed the cut, so the cut
        // goes into the signed log first, where nothing can take it out unseen.
        await vault.#noteWentBackwards(backwards);
      }
    }
    try {
      await vault.#takeFailedAttempts(notices);
    } catch {
      // A full disk must not keep the person out: the notes stay for the next unlock.
    }
    vault.#openedByRecovery = 'recoveryCode' in secret;
    vault.#notices = notices;
    // Unlock itself wrote only the log and meta, never a record, so these listings are current.
    for (const [kind, listing] of early) vault.#records.useEarly(kind, listing);
    return ok(vault);
  }

  async #noteWentBackwards(found: NonNullable<UnlockNotices['wentBackwards']>): Promise<void> {
    const detail = { now: found.now, before: found.before, source: found.source };
    const digest = toHex(await sha256(new TextEncoder().encode(JSON.stringify(detail))));
    await this.#append(
      'history-went-backwards',
      'device',
      this.#header.device.id,
      this.#log.nextSeq,
      digest,
      { envelopes: [] },
      detail,
    );
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
      this.#log.nextSeq,
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

  /**
   * Drops every key and decrypted object held by this vault. Nothing new can start at once; the
   * keys are zeroed as soon as a write already under way has finished (zeroing them under it
   * would sign its entry with zeros and break the chain for good). The promise says when.
   */
  lock(): Promise<void> {
    const keys = this.#keys;
    if (!keys) return Promise.resolve();
    this.#keys = undefined;
    this.#records.clear();
    this.#orderHints.clear();
    return this.#queue.run(async () => wipeKeys(keys, this.#sodium));
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
      const rotated = await rotateAccountKey(this.#header, keys, proof.passphrase, this.#cost);
      await this.#writeHeader('new-recovery-code', rotated.header);
      // From here on the new account key is the one in use; the old one is zeroed.
      const old = keys.ak;
      if (this.#keys === keys) this.#keys = { ...keys, ak: rotated.ak };
      else this.#sodium.memzero(rotated.ak);
      this.#sodium.memzero(old);
      return ok(rotated.recoveryCode);
    });
  }

  #checkProof(proof: Secret): Promise<Result<void, AccountRefusal>> {
    return checkProof(this.#sodium, this.#header, this.#requireKeys(), proof);
  }

  async #writeHeader(op: LogOp, header: VaultHeaderV2): Promise<void> {
    await this.#append(
      op,
      'device',
      header.device.id,
      this.#log.nextSeq,
      await headerDigest(header),
      {
        envelopes: [],
        meta: { [HEADER_META_KEY]: encodeHeader(header) },
      },
    );
    this.#header = header;
  }

  /** Saves a new revision of a record (the first one creates it). Never overwrites. */
  put(kind: RecordKind, id: string, body: unknown): Promise<RecordState> {
    this.#checkKind(kind);
    return this.#queue.run(async () => {
      const rev = await this.#records.lastRev(kind, id);
      const op: LogOp = rev === 0 ? 'create' : 'update';
      return this.#writeRevision(kind, id, rev + 1, op, { at: this.#now(), deleted: false, body });
    });
  }

  /**
   * Creates many new records in one atomic commit: each gets its own envelope and its own
   * signed 'create' entry in the audit log (so each is accountable), with one checkpoint after
   * the last. Either all are saved or none (a crash or a refused commit leaves nothing). The
   * ids must be new: the store adds, never replaces, so an id already there refuses the lot.
   * For imports of thousands of records, where a commit each would be a flush each.
   * `files` (from `stageFile`) are committed in the same commit, each with its 'add-file'
   * entry, so records that point at a file never exist without it, nor it without them.
   */
  async createMany(
    items: readonly { readonly kind: RecordKind; readonly id: string; readonly body: unknown }[],
    options: { readonly files?: readonly StagedFile[] } = {},
  ): Promise<RecordState[]> {
    const files = options.files ?? [];
    for (const item of items) this.#checkKind(item.kind);
    const seen = new Set<string>();
    for (const item of items) {
      const key = `${item.kind}\u0000${item.id}`;
      if (seen.has(key)) throw new Error(`${item.kind} ${item.id} is in the batch twice`);
      seen.add(key);
    }
    return this.#queue.run(async () => {
      if (items.length === 0 && files.length === 0) return [];
      const keys = this.#requireKeys();
      const at = this.#now();
      const envelopes = files.map((f) => f.envelope);
      const fields: {
        op: LogOp;
        kind: RecordKind;
        id: string;
        rev: number;
        sha256: Hex;
        time: string;
      }[] = files.map((f) => ({
        op: 'add-file' as const,
        kind: BLOB_KIND,
        id: f.info.blobId,
        rev: 1,
        sha256: f.info.sha256,
        time: at,
      }));
      const states: RecordState[] = [];
      // The records' own envelopes, beside their states (`envelopes` begins with the files').
      const sealed: Envelope[] = [];
      for (const item of items) {
        if (this.#records.has(item.kind, item.id))
          throw new Error(`${item.kind} ${item.id} already exists`);
        const payload: RevisionPayload = { at, deleted: false, body: item.body };
        const { envelope, canonical } = await sealEnvelope(keys.ck, item.kind, item.id, 1, payload);
        envelopes.push(envelope);
        sealed.push(envelope);
        fields.push({
          op: 'create' as const,
          kind: item.kind,
          id: item.id,
          rev: 1,
          sha256: toHex(await sha256(canonical)),
          time: at,
        });
        states.push(toRecordState(item.kind, item.id, 1, payload));
      }
      const { stored, checkpoint } = await this.#log.nextMany(this.#header, keys, fields);
      await this.#store.commit({
        envelopes,
        log: stored,
        ...(files.length > 0 && { commitBlobs: files.map((f) => f.info.blobId) }),
        meta: { [CHECKPOINT_META_KEY]: encodeCheckpoint(checkpoint) },
      });
      this.#log.advance(stored[stored.length - 1] as (typeof stored)[number]);
      // Locked while the commit was under way: lock() cleared the cache, and must find it
      // still clear (decrypted bodies are not kept past a lock).
      if (this.#keys === keys) {
        states.forEach((state, i) => {
          this.#records.set(state, (sealed[i] as Envelope).nonce);
        });
      }
      return states;
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
    return this.#records.list(kind, this.#requireKeys().ck);
  }

  /**
   * The first `count` records of a kind in `order`, decrypting only those (and any record this
   * device's sort hint does not cover), for a first screen that cannot wait for the whole kind.
   * Undefined when there is no usable hint or the kind is already decrypted: then `list`.
   * Records that cannot be read are left out, as `list` leaves them out.
   */
  async firstInOrder(
    kind: RecordKind,
    order: SortOrder,
    count: number,
  ): Promise<FirstInOrder | undefined> {
    return this.#orderHints.first(kind, order, count, this.#requireKeys().ck);
  }

  /**
   * Writes this device's sort hint for a kind (sort-hint.ts) from all its records, so the next
   * `firstInOrder` need not decrypt them all; not written when the stored one already says the
   * same. Not logged and never synced or backed up: it is a cache, checked entry by entry.
   */
  async keepSortHint(kind: RecordKind, order: SortOrder): Promise<boolean> {
    const keys = this.#requireKeys();
    return this.#orderHints.keep(kind, order, keys.ck, (meta) =>
      this.#queue.run(async () => {
        // Locked meanwhile: nothing more is written with keys that are gone.
        if (this.#keys !== keys) throw new Error('The vault is locked');
        await this.#store.commit({ envelopes: [], log: [], meta });
      }),
    );
  }

  /** Records found damaged so far (by `list`), so the screens can say so and what to do. */
  unreadable(kind?: RecordKind): UnreadableRecord[] {
    return this.#records.unreadable(kind);
  }

  /** Every revision of a record, oldest first. */
  async history(kind: RecordKind, id: string): Promise<RecordState[]> {
    const keys = this.#requireKeys();
    const out: RecordState[] = [];
    for (const env of await this.#store.getRevisions(kind, id)) {
      out.push(await decodeRevision(keys.ck, env));
    }
    return out;
  }

  /** Adds a file as evidence (see `addFile`). */
  addFile(source: ByteSource, options?: AddFileOptions): Promise<FileInfo> {
    return addFile(this, source, options);
  }

  /** Stores a file's chunks without committing it (see `stageFile`; commit with `createMany`). */
  stageFile(source: ByteSource, options?: AddFileOptions): Promise<StagedFile> {
    return stageFile(this, source, options);
  }

  /** Removes the chunks of a staged file that will not be committed. */
  discardStagedFile(staged: StagedFile): Promise<void> {
    return discardStagedFile(this, staged);
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
    // The store gives one chain after another; with other devices' chains taken in by sync,
    // oldest first means by time across them, each chain in its own (signed) order.
    return mergeChains(out, (e) => ('v' in e ? e.device : ''));
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
    return makeSeenToken(keys.ck, this.#header.device.id, this.#log.tip);
  }

  /** Drops a cached record so the next read goes to the store (after a write made elsewhere). */
  forget(kind: RecordKind, id: string): void {
    this.#records.forget(kind, id);
  }

  /** @internal for files and verification in this package. */
  get internals(): VaultInternals {
    const keys = this.#requireKeys();
    return {
      store: this.#store,
      header: this.#header,
      keys,
      append: (op, kind, id, rev, hash, batch, detail) =>
        this.#queue.run(() => this.#append(op, kind, id, rev, hash, batch, detail)),
      exclusive: (task) => this.#queue.run(task),
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

  async #current(kind: RecordKind, id: string): Promise<RecordState | undefined> {
    return this.#records.current(kind, id, this.#requireKeys().ck);
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
    // Locked while the commit was under way: the cache lock() cleared stays clear, as in
    // createMany (decrypted bodies are not kept past a lock).
    if (this.#keys === keys) this.#records.set(state, envelope.nonce);
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
    const { stored, checkpoint } = await this.#log.next(this.#header, keys, {
      op,
      kind,
      id,
      rev,
      sha256: hash,
      time: this.#now(),
      ...(detail !== undefined && { detail }),
    });
    await this.#store.commit({
      ...batch,
      log: [stored],
      meta: { ...batch.meta, [CHECKPOINT_META_KEY]: encodeCheckpoint(checkpoint) },
    });
    this.#log.advance(stored);
  }
}
