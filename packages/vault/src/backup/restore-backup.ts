import type { Sha256HasherFactory } from '../blob/sha256-hasher';
import { fail, ok, type Result } from '../result';
import type { Envelope, StoredLogEntry, VaultStore } from '../types';
import { HEADER_META_KEY, parseHeader } from '../vault-header';
import type { BackupCounts } from './backup-format';
import { readBackup } from './backup-reader';
import { BackupReadError } from './frame-reader';

export type RestoreRefusal =
  | 'not-a-backup'
  | 'unsupported-version'
  | 'truncated'
  | 'corrupt'
  | 'not-empty'
  | 'refused';

export interface RestoreOptions {
  /**
   * Called with the backup's vault header before anything is written, e.g. to check that
   * the passphrase opens it; a refusal stops the restore with its message.
   */
  readonly checkHeader?: (header: Uint8Array) => Promise<Result<unknown>>;
  /** For the file's checksum; Node passes node:crypto's SHA-256 (10× faster than the default). */
  readonly hasher?: Sha256HasherFactory;
}

/**
 * Restores a backup file into an empty store. File chunks stream in as uncommitted; the
 * records, log, header and the blobs' commit marks go in one atomic commit at the very end,
 * so a bad file, a refusal or a crash part-way leaves the store as it was.
 */
export async function restoreBackup(
  source: AsyncIterable<Uint8Array>,
  store: VaultStore,
  options: RestoreOptions = {},
): Promise<Result<BackupCounts, RestoreRefusal>> {
  if (await store.getMeta(HEADER_META_KEY)) {
    return fail(
      'not-empty',
      'There is already a casebook here. A backup can only be restored into an empty Casebook.',
    );
  }
  await store.sweepUncommitted();
  let header: Uint8Array | undefined;
  const log: StoredLogEntry[] = [];
  const envelopes: Envelope[] = [];
  const blobs = new Set<string>();
  try {
    for await (const item of readBackup(source, options.hasher ? { hasher: options.hasher } : {})) {
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
        case 'chunk':
          blobs.add(item.blobId);
          await store.putChunk(item.blobId, item.index, item.bytes);
          break;
        case 'end':
          if (!header) return fail('corrupt', 'This backup file has no header. Try another copy.');
          await store.commit({
            envelopes,
            log,
            commitBlobs: [...blobs],
            meta: { [HEADER_META_KEY]: header },
          });
          blobs.clear();
          return ok(item.counts);
      }
    }
    return fail('truncated', 'This backup file is incomplete. Try another copy.');
  } catch (error) {
    if (error instanceof BackupReadError) return fail(error.problem, error.message);
    throw error;
  } finally {
    for (const blobId of blobs) await store.discardBlob(blobId);
  }
}
