import type { Sha256HasherFactory } from './blob/sha256-hasher';
import { FileManifestSchema, hashStoredFile } from './files';
import { CHECKPOINT_META_KEY, decodeCheckpoint } from './log/checkpoint';
import type { HasInternals } from './vault-internals';
import {
  checkCheckpoint,
  describeRecord,
  type VerifyProblem,
  type VerifyReport,
  verifyRecords,
} from './verify';

/**
 * Verify casebook: the audit chain and signatures, every record against its log entry,
 * and every file decrypted and hashed against the SHA-256 taken at intake.
 */
export async function verifyVault(
  vault: HasInternals,
  options: { hasher?: Sha256HasherFactory } = {},
): Promise<VerifyReport> {
  const { store, header, keys } = vault.internals;
  const log = await store.readLog();
  const envelopes = await store.listEnvelopes();
  const sides = await store.listSides();
  const checkpoint = decodeCheckpoint(await store.getMeta(CHECKPOINT_META_KEY));
  const checked = await verifyRecords(header, keys, log, envelopes, sides);
  const { problems, manifests } = checked;
  const cp = await checkCheckpoint(header, keys, checked.chains, checkpoint, checked.hasV2);
  problems.push(...cp.problems);
  const all: VerifyProblem[] = [...problems];
  let files = 0;
  for (const [blobId, body] of manifests) {
    const where = describeRecord('blob', blobId);
    const manifest = FileManifestSchema.safeParse(body);
    if (!manifest.success) {
      all.push({ where, kind: 'blob', id: blobId, message: `The record of ${where} is damaged.` });
      continue;
    }
    files += 1;
    try {
      const digest = await hashStoredFile(vault, manifest.data, options.hasher);
      if (digest !== manifest.data.sha256) {
        all.push({
          where,
          kind: 'blob',
          id: blobId,
          message: `${where} has changed since it was added: its SHA-256 no longer matches.`,
        });
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      all.push({
        where,
        kind: 'blob',
        id: blobId,
        message: `${where} has been altered or damaged: ${reason}`,
      });
    }
  }
  return {
    ok: all.length === 0,
    problems: all,
    counts: { logEntries: log.length, revisions: envelopes.length + sides.length, files },
    ...(cp.reached !== undefined && { checkpoint: cp.reached }),
    notes: checked.notes,
  };
}
