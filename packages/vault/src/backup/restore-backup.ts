import type { ChunkCipher } from '../blob/blob-cipher';
import type { Sha256HasherFactory } from '../blob/sha256-hasher';
import { CHECKPOINT_META_KEY, encodeCheckpoint } from '../log/checkpoint';
import { fail, ok, type Result } from '../result';
import type { Envelope, SideRevision, StoredLogEntry, VaultStore } from '../types';
import { HEADER_META_KEY, parseHeader } from '../vault-header';
import type { Secret } from '../vault-keys';
import type { VerifyProblem } from '../verify';
import type { BackupCounts } from './backup-format';
import { readBackup } from './backup-reader';
import { BackupReadError } from './frame-reader';
import { BackupChecker } from './verify-backup';

export type RestoreRefusal =
  | 'not-a-backup'
  | 'unsupported-version'
  | 'truncated'
  | 'corrupt'
  | 'not-empty'
  | 'refused'
  | 'problems';

export interface RestoreOptions {
  /**
   * The passphrase or recovery code. With it the backup is verified as it streams in (chains,
   * signatures, header, checkpoint, every record and file), and a backup with any problem is
   * refused with the problems named, nothing written. Every restore a person makes passes it.
   */
  readonly secret?: Secret;
  /**
   * Called with the backup's vault header before anything is written, e.g. to check that
   * the passphrase opens it; a refusal stops the restore with its message.
   */
  readonly checkHeader?: (header: Uint8Array) => Promise<Result<unknown>>;
  /** For a v1 file's checksum and the files' SHA-256; Node passes node:crypto's (faster). */
  readonly hasher?: Sha256HasherFactory;
  /**
   * With `secret`: hand back a copy of the account key that opened the header when the restore
   * succeeds, to unlock the restored copy without a second Argon2id
   * (`Vault.unlockWithAccountKey`). The caller zeroes it; on any refusal it is zeroed here.
   */
  readonly keepAccountKey?: boolean;
  /**
   * With `secret`: how the files' payload keys are derived and their chunks decrypted for the
   * check (WebCrypto unless given; see `blob.ChunkCipher`).
   */
  readonly cipher?: ChunkCipher;
}

/** A refusal, and when it is 'problems', what verification found. */
export type RestoreResult = Result<BackupCounts, RestoreRefusal> & {
  readonly problems?: readonly VerifyProblem[];
  /** With `keepAccountKey`, on success only. */
  readonly accountKey?: Uint8Array;
};

/**
 * Restores a backup file into an empty store. File chunks stream in as uncommitted; the
 * records, log, header, checkpoint and the blobs' commit marks go in one atomic commit at the
 * very end, so a bad file, a refusal, a problem found or a crash part-way leaves the store as
 * it was.
 */
export async function restoreBackup(
  source: AsyncIterable<Uint8Array>,
  store: VaultStore,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  if (await store.getMeta(HEADER_META_KEY)) {
    return fail(
      'not-empty',
      'There is already a casebook here. A backup can only be restored into an empty Casebook.',
    );
  }
  await store.sweepUncommitted();
  const checker = options.secret
    ? new BackupChecker(options.secret, {
        ...(options.hasher && { hasher: options.hasher }),
        keepAccountKey: options.keepAccountKey ?? false,
        ...(options.cipher && { cipher: options.cipher }),
      })
    : undefined;
  let header: Uint8Array | undefined;
  const log: StoredLogEntry[] = [];
  const envelopes: Envelope[] = [];
  const sides: SideRevision[] = [];
  const blobs = new Set<string>();
  try {
    for await (const item of readBackup(source, options.hasher ? { hasher: options.hasher } : {})) {
      const accepted = await checker?.accept(item);
      if (accepted && !accepted.ok) return fail('refused', accepted.message);
      switch (item.type) {
        case 'header': {
          const parsed = parseHeader(item.bytes);
          if (!parsed.ok) return fail(parsed.reason, parsed.message);
          const checked = await options.checkHeader?.(item.bytes);
          if (checked && !checked.ok) return fail('refused', checked.message);
          header = item.bytes;
          break;
        }
        case 'log':
          log.push(item.entry);
          break;
        case 'envelope':
          envelopes.push(item.envelope);
          break;
        case 'side':
          sides.push(item.side);
          break;
        case 'chunk':
          blobs.add(item.blobId);
          await store.putChunk(item.blobId, item.index, item.bytes);
          break;
        case 'end': {
          if (!header) return fail('corrupt', 'This backup file has no header. Try another copy.');
          let accountKey: Uint8Array | undefined;
          if (checker) {
            const verified = await checker.finish();
            if (!verified.ok) return fail('refused', verified.message);
            accountKey = verified.value.accountKey;
            const { problems } = verified.value.report;
            if (problems.length > 0) {
              accountKey?.fill(0);
              const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
              return {
                ...fail(
                  'problems',
                  `This backup has ${count}, so nothing was restored: ${problems.map((p) => p.message).join(' ')} Try another copy, or keep this one safe as it is.`,
                ),
                problems,
              };
            }
          }
          try {
            await store.commit({
              envelopes,
              log,
              ...(sides.length > 0 && { sides }),
              commitBlobs: [...blobs],
              meta: {
                [HEADER_META_KEY]: header,
                ...(item.checkpoint !== undefined && {
                  [CHECKPOINT_META_KEY]: encodeCheckpoint(item.checkpoint),
                }),
              },
            });
          } catch (error) {
            accountKey?.fill(0);
            throw error;
          }
          blobs.clear();
          return accountKey ? { ...ok(item.counts), accountKey } : ok(item.counts);
        }
      }
    }
    return fail('truncated', 'This backup file is incomplete. Try another copy.');
  } catch (error) {
    if (error instanceof BackupReadError) return fail(error.problem, error.message);
    throw error;
  } finally {
    await checker?.dispose();
    for (const blobId of blobs) await store.discardBlob(blobId);
  }
}
