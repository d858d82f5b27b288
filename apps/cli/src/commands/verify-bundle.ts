import { open } from 'node:fs/promises';
import { type AuditCheck, type BundleReport, verifyBundle } from '@casebook/report';
import { FileHandleReader } from '../bundle/file-handle-reader';
import { checkEd25519, nodeSha256 } from '../bundle/node-bundle-crypto';
import { EXIT, type Output, openFile } from '../io';
import { formatBytes } from './format';

export interface VerifyBundleArgs {
  /** The audit chain check (the vault's keyless chain check), when the caller has one. */
  readonly checkAudit?: (
    files: readonly { path: string; bytes: Uint8Array }[],
    publicKey: Uint8Array,
  ) => Promise<AuditCheck>;
}

function auditLine(audit: BundleReport['audit']): string {
  if (audit === 'absent') return 'there is no audit log in it';
  if (audit === 'not-checked') return 'its audit log was not checked (this version cannot yet)';
  return audit.ok ? `history ${audit.summary}` : 'its audit log has problems';
}

/**
 * `casebook verify <bundle.zip>`: every file's SHA-256 against MANIFEST.sha256, read straight
 * from the ZIP, the signature against pubkey.pem, missing and extra files, and the audit
 * chain when a check is given. 0 intact, 1 problems (each named), 2 unreadable.
 */
export async function verifyBundleCommand(
  path: string,
  output: Output,
  args: VerifyBundleArgs = {},
): Promise<number> {
  const file = await openFile(path);
  if (!file.ok) {
    output.err(file.message);
    return EXIT.failed;
  }
  (file.source as { destroy?: () => void }).destroy?.();
  const handle = await open(path, 'r');
  try {
    const result = await verifyBundle(new FileHandleReader(handle), {
      sha256: nodeSha256,
      checkSignature: checkEd25519,
      ...(args.checkAudit && { checkAudit: args.checkAudit }),
    });
    if (!result.ok) {
      output.err(`${path}: ${result.message}`);
      return EXIT.failed;
    }
    const { report } = result;
    const files = `${report.filesChecked} ${report.filesChecked === 1 ? 'file' : 'files'}`;
    const exhibits = `${report.exhibits} ${report.exhibits === 1 ? 'exhibit' : 'exhibits'}`;
    if (report.intact) {
      output.out(
        `Bundle intact: ${files} (${formatBytes(report.bytesChecked)}), ${exhibits}, manifest signed by key ${report.keyFingerprint}; ${auditLine(report.audit)}.`,
      );
      output.out(
        'Compare that key with the one the casebook itself shows: anyone can sign with a key of their own.',
      );
      return EXIT.ok;
    }
    const n = report.problems.length;
    output.out(
      `Found ${n} ${n === 1 ? 'problem' : 'problems'} in this bundle (${report.filesChecked} of ${report.filesListed} listed files matched):`,
    );
    for (const problem of report.problems) output.out(`- ${problem.message}`);
    return EXIT.problems;
  } finally {
    await handle.close();
  }
}
