import { createHash } from 'node:crypto';
import { verifyBackup } from '@casebook/vault';
import { EXIT, type Output } from '../io';
import { formatBytes, keyFingerprint } from './format';
import { openBackupArgs } from './open-backup';

/** Node's SHA-256 is faster than the portable one and has the same shape. */
export const nodeSha256 = () => createHash('sha256');

/** `casebook verify <file.casebook>`: chain, signatures, every record and file hash. */
export async function verifyCommand(path: string, output: Output): Promise<number> {
  const opened = await openBackupArgs(path, output);
  if (typeof opened === 'number') return opened;
  const { source, passphrase } = opened;
  const result = await verifyBackup(source, { passphrase }, { hasher: nodeSha256 });
  if (!result.ok) {
    output.err(result.message);
    return EXIT.failed;
  }
  const { report, header, files } = result.value;
  const bytes = files.reduce((n, f) => n + f.size, 0);
  const checked = `${report.counts.logEntries} audit-log entries, ${report.counts.revisions} record revisions and ${files.length} files (${formatBytes(bytes)})`;
  output.out(
    `Casebook ${header.vaultId.slice(0, 8)}, signing key ${await keyFingerprint(header.identity.publicKey)}`,
  );
  if (report.ok) {
    output.out(`No problems found. Checked ${checked}.`);
    return EXIT.ok;
  }
  output.out(
    `Found ${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'} (checked ${checked}):`,
  );
  for (const problem of report.problems) output.out(`- ${problem.message}`);
  return EXIT.problems;
}
