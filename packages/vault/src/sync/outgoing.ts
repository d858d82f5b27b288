/**
 * What this device sends: its own chain of the audit log (with the v1 entries it continues,
 * for a casebook begun under v1), each entry with the record revision it wrote, and the
 * history the server is asked to countersign. Everything is already ciphertext; each change
 * is sealed again in a sync envelope so the server sees no kind, id, rev or size finer than
 * 256 bytes.
 */
import { base64url } from '@casebook/core';
import { sha256, utf8 } from '../encoding';
import { openEnvelope } from '../envelope';
import { CHECKPOINT_META_KEY } from '../log/checkpoint';
import { LogEntryV2Schema, RECORD_OPS } from '../log/log-entry';
import type { Envelope, StoredLogEntry } from '../types';
import type { VaultInternals } from '../vault-internals';
import type { SyncChange } from './sync-change';

/**
 * This device's entries: its own v2 chain, and the v1 entries before it when this is the
 * device that upgraded a v1 casebook (its chain continues theirs, from entry n, not 0). Any
 * other device holds the v1 entries as the shared start of the history, not as its own.
 */
export function ownEntries(
  internals: VaultInternals,
  log: readonly StoredLogEntry[],
): StoredLogEntry[] {
  const device = internals.header.v === 2 ? internals.header.device.id : undefined;
  const chain = log.filter((item) => item.v === 2 && item.device === device);
  return (continuesV1(chain) ? [...log.filter((item) => item.v !== 2), ...chain] : chain).sort(
    (a, b) => a.seq - b.seq,
  );
}

/** Whether a device's chain (or none yet) carries on from the v1 entries. */
export function continuesV1(chain: readonly StoredLogEntry[]): boolean {
  const first = chain.reduce<StoredLogEntry | undefined>(
    (low, item) => (!low || item.seq < low.seq ? item : low),
    undefined,
  );
  return first === undefined || first.seq > 0;
}

/** The record revision a v2 entry wrote, if it wrote one that is stored. */
async function recordOf(internals: VaultInternals, item: StoredLogEntry): Promise<Envelope[]> {
  if (item.v !== 2) return [];
  const opened = await openEnvelope(internals.keys.ck, item.env);
  const entry = opened && LogEntryV2Schema.safeParse(opened.value);
  if (!entry?.success || !RECORD_OPS.has(entry.data.op)) return [];
  const { kind, id, rev } = entry.data;
  const found = (await internals.store.getRevisions(kind, id)).find((e) => e.rev === rev);
  return found ? [found] : [];
}

/** This device's changes not yet on the server (`sent` holds the entry numbers it has). */
export async function outgoingChanges(
  internals: VaultInternals,
  sent: ReadonlySet<number>,
): Promise<{ seq: number; change: SyncChange }[]> {
  const out: { seq: number; change: SyncChange }[] = [];
  for (const item of ownEntries(internals, await internals.store.readLog())) {
    if (sent.has(item.seq)) continue;
    out.push({
      seq: item.seq,
      change: { v: 1, log: item, records: await recordOf(internals, item) },
    });
  }
  return out;
}

/**
 * The history to post (PROTOCOL.md, "Countersigned history"): the chain id, every entry hash
 * of this device's chain from 0, and the signed checkpoint as stored. The chain id is a hash
 * of the casebook and device ids, so it is stable, names neither, and is the same on every
 * copy of this casebook.
 */
export async function historyToConfirm(internals: VaultInternals): Promise<
  | {
      chain: string;
      hashes: string[];
      checkpoint: Uint8Array;
    }
  | undefined
> {
  const mine = ownEntries(internals, await internals.store.readLog());
  const checkpoint = await internals.store.getMeta(CHECKPOINT_META_KEY);
  if (mine.length === 0 || !checkpoint || internals.header.v !== 2) return undefined;
  return {
    chain: await chainId(internals),
    hashes: mine.map((item) => item.h),
    checkpoint,
  };
}

export async function chainId(internals: VaultInternals): Promise<string> {
  const device = internals.header.v === 2 ? internals.header.device.id : '';
  const digest = await sha256(
    utf8(`casebook-sync-chain-v1\u0000${internals.header.caseId}\u0000${device}`),
  );
  return base64url(digest.subarray(0, 16));
}
