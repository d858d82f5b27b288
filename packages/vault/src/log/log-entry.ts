import { z } from 'zod';
import type { Hex } from '../types';

/** What an entry records. v1 wrote the first six; v2 adds the account and device events. */
export const LOG_OPS = [
  'open-case',
  'create',
  'update',
  'delete',
  'add-file',
  'purge-file',
  /** A device's chain begins (a v1 casebook upgraded on this device, or a device linked). */
  'open-device',
  'change-passphrase',
  'new-recovery-code',
  /** Wrong passphrases or recovery codes tried since the last unlock. */
  'unlock-failures',
  /** Unlock found the history shorter than it had been: kept in the signed log for good. */
  'history-went-backwards',
  /** A report, export or evidence bundle was made: what went in, what was redacted, its hash. */
  'handover',
] as const;
export type LogOp = (typeof LOG_OPS)[number];

/** Ops whose `sha256` is the digest of the vault header as that commit wrote it. */
export const HEADER_OPS: ReadonlySet<LogOp> = new Set([
  'open-case',
  'open-device',
  'change-passphrase',
  'new-recovery-code',
]);

/** Ops that record a revision of a record or file (their (kind, id, rev) must be stored). */
export const RECORD_OPS: ReadonlySet<LogOp> = new Set([
  'create',
  'update',
  'delete',
  'add-file',
  'purge-file',
]);

export const GENESIS_PREV = '0'.repeat(64) as Hex;
export const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** Audit-log entry v1 (SECURITY.md). `sha256` hashes the record's canonical plaintext or the file. */
export const LogEntryV1Schema = z.object({
  seq: z.number().int().nonnegative(),
  prev: hex64,
  time: z.string(),
  op: z.enum(LOG_OPS),
  kind: z.string(),
  id: z.string(),
  rev: z.number().int().nonnegative(),
  sha256: hex64,
});
export type LogEntryV1 = z.infer<typeof LogEntryV1Schema>;

/**
 * Audit-log entry v2: v1's fields, the device whose chain it is on, and small facts for the
 * account events (how many wrong passphrases, when). Stored encrypted, as v1 is.
 */
export const LogEntryV2Schema = LogEntryV1Schema.extend({
  v: z.literal(2),
  device: z.string().min(1),
  detail: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type LogEntryV2 = z.infer<typeof LogEntryV2Schema>;

export type LogEntry = LogEntryV1 | LogEntryV2;

/** Parses an entry of either version (a v1 parser would silently accept v2's fields). */
export function parseLogEntry(raw: unknown): LogEntry | undefined {
  const isV2 = typeof raw === 'object' && raw !== null && 'v' in raw;
  const parsed = isV2 ? LogEntryV2Schema.safeParse(raw) : LogEntryV1Schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** For zod users outside: either version. */
export const LogEntrySchema = z.union([LogEntryV2Schema, LogEntryV1Schema]);

export interface LogProblem {
  readonly seq: number;
  readonly device?: string;
  readonly message: string;
}
