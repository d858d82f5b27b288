import type { LogEntry } from '../audit-log';
import { requireBlobHeader } from '../blob/blob-header';
import { decryptChunk } from '../blob/decrypt-stream';
import { derivePayloadKey } from '../blob/payload-key';
import { nobleSha256, type Sha256Hasher, type Sha256HasherFactory } from '../blob/sha256-hasher';
import { fromBase64, toHex } from '../encoding';
import { openEnvelope } from '../envelope';
import { type FileManifest, FileManifestSchema } from '../files';
import { fail, ok, type Result } from '../result';
import { type RecordState, RevisionPayloadSchema, toRecordState } from '../revision';
import { getSodium } from '../sodium';
import type { Envelope, StoredLogEntry } from '../types';
import { parseHeader, type VaultHeader } from '../vault-header';
import { openKeys, type UnlockRefusal, type VaultKeys, wipeKeys } from '../vault-keys';
import { describeRecord, type VerifyProblem, type VerifyReport, verifyRecords } from '../verify';
import { readBackup } from './backup-reader';
import { BackupReadError } from './frame-reader';

export interface BackupContents {
  readonly header: VaultHeader;
  readonly log: readonly LogEntry[];
  /** Latest revision of every record (tombstones included), files' manifests excluded. */
  readonly records: readonly RecordState[];
  readonly files: readonly { blobId: string; size: number; sha256: string }[];
  readonly report: VerifyReport;
}

export type BackupRefusal = UnlockRefusal | 'not-a-backup' | 'truncated';

/** A file being checked as its chunks stream past. */
interface FileCheck {
  readonly manifest: FileManifest;
  readonly key: CryptoKey;
  readonly header: Uint8Array;
  readonly hash: Sha256Hasher;
  next: number;
  failed: boolean;
}

/**
 * Opens a backup file with the passphrase (or recovery code) and verifies everything in
 * one streaming pass: the audit chain and signatures, every record against the log, and
 * every file decrypted and hashed. Memory holds the records and one chunk, not the files.
 */
export async function verifyBackup(
  source: AsyncIterable<Uint8Array>,
  secret: { passphrase: string } | { recoveryCode: string },
  options: { hasher?: Sha256HasherFactory; checkFiles?: boolean } = {},
): Promise<Result<BackupContents, BackupRefusal>> {
  const checkFiles = options.checkFiles ?? true;
  const hasher = options.hasher ?? nobleSha256;
  let header: VaultHeader | undefined;
  let keys: VaultKeys | undefined;
  const log: StoredLogEntry[] = [];
  const envelopes: Envelope[] = [];
  let checked: Awaited<ReturnType<typeof verifyRecords>> | undefined;
  const problems: VerifyProblem[] = [];
  const files = new Map<string, FileCheck>();
  const done = new Set<string>();

  const checkRecords = async (k: VaultKeys, h: VaultHeader) => {
    checked = await verifyRecords(h, k, log, envelopes);
    problems.push(...checked.problems);
    for (const [blobId, body] of checked.manifests) {
      const manifest = FileManifestSchema.safeParse(body);
      const blobHeader = manifest.success ? fromBase64(manifest.data.header) : undefined;
      const dek = manifest.success ? fromBase64(manifest.data.dek) : undefined;
      if (!manifest.success || !blobHeader || !dek) {
        problems.push({
          where: describeRecord('blob', blobId),
          kind: 'blob',
          id: blobId,
          message: 'The record of this file is damaged.',
        });
        continue;
      }
      const key = await derivePayloadKey(dek, requireBlobHeader(blobHeader).salt);
      files.set(blobId, {
        manifest: manifest.data,
        key,
        header: blobHeader,
        hash: hasher(),
        next: 0,
        failed: false,
      });
    }
  };

  const fileProblem = (blobId: string, message: string) => {
    const where = describeRecord('blob', blobId);
    problems.push({ where, kind: 'blob', id: blobId, message: `${where} ${message}` });
  };

  try {
    for await (const item of readBackup(source, { hasher })) {
      if (item.type === 'header') {
        const parsed = parseHeader(item.bytes);
        if (!parsed.ok) return parsed;
        const opened = await openKeys(parsed.value, secret);
        if (!opened.ok) return opened;
        header = parsed.value;
        keys = opened.value;
      } else if (item.type === 'log') log.push(item.entry);
      else if (item.type === 'envelope') envelopes.push(item.envelope);
      else if (!header || !keys) return fail('corrupt', 'This backup file has no header.');
      else {
        if (!checked) await checkRecords(keys, header);
        if (item.type === 'end') break;
        if (!checkFiles) continue;
        const file = files.get(item.blobId);
        if (!file) {
          // Chunks of a purged or unknown file: not part of the casebook's current state.
          if (!done.has(item.blobId))
            fileProblem(item.blobId, 'is in the backup but not in the casebook’s records.');
          done.add(item.blobId);
          continue;
        }
        if (file.failed) continue;
        const isLast = item.index === file.manifest.chunkCount - 1;
        try {
          const plain = await decryptChunk(file.header, item.index, item.bytes, isLast, file.key);
          file.hash.update(plain);
          file.next = item.index + 1;
          if (isLast) {
            if (toHex(file.hash.digest()) !== file.manifest.sha256) {
              fileProblem(
                item.blobId,
                'has changed since it was added: its SHA-256 no longer matches.',
              );
            }
            files.delete(item.blobId);
            done.add(item.blobId);
          }
        } catch (error) {
          file.failed = true;
          fileProblem(
            item.blobId,
            `has been altered or damaged: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    }
  } catch (error) {
    if (error instanceof BackupReadError) return fail(error.problem, error.message);
    throw error;
  }
  if (!header || !keys || !checked) return fail('corrupt', 'This backup file is incomplete.');
  for (const [blobId, file] of files) {
    if (checkFiles && !file.failed)
      fileProblem(
        blobId,
        `is missing parts: the backup holds ${file.next} of its ${file.manifest.chunkCount}.`,
      );
  }

  const latest = new Map<string, RecordState>();
  for (const env of envelopes) {
    if (env.kind === 'blob') continue;
    const opened = await openEnvelope(keys.ck, env);
    const payload = opened && RevisionPayloadSchema.safeParse(opened.value);
    if (payload?.success)
      latest.set(
        `${env.kind}\u0000${env.id}`,
        toRecordState(env.kind, env.id, env.rev, payload.data),
      );
  }
  const fileList = [...checked.manifests.values()].flatMap((body) => {
    const m = FileManifestSchema.safeParse(body);
    return m.success ? [{ blobId: m.data.blobId, size: m.data.size, sha256: m.data.sha256 }] : [];
  });
  wipeKeys(keys, await getSodium());
  return ok({
    header,
    log: checked.entries,
    records: [...latest.values()],
    files: fileList,
    report: {
      ok: problems.length === 0,
      problems,
      counts: { logEntries: log.length, revisions: envelopes.length, files: fileList.length },
    },
  });
}
