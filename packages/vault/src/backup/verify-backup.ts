import { type BlobCipher, type ChunkCipher, webCryptoChunkCipher } from '../blob/blob-cipher';
import { requireBlobHeader } from '../blob/blob-header';
import { type ChunkLayout, chunkLayout } from '../blob/chunk-layout';
import { decryptChunk } from '../blob/decrypt-stream';
import { nobleSha256, type Sha256Hasher, type Sha256HasherFactory } from '../blob/sha256-hasher';
import { unpadChunk } from '../blob/unpad-chunk';
import { fromBase64, toHex } from '../encoding';
import { openEnvelope } from '../envelope';
import { type FileManifest, FileManifestSchema } from '../files';
import type { Checkpoint } from '../log/checkpoint';
import type { Chain } from '../log/log-chain';
import type { LogEntry } from '../log/log-entry';
import { fail, ok, type Result } from '../result';
import { type RecordState, RevisionPayloadSchema, toRecordState } from '../revision';
import { getSodium } from '../sodium';
import type { Envelope, SideRevision, StoredLogEntry } from '../types';
import { parseHeader, type VaultHeader } from '../vault-header';
import { openKeys, type Secret, type UnlockRefusal, type VaultKeys, wipeKeys } from '../vault-keys';
import {
  checkCheckpoint,
  describeRecord,
  type VerifyProblem,
  type VerifyReport,
  verifyRecords,
} from '../verify';
import { type BackupItem, readBackup } from './backup-reader';
import { BackupReadError } from './frame-reader';

export interface BackupContents {
  readonly header: VaultHeader;
  /** The container's version byte (1, 2 or 3). */
  readonly version: number;
  readonly log: readonly LogEntry[];
  /** Every verified chain, for comparing with another copy (`compareHistory`). */
  readonly chains: readonly Chain[];
  /** The signed checkpoint the backup ends with (version 2), whether or not it verified. */
  readonly checkpoint?: Checkpoint;
  /** Latest revision of every record (tombstones included), files' manifests excluded. */
  readonly records: readonly RecordState[];
  readonly files: readonly { blobId: string; size: number; sha256: string }[];
  readonly report: VerifyReport;
  /**
   * With `keepAccountKey`: a copy of the account key that opened the header, for an unlock of
   * the same file in this process (`Vault.unlockWithAccountKey`). The caller zeroes it.
   */
  readonly accountKey?: Uint8Array;
}

/** How a backup is checked: the SHA-256, whether files are decrypted, and what is handed back. */
export interface BackupCheckOptions {
  readonly hasher?: Sha256HasherFactory;
  /**
   * How the files' payload keys are derived and their chunks decrypted (WebCrypto unless given;
   * the CLI passes node:crypto's, see `blob.ChunkCipher`).
   */
  readonly cipher?: ChunkCipher;
  readonly checkFiles?: boolean;
  readonly keepAccountKey?: boolean;
}

export type BackupRefusal = UnlockRefusal | 'not-a-backup' | 'truncated';

/** A file being checked as its chunks stream past. */
interface FileCheck {
  readonly manifest: FileManifest;
  readonly cipher: BlobCipher;
  readonly layout: ChunkLayout;
  readonly header: Uint8Array;
  readonly hash: Sha256Hasher;
  next: number;
  failed: boolean;
}

/**
 * Checks a backup's items as they stream past, with the keys: the chains and signatures, the
 * header, every record against the log, every file decrypted and hashed, and the checkpoint at
 * the end. Memory holds the records and one chunk, not the files. Used by verify and restore.
 */
export class BackupChecker {
  readonly #secret: Secret;
  readonly #hasher: Sha256HasherFactory;
  readonly #checkFiles: boolean;
  readonly #keepAccountKey: boolean;
  readonly #cipher: ChunkCipher;
  #version = 0;
  #header: VaultHeader | undefined;
  #keys: VaultKeys | undefined;
  readonly #log: StoredLogEntry[] = [];
  readonly #envelopes: Envelope[] = [];
  readonly #sides: SideRevision[] = [];
  #checked: Awaited<ReturnType<typeof verifyRecords>> | undefined;
  readonly #problems: VerifyProblem[] = [];
  readonly #files = new Map<string, FileCheck>();
  readonly #done = new Set<string>();
  readonly #ignored = new Set<string>();
  #checkpoint: Checkpoint | undefined;
  #reached: VerifyReport['checkpoint'];
  #ended = false;

  constructor(secret: Secret, options: BackupCheckOptions = {}) {
    this.#secret = secret;
    this.#hasher = options.hasher ?? nobleSha256;
    this.#checkFiles = options.checkFiles ?? true;
    this.#keepAccountKey = options.keepAccountKey ?? false;
    this.#cipher = options.cipher ?? webCryptoChunkCipher;
  }

  /** Takes the next item; a refusal (wrong passphrase, damaged header) stops everything. */
  async accept(item: BackupItem): Promise<Result<void, BackupRefusal>> {
    if (item.type === 'header') {
      const parsed = parseHeader(item.bytes);
      if (!parsed.ok) return parsed;
      const opened = await openKeys(parsed.value, this.#secret);
      if (!opened.ok) return opened;
      this.#version = item.version;
      this.#header = parsed.value;
      this.#keys = opened.value;
      return ok(undefined);
    }
    if (item.type === 'log') this.#log.push(item.entry);
    else if (item.type === 'envelope') this.#envelopes.push(item.envelope);
    else if (item.type === 'side') this.#sides.push(item.side);
    else {
      const header = this.#header;
      const keys = this.#keys;
      if (!header || !keys) return fail('corrupt', 'This backup file has no header.');
      if (!this.#checked) await this.#checkRecords(keys, header);
      if (item.type === 'end') await this.#end(item.checkpoint, keys, header);
      else if (this.#checkFiles) await this.#chunk(item);
    }
    return ok(undefined);
  }

  async #checkRecords(keys: VaultKeys, header: VaultHeader) {
    const checked = await verifyRecords(header, keys, this.#log, this.#envelopes, this.#sides);
    this.#checked = checked;
    this.#problems.push(...checked.problems);
    for (const [blobId, body] of checked.manifests) {
      const manifest = FileManifestSchema.safeParse(body);
      const blobHeader = manifest.success ? fromBase64(manifest.data.header) : undefined;
      const dek = manifest.success ? fromBase64(manifest.data.dek) : undefined;
      if (!manifest.success || !blobHeader || !dek) {
        this.#fileProblem(blobId, 'has a damaged record.');
        continue;
      }
      let cipher: BlobCipher;
      let layout: ChunkLayout;
      try {
        const parsed = requireBlobHeader(blobHeader);
        layout = chunkLayout(manifest.data.size, manifest.data.chunkSize, parsed.version);
        if (layout.count !== manifest.data.chunkCount) throw new RangeError('chunk count');
        cipher = await this.#cipher.forBlob(dek, parsed.salt, parsed.version);
      } catch {
        this.#fileProblem(blobId, 'has a damaged record.');
        continue;
      } finally {
        // Each backend keeps its own copy of the key it derived: this one is not needed again.
        dek.fill(0);
      }
      this.#files.set(blobId, {
        manifest: manifest.data,
        cipher,
        layout,
        header: blobHeader,
        hash: this.#hasher(),
        next: 0,
        failed: false,
      });
    }
  }

  #fileProblem(blobId: string, message: string) {
    const where = describeRecord('blob', blobId);
    this.#problems.push({ where, kind: 'blob', id: blobId, message: `${where} ${message}` });
  }

  async #chunk(item: Extract<BackupItem, { type: 'chunk' }>) {
    if (this.#ignored.has(item.blobId)) return;
    const file = this.#files.get(item.blobId);
    if (!file) {
      // Named once; the rest of that file's chunks are skipped.
      this.#ignored.add(item.blobId);
      this.#fileProblem(
        item.blobId,
        this.#done.has(item.blobId)
          ? 'has more parts in the backup than its record says: something was added to it.'
          : 'is in the backup but not in the casebook’s records.',
      );
      return;
    }
    if (file.failed) return;
    const isLast = item.index === file.manifest.chunkCount - 1;
    try {
      const plain = await decryptChunk(file.header, item.index, item.bytes, isLast, file.cipher);
      file.hash.update(unpadChunk(file.layout, item.index, plain));
      file.next = item.index + 1;
      if (isLast) {
        if (toHex(file.hash.digest()) !== file.manifest.sha256) {
          this.#fileProblem(
            item.blobId,
            'has changed since it was added: its SHA-256 no longer matches.',
          );
        }
        this.#files.delete(item.blobId);
        this.#done.add(item.blobId);
      }
    } catch (error) {
      file.failed = true;
      this.#fileProblem(
        item.blobId,
        `has been altered or damaged: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  async #end(checkpoint: Checkpoint | undefined, keys: VaultKeys, header: VaultHeader) {
    this.#ended = true;
    this.#checkpoint = checkpoint;
    const checked = this.#checked;
    if (!checked) return;
    if (this.#version >= 2 && !checkpoint) {
      this.#problems.push({ where: 'checkpoint', message: 'The backup has no signed checkpoint.' });
    }
    if (this.#version >= 2 && header.v === 1) {
      this.#problems.push({
        where: 'header',
        message:
          'The backup is version 2 but its casebook header is from version 1: an older header has been put back.',
      });
    }
    const cp = await checkCheckpoint(header, keys, checked.chains, checkpoint, checked.hasV2);
    this.#problems.push(...cp.problems);
    this.#reached = cp.reached;
  }

  /** Zeroes the keys when the check stops early (a damaged file, a refusal). */
  async dispose(): Promise<void> {
    if (this.#keys) wipeKeys(this.#keys, await getSodium());
    this.#keys = undefined;
  }

  /** After the last item: the whole report, and the keys wiped. */
  async finish(): Promise<Result<BackupContents, BackupRefusal>> {
    const header = this.#header;
    const keys = this.#keys;
    const checked = this.#checked;
    if (!header || !keys || !checked || !this.#ended) {
      return fail('truncated', 'This backup file is incomplete. Try another copy.');
    }
    for (const [blobId, file] of this.#files) {
      if (this.#checkFiles && !file.failed)
        this.#fileProblem(
          blobId,
          `is missing parts: the backup holds ${file.next} of its ${file.manifest.chunkCount}.`,
        );
    }
    const latest = new Map<string, RecordState>();
    for (const env of this.#envelopes) {
      if (env.kind === 'blob') continue;
      const opened = await openEnvelope(keys.ck, env);
      const payload = opened && RevisionPayloadSchema.safeParse(opened.value);
      if (payload?.success)
        latest.set(
          `${env.kind}\u0000${env.id}`,
          toRecordState(env.kind, env.id, env.rev, payload.data),
        );
    }
    const files = [...checked.manifests.values()].flatMap((body) => {
      const m = FileManifestSchema.safeParse(body);
      return m.success ? [{ blobId: m.data.blobId, size: m.data.size, sha256: m.data.sha256 }] : [];
    });
    const accountKey = this.#keepAccountKey ? keys.ak.slice() : undefined;
    wipeKeys(keys, await getSodium());
    this.#keys = undefined;
    const problems = this.#problems;
    return ok({
      ...(accountKey !== undefined && { accountKey }),
      header,
      version: this.#version,
      log: checked.entries,
      chains: checked.chains,
      ...(this.#checkpoint !== undefined && { checkpoint: this.#checkpoint }),
      records: [...latest.values()],
      files,
      report: {
        ok: problems.length === 0,
        problems,
        counts: {
          logEntries: this.#log.length,
          revisions: this.#envelopes.length + this.#sides.length,
          files: files.length,
        },
        ...(this.#reached !== undefined && { checkpoint: this.#reached }),
        notes: checked.notes,
      },
    });
  }
}

/**
 * Opens a backup file with the passphrase (or recovery code) and verifies everything in
 * one streaming pass (see BackupChecker).
 */
export async function verifyBackup(
  source: AsyncIterable<Uint8Array>,
  secret: Secret,
  options: BackupCheckOptions = {},
): Promise<Result<BackupContents, BackupRefusal>> {
  const checker = new BackupChecker(secret, options);
  try {
    for await (const item of readBackup(source, options.hasher ? { hasher: options.hasher } : {})) {
      const accepted = await checker.accept(item);
      if (!accepted.ok) {
        await checker.dispose();
        return accepted;
      }
    }
  } catch (error) {
    await checker.dispose();
    if (error instanceof BackupReadError) return fail(error.problem, error.message);
    throw error;
  }
  return checker.finish();
}
