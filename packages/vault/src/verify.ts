import { type LogEntry, verifyLog } from './audit-log';
import { sha256, toHex } from './encoding';
import { openEnvelope } from './envelope';
import type { Envelope, RecordKind, StoredLogEntry } from './types';
import type { VaultHeader } from './vault-header';
import type { VaultKeys } from './vault-keys';

/** One thing verification found wrong, named so a person can find it. */
export interface VerifyProblem {
  /** What it concerns, e.g. "audit log entry 12" or "incident 3f2a… revision 2". */
  readonly where: string;
  readonly message: string;
  readonly kind?: RecordKind;
  readonly id?: string;
  readonly seq?: number;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly problems: readonly VerifyProblem[];
  readonly counts: {
    readonly logEntries: number;
    readonly revisions: number;
    readonly files: number;
  };
}

const revKey = (kind: string, id: string, rev: number) => `${kind}\u0000${id}\u0000${rev}`;
const RECORD_OPS = new Set(['create', 'update', 'delete', 'add-file', 'purge-file']);

export function describeRecord(kind: string, id: string, rev?: number): string {
  const name = kind === 'blob' ? 'file' : kind;
  return rev === undefined
    ? `${name} ${id.slice(0, 8)}`
    : `${name} ${id.slice(0, 8)} revision ${rev}`;
}

/**
 * Checks the audit chain and its signatures, then that every stored revision is
 * exactly what the log recorded, and that nothing the log recorded is missing.
 * Files are checked separately (they stream).
 */
export async function verifyRecords(
  header: VaultHeader,
  keys: VaultKeys,
  log: readonly StoredLogEntry[],
  envelopes: readonly Envelope[],
): Promise<{ problems: VerifyProblem[]; entries: LogEntry[]; manifests: Map<string, unknown> }> {
  const problems: VerifyProblem[] = [];
  const chain = await verifyLog(keys.ck, header.caseId, keys.publicKey, log);
  if (chain.problem) {
    problems.push({
      where: `audit log entry ${chain.problem.seq}`,
      message: chain.problem.message,
      seq: chain.problem.seq,
    });
  }
  const logged = new Map<string, LogEntry>();
  for (const entry of chain.entries) {
    if (RECORD_OPS.has(entry.op)) logged.set(revKey(entry.kind, entry.id, entry.rev), entry);
  }

  const present = new Set<string>();
  const manifests = new Map<string, unknown>();
  for (const env of envelopes) {
    const key = revKey(env.kind, env.id, env.rev);
    present.add(key);
    const where = describeRecord(env.kind, env.id, env.rev);
    const opened = await openEnvelope(keys.ck, env);
    if (!opened) {
      problems.push({
        where,
        kind: env.kind,
        id: env.id,
        message: `${where} has been altered or damaged: it does not decrypt.`,
      });
      continue;
    }
    const entry = logged.get(key);
    if (!entry) {
      // After a broken chain the later entries are unknown, so only report when the chain was whole.
      if (!chain.problem) {
        problems.push({
          where,
          kind: env.kind,
          id: env.id,
          message: `${where} is not in the audit log: it was added outside Casebook.`,
        });
      }
      continue;
    }
    if (env.kind === 'blob' && entry.op === 'add-file') {
      // A file's log entry holds the file's own SHA-256; the manifest must state the same.
      const payload = opened.value as { body?: { sha256?: unknown } };
      if (payload.body?.sha256 !== entry.sha256) {
        problems.push({
          where,
          kind: env.kind,
          id: env.id,
          message: `${where} does not match its audit-log entry.`,
        });
      }
      manifests.set(env.id, payload.body);
      continue;
    }
    if (env.kind === 'blob') manifests.delete(env.id);
    if (toHex(await sha256(opened.canonical)) !== entry.sha256) {
      problems.push({
        where,
        kind: env.kind,
        id: env.id,
        message: `${where} does not match its audit-log entry: it was changed outside Casebook.`,
      });
    }
  }
  for (const entry of chain.entries) {
    if (!RECORD_OPS.has(entry.op)) continue;
    if (!present.has(revKey(entry.kind, entry.id, entry.rev))) {
      const where = describeRecord(entry.kind, entry.id, entry.rev);
      problems.push({
        where,
        kind: entry.kind,
        id: entry.id,
        seq: entry.seq,
        message: `${where} is missing: audit log entry ${entry.seq} recorded it, but it has been removed.`,
      });
    }
  }
  return { problems, entries: chain.entries, manifests };
}
