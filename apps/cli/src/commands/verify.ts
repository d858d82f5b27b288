import { createHash } from 'node:crypto';
import { verifyBackup } from '@casebook/vault';
import { EXIT, type Output, openFile } from '../io';
import { NO_PASSPHRASE, readPassphrase } from '../passphrase';
import { formatBytes, keyFingerprint } from './format';

/** Node's SHA-256 is faster than the portable one and has the same shape. */
export const nodeSha256 = () => createHash('sha256');

/** `casebook verify <file.casebook>`: chain, signatures, every record and file hash. */
export async function verifyCommand(path: string, output: Output): Promise<number> {
  const file = await openFile(path);
  if (!file.ok) {
    output.err(file.message);
    return EXIT.failed;
  }
  const passphrase = await readPassphrase();
  if (passphrase === undefined) {
    output.err(NO_PASSPHRASE);
    return EXIT.failed;
  }
  const result = await verifyBackup(file.source, { passphrase }, { hasher: nodeSha256 });
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
