/**
 * The audit log as it leaves the device in an evidence bundle (format: FORMAT.md beside this
 * file). Three files: the signed head, the chain exactly as stored (ciphertext, hashes,
 * signatures, device certificates) and the entries in words. Anyone holding only the bundle
 * can check order, links, signatures and the head; the words are vouched for by the identity's
 * signature over the bundle's manifest.
 */
import { z } from 'zod';
import { fromHex, fromUtf8, toHex, utf8 } from '../encoding';
import { openEnvelope } from '../envelope';
import {
  CHECKPOINT_META_KEY,
  type Checkpoint,
  CheckpointSchema,
  checkpointIsSigned,
  decodeCheckpoint,
  fingerprintOf,
} from '../log/checkpoint';
import { DeviceCertSchema } from '../log/device-cert';
import { walkChains } from '../log/log-chain';
import { HEADER_OPS, type LogEntry, parseLogEntry, RECORD_OPS } from '../log/log-entry';
import type { StoredLogEntry } from '../types';
import type { HasInternals } from '../vault-internals';

export const AUDIT_EXPORT_FORMAT = 'casebook-audit-export';
export const AUDIT_EXPORT_VERSION = 1;
/** What a withheld record hash reads as in the words. */
export const WITHHELD = 'withheld';

const HeadSchema = z.object({
  format: z.literal(AUDIT_EXPORT_FORMAT),
  version: z.literal(AUDIT_EXPORT_VERSION),
  case: z.string().min(1),
  identityKey: z.string().regex(/^[0-9a-f]{64}$/),
  checkpoint: CheckpointSchema.nullable(),
  fingerprint: z.string().nullable(),
  exportedAt: z.string(),
  withheld: z.enum(['none', 'record-hashes']),
});
export type AuditExportHead = z.infer<typeof HeadSchema>;

export interface AuditExport {
  /** `audit/head.json` */
  readonly head: Uint8Array;
  /** `audit/chain.jsonl` */
  readonly chain: Uint8Array;
  /** `audit/log.jsonl` */
  readonly log: Uint8Array;
  readonly entries: number;
  readonly fingerprint?: string;
}

export interface AuditExportOptions {
  /**
   * Leave out each record revision's hash from the words. A record's hash is over its whole
   * plaintext, so beside a disclosure copy whose other fields are shown it would let anyone
   * confirm a guess at a redacted one (a child's name). Header and file hashes stay.
   */
  readonly withholdRecordHashes?: boolean;
}

const lines = (values: readonly unknown[]) =>
  utf8(values.map((v) => `${JSON.stringify(v)}\n`).join(''));

/** Exports the audit log of an unlocked vault for a bundle. */
export async function exportAudit(
  vault: HasInternals,
  options: AuditExportOptions = {},
): Promise<AuditExport> {
  const { store, header, keys, now } = vault.internals;
  const stored = await store.readLog();
  const words: LogEntry[] = [];
  for (const item of stored) {
    const opened = await openEnvelope(keys.ck, item.env);
    const entry = opened && parseLogEntry(opened.value);
    if (!entry) continue;
    const withhold =
      options.withholdRecordHashes === true &&
      RECORD_OPS.has(entry.op) &&
      entry.op !== 'add-file' &&
      entry.op !== 'purge-file';
    words.push(withhold ? ({ ...entry, sha256: WITHHELD } as unknown as LogEntry) : entry);
  }
  const checkpoint = decodeCheckpoint(await store.getMeta(CHECKPOINT_META_KEY)) ?? null;
  const fingerprint = checkpoint ? await fingerprintOf(header.caseId, checkpoint) : null;
  const head: AuditExportHead = {
    format: AUDIT_EXPORT_FORMAT,
    version: AUDIT_EXPORT_VERSION,
    case: header.caseId,
    identityKey: toHex(keys.publicKey),
    checkpoint,
    fingerprint,
    exportedAt: now(),
    withheld: options.withholdRecordHashes ? 'record-hashes' : 'none',
  };
  return {
    head: utf8(`${JSON.stringify(head, null, 2)}\n`),
    chain: lines(stored),
    log: lines(words),
    entries: words.length,
    ...(fingerprint && { fingerprint }),
  };
}

export interface AuditExportCheck {
  /** True when the chain is whole and signed and the head is signed and names its last entry. */
  readonly ok: boolean;
  readonly problems: readonly string[];
  readonly entries: number;
  readonly case?: string;
  readonly identityKey?: string;
  readonly checkpoint?: {
    readonly seq: number;
    readonly time: string;
    readonly fingerprint: string;
  };
  readonly withheld?: AuditExportHead['withheld'];
}

const StoredSchema = z.object({
  seq: z.number().int().nonnegative(),
  env: z.object({
    v: z.literal(1),
    kind: z.string(),
    id: z.string(),
    rev: z.number(),
    nonce: z.string(),
    ct: z.string(),
  }),
  h: z.string().regex(/^[0-9a-f]{64}$/),
  sig: z.string(),
  v: z.literal(2).optional(),
  device: z.string().optional(),
  prev: z.string().optional(),
  cert: DeviceCertSchema.optional(),
});

function parseLines(bytes: Uint8Array, what: string, problems: string[]): unknown[] {
  const out: unknown[] = [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    problems.push(`${what} is not readable text.`);
    return out;
  }
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      problems.push(`${what} line ${i + 1} is not readable.`);
    }
  }
  return out;
}

/**
 * Checks an exported audit log with no key but the identity public key it names: every
 * chain's order, links, hashes and signatures, that the words match the chain entry for entry,
 * and that the signed head names the last entry. The caller decides whether that key is the
 * one it expects (a bundle's manifest is signed by the same key).
 */
export async function verifyAuditExport(files: {
  head: Uint8Array;
  chain: Uint8Array;
  log: Uint8Array;
}): Promise<AuditExportCheck> {
  const problems: string[] = [];
  let head: AuditExportHead;
  try {
    const parsed = HeadSchema.safeParse(JSON.parse(fromUtf8(files.head)));
    if (!parsed.success)
      return { ok: false, problems: ['The audit head is not one Casebook wrote.'], entries: 0 };
    head = parsed.data;
  } catch {
    return { ok: false, problems: ['The audit head is not readable.'], entries: 0 };
  }
  const identityKey = fromHex(head.identityKey) ?? new Uint8Array();
  const stored: StoredLogEntry[] = [];
  for (const raw of parseLines(files.chain, 'The audit chain', problems)) {
    const parsed = StoredSchema.safeParse(raw);
    if (parsed.success) stored.push(parsed.data as unknown as StoredLogEntry);
    else problems.push('An audit chain entry is not one Casebook wrote.');
  }
  const words = new Map<string, Record<string, unknown>>();
  const wordKey = (device: string, seq: number) => `${device}\u0000${seq}`;
  for (const raw of parseLines(files.log, 'The audit log', problems)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const entry = raw as Record<string, unknown>;
    const device = typeof entry.device === 'string' ? entry.device : '';
    const seq = typeof entry.seq === 'number' ? entry.seq : -1;
    const key = wordKey(device, seq);
    if (words.has(key)) problems.push(`Audit log entry ${seq} appears twice in words.`);
    words.set(key, entry);
  }
  // A hash reads "withheld" only in a copy that says so, and only for a record revision: any
  // other "withheld" is an altered entry (else the words of any v1 entry could be swapped).
  const withheld = (entry: Record<string, unknown> | undefined) =>
    head.withheld === 'record-hashes' &&
    entry?.sha256 === WITHHELD &&
    (entry.op === 'create' || entry.op === 'update' || entry.op === 'delete');
  const restore = (entry: Record<string, unknown> | undefined) =>
    entry && withheld(entry) ? { ...entry, sha256: '0'.repeat(64) } : entry;
  const result = await walkChains(head.case, identityKey, stored, {
    v1: async (item) => restore(words.get(wordKey('', item.seq))),
    v2: async (item) => restore(words.get(wordKey(item.device ?? '', item.seq))),
    v1Withheld: (item) => withheld(words.get(wordKey('', item.seq))),
  });
  if (stored.length === 0) problems.push('The audit log is empty.');
  for (const p of result.problems) problems.push(p.message);
  if (words.size !== stored.length) {
    problems.push(
      `The audit log has ${words.size} entries in words but ${stored.length} in its chain.`,
    );
  }
  for (const entry of result.entries) {
    if (entry.sha256 === '0'.repeat(64) && HEADER_OPS.has(entry.op)) {
      problems.push(`Audit log entry ${entry.seq} has lost its header hash.`);
    }
  }
  let checkpoint: AuditExportCheck['checkpoint'];
  if (head.checkpoint) {
    const cp: Checkpoint = head.checkpoint;
    const chain = result.chains.find((c) => c.device === cp.device);
    const last = chain?.points.at(-1);
    if (cp.case !== head.case || !(await checkpointIsSigned(cp, identityKey))) {
      problems.push('The signed head is not signed by this casebook’s key.');
    } else if (!chain?.points.some((p) => p.seq === cp.seq && p.h === cp.h)) {
      problems.push(
        `The signed head names entry ${cp.seq}, which is not in this audit log: entries are missing.`,
      );
    } else if (last && last.seq !== cp.seq) {
      problems.push(`The audit log goes on past its signed head (entry ${cp.seq}).`);
    }
    const fingerprint = await fingerprintOf(head.case, cp);
    if (head.fingerprint !== null && head.fingerprint !== fingerprint) {
      problems.push('The fingerprint written in the audit head does not match its signed head.');
    }
    checkpoint = { seq: cp.seq, time: cp.time, fingerprint };
  } else {
    // Every export is made unlocked, and an unlocked casebook always has a signed head: one
    // without it has been cut back (to a v1 prefix, or to nothing).
    problems.push('The audit log has no signed head, so nobody can tell where it should end.');
  }
  return {
    ok: problems.length === 0,
    problems,
    entries: result.entries.length,
    case: head.case,
    identityKey: head.identityKey,
    withheld: head.withheld,
    ...(checkpoint && { checkpoint }),
  };
}
