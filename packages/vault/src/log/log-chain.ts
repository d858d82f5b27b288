/**
 * The audit log v2: one hash chain per device, each entry signed by its device's key, each
 * device key certified by the casebook's identity. h is computed over the entry's ciphertext,
 * never its plaintext, so nothing stored can be matched against a known file or text; and the
 * chain (order, links, signatures) can be checked by anyone holding the identity public key.
 */
import { canonicalJson } from '@casebook/core';
import { concatBytes, fromBase64, fromHex, sha256, toBase64, toHex, utf8 } from '../encoding';
import { openEnvelope, sealEnvelope } from '../envelope';
import { getSodium } from '../sodium';
import { envelopeRow } from '../store/batch';
import type { DeviceCert, Envelope, Hex, StoredLogEntry } from '../types';
import { certifiedKey } from './device-cert';
import {
  GENESIS_PREV,
  type LogEntry,
  type LogEntryV2,
  LogEntryV2Schema,
  type LogProblem,
} from './log-entry';
import { isV1Entry, LOG_KIND, walkLogV1 } from './log-v1';

const DOMAIN = utf8('casebook-log-v2');

export async function entryHashV2(link: {
  device: string;
  seq: number;
  prev: string;
  env: Envelope;
}): Promise<Hex> {
  const body = canonicalJson({
    device: link.device,
    seq: link.seq,
    prev: link.prev,
    env: envelopeRow(link.env),
  });
  return toHex(await sha256(concatBytes(DOMAIN, utf8(body))));
}

export async function sealLogEntryV2(
  ck: Uint8Array,
  deviceSecret: Uint8Array,
  entry: LogEntryV2,
  cert?: DeviceCert,
): Promise<StoredLogEntry> {
  const sodium = await getSodium();
  const { envelope } = await sealEnvelope(ck, LOG_KIND, entry.device, entry.seq, entry);
  const h = await entryHashV2({ ...entry, env: envelope });
  const sig = toBase64(sodium.crypto_sign_detached(fromHex(h) ?? new Uint8Array(), deviceSecret));
  return {
    v: 2,
    device: entry.device,
    seq: entry.seq,
    prev: entry.prev as Hex,
    env: envelope,
    h,
    sig,
    ...(cert !== undefined && { cert }),
  };
}

/** One verified chain: '' is a v1 casebook's chain, otherwise a device id. */
export interface Chain {
  readonly device: string;
  /** The verified entries' numbers, hashes and times, in order. */
  readonly points: readonly { seq: number; h: Hex; time: string }[];
  /** Whether the whole chain verified (otherwise `points` stops before the first bad entry). */
  readonly whole: boolean;
}

export interface ChainsResult {
  readonly entries: LogEntry[];
  readonly problems: LogProblem[];
  readonly chains: Chain[];
}

/** Names the device only when there is more than one chain to tell apart. */
const where = (device: string, seq: number, devices: number) =>
  devices > 1 && device !== ''
    ? `Audit log entry ${seq} of device ${device.slice(0, 8)}`
    : `Audit log entry ${seq}`;

/**
 * Verifies every chain in a log: the v1 prefix (if the casebook began as v1) and each device's
 * chain. A device's chain starts at 0 from the genesis hash, or — for the one device that
 * upgraded a v1 casebook — right after the v1 chain's tip. Two entries with one number on one
 * device (a fork) is a problem, as is an entry signed by a key the identity never certified.
 */
export async function verifyChains(
  ck: Uint8Array,
  caseId: string,
  identityPublicKey: Uint8Array,
  stored: readonly StoredLogEntry[],
): Promise<ChainsResult> {
  return walkChains(caseId, identityPublicKey, stored, {
    async v1(item) {
      const opened = await openEnvelope(ck, item.env);
      if (!opened || item.env.kind !== LOG_KIND || item.env.id !== caseId) return undefined;
      return opened.value;
    },
    async v2(item) {
      return (await openEnvelope(ck, item.env))?.value;
    },
  });
}

/** How a walk reads an entry's plaintext: by decrypting it, or from a readable copy. */
export interface EntryReader {
  v1(item: StoredLogEntry): Promise<unknown | undefined>;
  v2(item: StoredLogEntry): Promise<unknown | undefined>;
  /** A v1 entry whose words were read with its record hash withheld (see `walkLogV1`). */
  v1Withheld?(item: StoredLogEntry): boolean;
}

/**
 * The walk behind `verifyChains`. Order, links, hashes and signatures need no key; only the
 * entries' words do, which `read` supplies. A v2 entry read from a readable copy is matched
 * to the chain by (device, seq, prev) — its words are vouched for by whoever signed the copy.
 */
export async function walkChains(
  caseId: string,
  identityPublicKey: Uint8Array,
  stored: readonly StoredLogEntry[],
  read: EntryReader,
): Promise<ChainsResult> {
  const sodium = await getSodium();
  const entries: LogEntry[] = [];
  const problems: LogProblem[] = [];
  const chains: Chain[] = [];

  const legacy = stored.filter(isV1Entry).sort((a, b) => a.seq - b.seq);
  let legacyTip: Hex | undefined;
  if (legacy.length > 0) {
    const v1 = await walkLogV1(identityPublicKey, legacy, read.v1, read.v1Withheld);
    entries.push(...v1.entries);
    if (v1.problem) problems.push(v1.problem);
    else legacyTip = v1.tip;
    const points: { seq: number; h: Hex; time: string }[] = [];
    for (const [i, e] of v1.entries.entries()) {
      const h = legacy[i]?.h;
      if (h) points.push({ seq: e.seq, h, time: e.time });
    }
    chains.push({ device: '', points, whole: !v1.problem });
  }

  const byDevice = new Map<string, StoredLogEntry[]>();
  for (const item of stored) {
    if (isV1Entry(item)) continue;
    const device = item.device ?? '';
    const list = byDevice.get(device) ?? [];
    list.push(item);
    byDevice.set(device, list);
  }
  let legacyContinued = false;
  for (const [device, list] of byDevice) {
    list.sort((a, b) => a.seq - b.seq);
    const points: { seq: number; h: Hex; time: string }[] = [];
    const bad = (seq: number, message: string) => {
      problems.push({ seq, device, message: `${where(device, seq, byDevice.size)} ${message}` });
      chains.push({ device, points, whole: false });
    };
    const first = list[0];
    if (!first || device === '') {
      bad(first?.seq ?? 0, 'names no device.');
      continue;
    }
    const key = first.cert && (await certifiedKey(first.cert, identityPublicKey, caseId));
    if (!key || first.cert?.device !== device) {
      bad(first.seq, 'begins a device’s history without a certificate from this casebook’s key.');
      continue;
    }
    let expectedSeq = 0;
    let prev: string = GENESIS_PREV;
    if (first.seq !== 0 || first.prev !== GENESIS_PREV) {
      // Only the device that upgraded a v1 casebook may start after the v1 chain's tip.
      if (legacyTip === undefined || legacyContinued || first.prev !== legacyTip) {
        bad(
          first.seq,
          'does not start where this device’s history should begin: entries are missing.',
        );
        continue;
      }
      if (first.seq !== legacy.length) {
        bad(first.seq, 'is numbered out of order.');
        continue;
      }
      legacyContinued = true;
      expectedSeq = first.seq;
      prev = legacyTip;
    }
    let broken = false;
    for (const item of list) {
      if (item.seq < expectedSeq) {
        bad(item.seq, 'appears twice with different contents: the history has been forked.');
        broken = true;
        break;
      }
      if (item.seq !== expectedSeq) {
        bad(expectedSeq, 'is missing or out of order.');
        broken = true;
        break;
      }
      if (item.prev !== prev) {
        bad(item.seq, 'does not follow the entry before it: the chain is broken.');
        broken = true;
        break;
      }
      if (item.env.kind !== LOG_KIND || item.env.id !== device || item.env.rev !== item.seq) {
        bad(item.seq, 'has been moved: it is not where it was written.');
        broken = true;
        break;
      }
      const h = await entryHashV2({ device, seq: item.seq, prev, env: item.env });
      if (h !== item.h) {
        bad(item.seq, 'has been altered: its hash does not match.');
        broken = true;
        break;
      }
      const sig = fromBase64(item.sig);
      let signed = false;
      try {
        signed =
          !!sig && sodium.crypto_sign_verify_detached(sig, fromHex(h) ?? new Uint8Array(), key);
      } catch {
        signed = false;
      }
      if (!signed) {
        bad(item.seq, 'is not signed by its device’s key.');
        broken = true;
        break;
      }
      const value = await read.v2(item);
      const parsed = value !== undefined ? LogEntryV2Schema.safeParse(value) : undefined;
      const entry = parsed?.success ? parsed.data : undefined;
      if (!entry || entry.device !== device || entry.seq !== item.seq || entry.prev !== prev) {
        bad(item.seq, 'has been altered: it does not decrypt to the entry that was signed.');
        broken = true;
        break;
      }
      entries.push(entry);
      points.push({ seq: item.seq, h, time: entry.time });
      prev = h;
      expectedSeq += 1;
    }
    if (!broken) chains.push({ device, points, whole: true });
  }
  return { entries, problems, chains };
}
