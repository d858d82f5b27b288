import { createHash } from 'node:crypto';
import {
  type BackupContents,
  compareWithCopy,
  compareWithFingerprint,
  describeTime,
  type HistoryComparison,
  parseFingerprint,
  verifyBackup,
} from '@casebook/vault';
import { looksLikeBundle } from '../bundle/looks-like-bundle';
import { nodeChunkCipher } from '../intake/node-seal';
import { EXIT, type Output, openFile } from '../io';
import { readPassphrase } from '../passphrase';
import { formatBytes, keyFingerprint } from './format';
import { openBackupArgs } from './open-backup';

/** Node's SHA-256 is faster than the portable one and has the same shape. */
export const nodeSha256 = () => createHash('sha256');

export interface VerifyArgs {
  /** A checkpoint fingerprint from an earlier copy (a report, the Audit log screen). */
  readonly expect?: string | undefined;
  /** An earlier .casebook whose history must be contained in this one. */
  readonly against?: string | undefined;
}

const FINGERPRINT_EXAMPLE = '194-3F2A-9C01-77B0-12DE-5A1C';

/** The earlier copy, opened with the same passphrase or, if that fails, its own. */
async function openEarlier(
  path: string,
  passphrase: string,
  output: Output,
): Promise<BackupContents | number> {
  for (const attempt of [passphrase, undefined]) {
    const file = await openFile(path);
    if (!file.ok) {
      output.err(file.message);
      return EXIT.failed;
    }
    const secret =
      attempt ??
      process.env.CASEBOOK_AGAINST_PASSPHRASE ??
      (await readPassphrase(`Passphrase for ${path} (it may be an older one): `));
    if (secret === undefined) break;
    const result = await verifyBackup(file.source, { passphrase: secret }, { checkFiles: false });
    if (result.ok) return result.value;
    if (result.reason !== 'wrong-passphrase' || attempt === undefined) {
      output.err(`${path}: ${result.message}`);
      return EXIT.failed;
    }
  }
  output.err(
    `The passphrase does not open ${path}. Set CASEBOOK_AGAINST_PASSPHRASE to the passphrase it had, then try again.`,
  );
  return EXIT.failed;
}

/**
 * `casebook verify <file.casebook> [--expect <fingerprint>] [--against <older.casebook>]`:
 * chains, signatures, header, checkpoint, every record and file hash; then, if asked, that the
 * history still holds an earlier copy's checkpoint (a cut of the newest entries shows there).
 */
export async function verifyCommand(
  path: string,
  output: Output,
  args: VerifyArgs = {},
): Promise<number> {
  if (await looksLikeBundle(path)) {
    if (args.expect !== undefined || args.against !== undefined) {
      output.err(
        '--expect and --against are for casebook files (.casebook), not for an evidence bundle.',
      );
      return EXIT.failed;
    }
    // Loaded only for a bundle: the report package is slow to load (fonts, PDF).
    const [{ verifyBundleCommand }, { checkBundleAudit }] = await Promise.all([
      import('./verify-bundle'),
      import('@casebook/handover'),
    ]);
    return verifyBundleCommand(path, output, { checkAudit: checkBundleAudit });
  }
  const expected = args.expect === undefined ? undefined : parseFingerprint(args.expect);
  if (args.expect !== undefined && !expected) {
    output.err(
      `"${args.expect}" is not a checkpoint fingerprint. Type it as Casebook prints it, e.g. ${FINGERPRINT_EXAMPLE}.`,
    );
    return EXIT.failed;
  }
  const opened = await openBackupArgs(path, output);
  if (typeof opened === 'number') return opened;
  const { source, passphrase } = opened;
  const result = await verifyBackup(
    source,
    { passphrase },
    { hasher: nodeSha256, cipher: nodeChunkCipher },
  );
  if (!result.ok) {
    output.err(result.message);
    return EXIT.failed;
  }
  const { report, header, files } = result.value;
  const comparisons: HistoryComparison[] = [];
  if (expected && args.expect !== undefined) {
    comparisons.push(
      await compareWithFingerprint(header.caseId, result.value.chains, expected, args.expect),
    );
  }
  if (args.against !== undefined && (await looksLikeBundle(args.against))) {
    // A bundle handed over earlier: this casebook must still hold the history it carried.
    const { bundleHistory } = await import('../bundle/bundle-history');
    const handed = await bundleHistory(args.against);
    if (!handed.ok) {
      output.err(handed.message);
      return EXIT.failed;
    }
    const sameKey =
      Buffer.from(header.identity.publicKey, 'base64').toString('hex') === handed.identityKey;
    if (handed.caseId !== header.caseId || !sameKey) {
      comparisons.push({
        ok: false,
        message: `${args.against} was made from a different casebook (another case or key), so it says nothing about this one's history.`,
      });
    } else {
      const point = parseFingerprint(handed.fingerprint);
      comparisons.push(
        point
          ? await compareWithFingerprint(
              header.caseId,
              result.value.chains,
              point,
              handed.fingerprint,
            )
          : { ok: false, message: `${args.against} names no history Casebook can compare.` },
      );
    }
  } else if (args.against !== undefined) {
    const earlier = await openEarlier(args.against, passphrase, output);
    if (typeof earlier === 'number') return earlier;
    comparisons.push(
      compareWithCopy(
        { caseId: header.caseId, chains: result.value.chains },
        {
          caseId: earlier.header.caseId,
          chains: earlier.chains,
          ...(earlier.checkpoint !== undefined && { checkpoint: earlier.checkpoint }),
        },
      ),
    );
  }

  const bytes = files.reduce((n, f) => n + f.size, 0);
  const checked = `${report.counts.logEntries} audit-log entries, ${report.counts.revisions} record revisions and ${files.length} files (${formatBytes(bytes)})`;
  output.out(
    `Casebook ${header.vaultId.slice(0, 8)}, signing key ${await keyFingerprint(header.identity.publicKey)}`,
  );
  if (report.checkpoint) {
    output.out(
      `History checked up to entry ${report.checkpoint.seq}, signed ${describeTime(report.checkpoint.time)}: checkpoint ${report.checkpoint.fingerprint}`,
    );
  }
  for (const note of report.notes ?? []) output.out(`Note: ${note}`);
  const problems = [
    ...report.problems.map((p) => p.message),
    ...comparisons.filter((c) => !c.ok).map((c) => c.message),
  ];
  for (const c of comparisons) if (c.ok) output.out(c.message);
  if (problems.length === 0) {
    output.out(`No problems found. Checked ${checked}.`);
    return EXIT.ok;
  }
  output.out(
    `Found ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} (checked ${checked}):`,
  );
  for (const problem of problems) output.out(`- ${problem}`);
  return EXIT.problems;
}
