import { canonicalJson } from '@casebook/core';
import { z } from 'zod';
import { concatBytes, fromBase64, fromHex, sha256, toBase64, toHex, utf8 } from './encoding';
import { openEnvelope, sealEnvelope } from './envelope';
import { getSodium } from './sodium';
import type { Hex, StoredLogEntry } from './types';

export const LOG_KIND = 'log';
export const GENESIS_PREV = '0'.repeat(64) as Hex;
const DOMAIN = utf8('casebook-log-v1');

export const LOG_OPS = [
  'open-case',
  'create',
  'update',
  'delete',
  'add-file',
  'purge-file',
] as const;
export type LogOp = (typeof LOG_OPS)[number];

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** Audit-log entry v1 (SECURITY.md). `sha256` hashes the record's canonical plaintext or the file. */
export const LogEntrySchema = z.object({
  seq: z.number().int().nonnegative(),
  prev: hex64,
  time: z.string(),
  op: z.enum(LOG_OPS),
  kind: z.string(),
  id: z.string(),
  rev: z.number().int().nonnegative(),
  sha256: hex64,
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

export interface LogProblem {
  readonly seq: number;
  readonly message: string;
}

/** h = SHA-256("casebook-log-v1" ‖ canonical(entry)). */
export async function entryHash(entry: LogEntry): Promise<Hex> {
  return toHex(await sha256(concatBytes(DOMAIN, utf8(canonicalJson(entry)))));
}

export async function sealLogEntry(
  ck: Uint8Array,
  caseId: string,
  signingKey: Uint8Array,
  entry: LogEntry,
): Promise<StoredLogEntry> {
  const sodium = await getSodium();
  const { envelope } = await sealEnvelope(ck, LOG_KIND, caseId, entry.seq, entry);
  const h = await entryHash(entry);
  const sig = sodium.crypto_sign_detached(fromHex(h) ?? new Uint8Array(), signingKey);
  return { seq: entry.seq, env: envelope, h, sig: toBase64(sig) };
}

/**
 * Walks the chain from the start. Stops at the first entry that is altered, missing,
 * out of order or wrongly signed, and names it; entries after it cannot be trusted.
 */
export async function verifyLog(
  ck: Uint8Array,
  caseId: string,
  publicKey: Uint8Array,
  stored: readonly StoredLogEntry[],
): Promise<{ entries: LogEntry[]; problem?: LogProblem }> {
  const sodium = await getSodium();
  const entries: LogEntry[] = [];
  let prev: string = GENESIS_PREV;
  for (let expected = 0; expected < stored.length; expected++) {
    const item = stored[expected];
    const bad = (message: string) => ({ entries, problem: { seq: expected, message } });
    if (!item) return bad(`Audit log entry ${expected} is missing.`);
    if (item.seq !== expected || item.env.rev !== expected) {
      return bad(
        `Audit log entry ${expected} is missing or out of order (found entry ${item.seq} in its place).`,
      );
    }
    const opened = await openEnvelope(ck, item.env);
    if (!opened || item.env.kind !== LOG_KIND || item.env.id !== caseId) {
      return bad(`Audit log entry ${expected} has been altered: it does not decrypt.`);
    }
    const parsed = LogEntrySchema.safeParse(opened.value);
    if (!parsed.success || parsed.data.seq !== expected) {
      return bad(`Audit log entry ${expected} is not a valid entry.`);
    }
    const entry = parsed.data;
    if (entry.prev !== prev) {
      return bad(
        `Audit log entry ${expected} does not follow entry ${expected - 1}: the chain is broken.`,
      );
    }
    const h = await entryHash(entry);
    if (h !== item.h)
      return bad(`Audit log entry ${expected} has been altered: its hash does not match.`);
    const sig = fromBase64(item.sig);
    const hBytes = fromHex(h);
    let signed = false;
    try {
      signed = !!sig && !!hBytes && sodium.crypto_sign_verify_detached(sig, hBytes, publicKey);
    } catch {
      signed = false;
    }
    if (!signed) return bad(`Audit log entry ${expected} is not signed by this casebook's key.`);
    entries.push(entry);
    prev = h;
  }
  return { entries };
}
