/**
 * The history an evidence bundle handed over, for `casebook verify <file.casebook> --against
 * <bundle.zip>`: its audit log is checked (no key needed), and its signed head's fingerprint
 * is what a later casebook must still hold.
 */
import { open } from 'node:fs/promises';
import { verifyAuditExport } from '@casebook/vault';
import { Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { FileHandleReader } from './file-handle-reader';

const AUDIT = ['audit/head.json', 'audit/chain.jsonl', 'audit/log.jsonl'] as const;
const CAP = 256 * 1024 * 1024;

export type BundleHistory =
  | { ok: true; caseId: string; identityKey: string; fingerprint: string; time: string }
  | { ok: false; message: string };

export async function bundleHistory(path: string): Promise<BundleHistory> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch {
    return { ok: false, message: `Casebook cannot open ${path}.` };
  }
  try {
    const zip = new ZipReader(new FileHandleReader(handle), { useWebWorkers: false });
    const entries = await zip.getEntries().catch(() => undefined);
    if (!entries) return { ok: false, message: `${path} is not a ZIP file Casebook can read.` };
    const files: Uint8Array[] = [];
    for (const name of AUDIT) {
      const entry = entries.find((e) => e.filename === name && !e.directory);
      if (!entry || entry.uncompressedSize > CAP || !('getData' in entry) || !entry.getData)
        return {
          ok: false,
          message: `${path} holds no audit log (${name}), so there is nothing to compare.`,
        };
      files.push(await entry.getData(new Uint8ArrayWriter()));
    }
    await zip.close();
    const [head, chain, log] = files as [Uint8Array, Uint8Array, Uint8Array];
    const check = await verifyAuditExport({ head, chain, log });
    if (!check.ok || !check.checkpoint || !check.case || !check.identityKey) {
      const why = check.problems[0] ?? 'it has no signed head';
      return {
        ok: false,
        message: `The audit log in ${path} does not check (${why}), so it cannot be compared.`,
      };
    }
    return {
      ok: true,
      caseId: check.case,
      identityKey: check.identityKey,
      fingerprint: check.checkpoint.fingerprint,
      time: check.checkpoint.time,
    };
  } finally {
    await handle.close();
  }
}
