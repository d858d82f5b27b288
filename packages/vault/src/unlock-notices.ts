/**
 * What unlock has to tell the person: wrong passphrases tried since they last opened the
 * casebook, and a casebook that has gone backwards (newest entries gone) since then.
 */
import { z } from 'zod';
import { fromBase64, fromUtf8, toBase64, utf8 } from './encoding';
import { openEnvelope, sealEnvelope } from './envelope';
import { CHECKPOINT_META_KEY, checkpointIsSigned, decodeCheckpoint } from './log/checkpoint';
import { getSodium } from './sodium';
import type { StoredLogEntry, VaultStore } from './types';
import type { VaultHeaderV2 } from './vault-header';
import type { VaultKeysV2 } from './vault-keys';

export const ATTEMPTS_META_KEY = 'attempts';
/** Enough to tell the story; a script trying for days must not fill the disk. */
const MAX_ATTEMPTS_KEPT = 500;

export interface FailedAttempts {
  readonly count: number;
  /** ISO time of the first and the last attempt. */
  readonly first: string;
  readonly last: string;
  /** How many were recovery codes rather than passphrases. */
  readonly recoveryCodes: number;
}

export interface WentBackwards {
  /** Entry number the casebook now ends at, and the one it reached before. */
  readonly now: number;
  readonly before: number;
  /** What showed it: the signed checkpoint, its absence, or this device's token. */
  readonly source: 'checkpoint' | 'missing-checkpoint' | 'device-token';
  readonly message: string;
}

export interface UnlockNotices {
  readonly failedAttempts?: FailedAttempts;
  readonly wentBackwards?: WentBackwards;
  /** True when this unlock upgraded a version 1 casebook to version 2. */
  readonly upgraded?: boolean;
}

const AttemptSchema = z.object({ time: z.string(), how: z.enum(['passphrase', 'recovery-code']) });

function readList(bytes: Uint8Array | undefined): string[] {
  if (!bytes) return [];
  try {
    const raw = JSON.parse(fromUtf8(bytes));
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Notes a wrong passphrase or recovery code, sealed to the casebook's notices key: anyone can
 * add a note, only the casebook can read them. Never wipes or locks anything out: a stalker
 * could use that to destroy the evidence.
 */
export async function recordFailedAttempt(
  store: VaultStore,
  header: VaultHeaderV2,
  how: 'passphrase' | 'recovery-code',
  time: string,
): Promise<void> {
  const sodium = await getSodium();
  const publicKey = fromBase64(header.notices.publicKey);
  if (!publicKey || publicKey.length !== sodium.crypto_box_PUBLICKEYBYTES) return;
  const sealed = sodium.crypto_box_seal(utf8(JSON.stringify({ time, how })), publicKey);
  const list = readList(await store.getMeta(ATTEMPTS_META_KEY));
  list.push(toBase64(sealed));
  const kept = list.slice(-MAX_ATTEMPTS_KEPT);
  await store.commit({
    envelopes: [],
    log: [],
    meta: { [ATTEMPTS_META_KEY]: utf8(JSON.stringify(kept)) },
  });
}

/** Opens the sealed notes; ones that do not open (damaged, or not ours) are not counted. */
export async function readFailedAttempts(
  store: VaultStore,
  header: VaultHeaderV2,
  keys: VaultKeysV2,
): Promise<FailedAttempts | undefined> {
  const sodium = await getSodium();
  const publicKey = fromBase64(header.notices.publicKey);
  if (!publicKey) return undefined;
  const times: { time: string; how: string }[] = [];
  for (const item of readList(await store.getMeta(ATTEMPTS_META_KEY))) {
    const sealed = fromBase64(item);
    if (!sealed) continue;
    try {
      const opened = sodium.crypto_box_seal_open(sealed, publicKey, keys.noticesKey);
      const attempt = AttemptSchema.safeParse(JSON.parse(fromUtf8(opened)));
      if (attempt.success) times.push(attempt.data);
    } catch {
      // Not sealed to this casebook, or damaged: not an attempt we can vouch for.
    }
  }
  if (times.length === 0) return undefined;
  times.sort((a, b) => (a.time < b.time ? -1 : 1));
  return {
    count: times.length,
    first: times[0]?.time ?? '',
    last: times.at(-1)?.time ?? '',
    recoveryCodes: times.filter((t) => t.how === 'recovery-code').length,
  };
}

const SEEN_KIND = 'seen';
const SeenSchema = z.object({ seq: z.number().int().nonnegative(), h: z.string() });

/**
 * A token the page keeps outside the casebook's database (localStorage): where this device
 * last saw the history end, encrypted under the case key, so it says nothing to anyone else
 * and cannot be forged. An old copy of the database put back in place is then noticed.
 */
export async function makeSeenToken(
  ck: Uint8Array,
  device: string,
  seen: { seq: number; h: string },
): Promise<string> {
  const { envelope } = await sealEnvelope(ck, SEEN_KIND, device, 1, seen);
  return toBase64(utf8(JSON.stringify(envelope)));
}

async function openSeenToken(ck: Uint8Array, device: string, token: string) {
  try {
    const bytes = fromBase64(token);
    if (!bytes) return undefined;
    const env = JSON.parse(fromUtf8(bytes));
    if (env?.kind !== SEEN_KIND || env?.id !== device || env?.rev !== 1) return undefined;
    const opened = await openEnvelope(ck, env);
    const seen = opened && SeenSchema.safeParse(opened.value);
    return seen?.success ? seen.data : undefined;
  } catch {
    return undefined;
  }
}

const backwards = (
  now: number,
  before: number,
  source: WentBackwards['source'],
): WentBackwards => ({
  now,
  before,
  source,
  message:
    before > now
      ? `This casebook now ends at entry ${now}, but it had reached entry ${before} before. Its newest entries may have been removed. Casebook has noted this in the audit log, so it will always show. If you have a backup or a printed report from later, keep it safe and compare them (Audit log, Verify casebook).`
      : `This casebook’s newest entry is not the one it had before: its history may have been changed. Casebook has noted this in the audit log. Keep any backup or printed report you have, and use Verify casebook.`,
});

/**
 * Compares the log's end with the signed checkpoint stored beside it and with the page's token.
 * A cut of the newest entries (with their records) leaves a checkpoint naming an entry that is
 * no longer there; putting back an older checkpoint too is caught by the token.
 */
export async function checkHistoryEnd(
  store: VaultStore,
  keys: VaultKeysV2,
  device: string,
  last: StoredLogEntry | undefined,
  lastSeen: string | undefined,
): Promise<WentBackwards | undefined> {
  const lastSeq = last?.seq ?? -1;
  const checkpoint = decodeCheckpoint(await store.getMeta(CHECKPOINT_META_KEY));
  if (!checkpoint || !(await checkpointIsSigned(checkpoint, keys.publicKey))) {
    return {
      now: lastSeq,
      before: lastSeq,
      source: 'missing-checkpoint',
      message:
        'This casebook’s signed record of where its history ends is missing or damaged, so Casebook cannot tell whether its newest entries were removed. Casebook has noted this in the audit log. Keep any backup or printed report you have, and use Verify casebook.',
    };
  }
  if (checkpoint.device === device) {
    if (checkpoint.seq !== lastSeq) return backwards(lastSeq, checkpoint.seq, 'checkpoint');
    if (checkpoint.h !== last?.h) return backwards(lastSeq, lastSeq, 'checkpoint');
  }
  if (lastSeen !== undefined) {
    const seen = await openSeenToken(keys.ck, device, lastSeen);
    if (seen && seen.seq > lastSeq) return backwards(lastSeq, seen.seq, 'device-token');
    if (seen && seen.seq === lastSeq && seen.h !== last?.h) {
      return backwards(lastSeq, lastSeq, 'device-token');
    }
  }
  return undefined;
}
