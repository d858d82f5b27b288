/**
 * The audit log's three files in a bundle, and the check `casebook verify` runs on them: the
 * vault's keyless chain check, plus that the audit head names the very key that signed the
 * bundle's manifest (a log from another casebook, or a manifest re-signed by another key, fails).
 */
import type { AuditCheck, GeneratedFile } from '@casebook/report';
import { type AuditExport, exportAudit, type Vault, verifyAuditExport } from '@casebook/vault';

export const AUDIT_PATHS = {
  head: 'audit/head.json',
  chain: 'audit/chain.jsonl',
  log: 'audit/log.jsonl',
} as const;

export async function auditFiles(
  vault: Vault,
  options: { withholdRecordHashes: boolean },
): Promise<{ files: GeneratedFile[]; exported: AuditExport }> {
  const exported = await exportAudit(vault, options);
  return {
    exported,
    files: [
      { path: AUDIT_PATHS.head, bytes: exported.head },
      { path: AUDIT_PATHS.chain, bytes: exported.chain },
      { path: AUDIT_PATHS.log, bytes: exported.log },
    ],
  };
}

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The `checkAudit` hook for `verifyBundle`. */
export async function checkBundleAudit(
  files: readonly GeneratedFile[],
  publicKey: Uint8Array,
): Promise<AuditCheck> {
  const find = (path: string) => files.find((f) => f.path === path)?.bytes;
  const head = find(AUDIT_PATHS.head);
  const chain = find(AUDIT_PATHS.chain);
  const log = find(AUDIT_PATHS.log);
  const missing = Object.values(AUDIT_PATHS).filter((p) => !find(p));
  if (!head || !chain || !log) {
    return {
      ok: false,
      problems: missing.map((p) => `${p} is missing, so the history cannot be checked.`),
    };
  }
  const check = await verifyAuditExport({ head, chain, log });
  const problems = [...check.problems];
  if (check.identityKey !== undefined && check.identityKey !== hex(publicKey)) {
    problems.push(
      'The audit log belongs to a different key from the one that signed the manifest.',
    );
  }
  if (problems.length > 0 || !check.ok) return { ok: false, problems };
  const where = check.checkpoint
    ? `checked up to entry ${check.checkpoint.seq} (${check.checkpoint.time}), fingerprint ${check.checkpoint.fingerprint}`
    : `of ${check.entries} entries checked`;
  const withheld =
    check.withheld === 'record-hashes' ? '; record hashes withheld in this disclosure copy' : '';
  return { ok: true, summary: `${where}${withheld}` };
}
