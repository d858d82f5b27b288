/**
 * The audit log as v1 wrote it: one chain per case, entry hashes over the plaintext entry.
 * Kept so that every v1 casebook verifies forever; new entries are v2 (log-chain.ts).
 */
import { canonicalJson } from '@casebook/core';
import { concatBytes, fromBase64, fromHex, sha256, toBase64, toHex, utf8 } from '../encoding';
import { openEnvelope, sealEnvelope } from '../envelope';
import { getSodium } from '../sodium';
import type { Hex, StoredLogEntry } from '../types';
import { GENESIS_PREV, type LogEntryV1, LogEntryV1Schema, type LogProblem } from './log-entry';

export const LOG_KIND = 'log';
const DOMAIN = utf8('casebook-log-v1');

/** h = SHA-256("casebook-log-v1" ‖ canonical(entry)). */
export async function entryHashV1(entry: LogEntryV1): Promise<Hex> {
  return toHex(await sha256(concatBytes(DOMAIN, utf8(canonicalJson(entry)))));
}

/** Writes a v1 entry. Only tests use it now (to make v1 data); the vault writes v2. */
export async function sealLogEntryV1(
  ck: Uint8Array,
  caseId: string,
  signingKey: Uint8Array,
  entry: LogEntryV1,
): Promise<StoredLogEntry> {
  const sodium = await getSodium();
  const { envelope } = await sealEnvelope(ck, LOG_KIND, caseId, entry.seq, entry);
  const h = await entryHashV1(entry);
  const sig = sodium.crypto_sign_detached(fromHex(h) ?? new Uint8Array(), signingKey);
  return { seq: entry.seq, env: envelope, h, sig: toBase64(sig) };
}

export function isV1Entry(item: StoredLogEntry): boolean {
  return item.v === undefined;
}

/**
 * Walks a v1 chain from the start. Stops at the first entry that is altered, missing,
 * out of order or wrongly signed, and names it; entries after it cannot be trusted.
 */
export async function verifyLogV1(
  ck: Uint8Array,
  caseId: string,
  publicKey: Uint8Array,
  stored: readonly StoredLogEntry[],
): Promise<{ entries: LogEntryV1[]; problem?: LogProblem; tip: Hex }> {
  return walkLogV1(publicKey, stored, async (item) => {
    const opened = await openEnvelope(ck, item.env);
    if (!opened || item.env.kind !== LOG_KIND || item.env.id !== caseId) return undefined;
    return opened.value;
  });
}

/**
 * The v1 walk, given a way to read each entry's plaintext: by decrypting it (above), or, for a
 * bundle checked without keys, from the readable log beside it. v1 hashes the plaintext, so a
 * v1 entry read either way is bound to its signed hash.
 */
export async function walkLogV1(
  publicKey: Uint8Array,
  stored: readonly StoredLogEntry[],
  read: (item: StoredLogEntry) => Promise<unknown | undefined>,
  /**
   * For a copy whose entries' record hashes were withheld (a disclosure bundle): the entry
   * cannot be re-hashed, so its signed hash stands for it and only links and signatures count.
   */
  withheld: (item: StoredLogEntry) => boolean = () => false,
): Promise<{ entries: LogEntryV1[]; problem?: LogProblem; tip: Hex }> {
  const sodium = await getSodium();
  const entries: LogEntryV1[] = [];
  let prev: Hex = GENESIS_PREV;
  for (let expected = 0; expected < stored.length; expected++) {
    const item = stored[expected];
    const bad = (message: string) => ({ entries, tip: prev, problem: { seq: expected, message } });
    if (!item) return bad(`Audit log entry ${expected} is missing.`);
    if (item.seq !== expected || item.env.rev !== expected) {
      return bad(
        `Audit log entry ${expected} is missing or out of order (found entry ${item.seq} in its place).`,
      );
    }
    const value = await read(item);
    if (value === undefined) {
      return bad(`Audit log entry ${expected} has been altered: it does not decrypt.`);
    }
    const parsed = LogEntryV1Schema.safeParse(value);
    if (!parsed.success || parsed.data.seq !== expected) {
      return bad(`Audit log entry ${expected} is not a valid entry.`);
    }
    const entry = parsed.data;
    if (entry.prev !== prev) {
      return bad(
        `Audit log entry ${expected} does not follow entry ${expected - 1}: the chain is broken.`,
      );
    }
    const h = withheld(item) ? item.h : await entryHashV1(entry);
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
  return { entries, tip: prev };
}
