/**
 * The conflicts a casebook holds after sync, and choosing a side. Who wrote which revision is
 * read from the signed log (each entry names its device and the revision's hash), so the list
 * needs nothing stored beside the revisions themselves. A choice is a new revision on top,
 * rev = newest + 1, with the chosen side's contents; its signed entry names the conflict it
 * settles and the sides shown (`detail: { resolves: rev, chose: device, seen: 'id id' }`).
 * Both sides stay stored for good.
 */
import { sha256, toHex } from '../encoding';
import { openEnvelope, sealEnvelope } from '../envelope';
import { type LogEntry, type LogOp, parseLogEntry, RECORD_OPS } from '../log/log-entry';
import { decodeRevision } from '../record-cache';
import { fail, ok, type Result } from '../result';
import type { RecordState, RevisionPayload } from '../revision';
import type { Envelope } from '../types';
import type { VaultInternals } from '../vault-internals';
import { type Conflict, conflictOf, type RevisionFrom } from './conflicts';

const deviceOf = (entry: LogEntry) => ('v' in entry ? entry.device : '');

/**
 * Every record whose history two devices forked (both wrote one revision number) and that no
 * later choice has settled: "Edited on two devices", "Deleted on one device, edited on another".
 * One conflict per record, whatever number of forks: each device's side is its newest revision
 * of the record. A choice (`detail.resolves`, `detail.seen`) settles every fork at or below the
 * revision it resolved, for the devices whose sides it showed; a side arriving later from a
 * device it did not show opens the conflict again, so nothing is hidden unasked.
 */
export async function listConflicts(internals: VaultInternals): Promise<Conflict[]> {
  const { store, keys } = internals;
  const byRecord = new Map<string, LogEntry[]>();
  for (const item of await store.readLog()) {
    const opened = await openEnvelope(keys.ck, item.env);
    const entry = opened && parseLogEntry(opened.value);
    if (!entry || !RECORD_OPS.has(entry.op) || entry.kind === 'blob') continue;
    const key = `${entry.kind}\u0000${entry.id}`;
    byRecord.set(key, [...(byRecord.get(key) ?? []), entry]);
  }
  const out: Conflict[] = [];
  for (const entries of byRecord.values()) {
    const conflict = await openConflict(internals, entries);
    if (conflict) out.push(conflict);
  }
  return out.sort((a, b) => (a.kind + a.id < b.kind + b.id ? -1 : 1));
}

interface Choice {
  readonly resolves: number;
  /** The devices whose sides were shown; undefined: every device then at that fork. */
  readonly seen: ReadonlySet<string> | undefined;
}

function choiceOf(entry: LogEntry): Choice | undefined {
  const detail = 'detail' in entry ? entry.detail : undefined;
  if (typeof detail?.resolves !== 'number') return undefined;
  const seen = typeof detail.seen === 'string' ? new Set(detail.seen.split(' ')) : undefined;
  return { resolves: detail.resolves, seen };
}

/** The one open conflict of a record (all its entries given), if any. */
async function openConflict(
  internals: VaultInternals,
  entries: readonly LogEntry[],
): Promise<Conflict | undefined> {
  const devicesAt = new Map<number, Set<string>>();
  for (const e of entries)
    devicesAt.set(e.rev, (devicesAt.get(e.rev) ?? new Set()).add(deviceOf(e)));
  const choices = entries.map(choiceOf).filter((c): c is Choice => c !== undefined);
  const open: number[] = [];
  for (const [rev, devices] of devicesAt) {
    if (devices.size < 2) continue;
    const settled = choices.some(
      (c) => c.resolves >= rev && [...devices].every((d) => c.seen === undefined || c.seen.has(d)),
    );
    if (!settled) open.push(rev);
  }
  if (open.length === 0) return undefined;
  const first = entries[0] as LogEntry;
  const devices = new Set(open.flatMap((rev) => [...(devicesAt.get(rev) ?? [])]));
  const sides: RevisionFrom[] = [];
  for (const device of devices) {
    const tip = Math.max(...entries.filter((e) => deviceOf(e) === device).map((e) => e.rev));
    const at = await sidesOf(
      internals,
      first.kind,
      first.id,
      tip,
      entries.filter((e) => e.rev === tip),
    );
    const side = at.find((s) => s.device === device);
    if (side) sides.push(side); // a damaged one is left out: verify names it
  }
  return conflictOf(first.kind, first.id, Math.max(...open), sides);
}

/** Each stored revision at (kind, id, rev), with the device whose signed entry names it. */
async function sidesOf(
  internals: VaultInternals,
  kind: string,
  id: string,
  rev: number,
  entries: readonly LogEntry[],
): Promise<RevisionFrom[]> {
  const { store, keys } = internals;
  const stored: Envelope[] = [
    ...(await store.getRevisions(kind, id)).filter((e) => e.rev === rev),
    ...(await store.listSides(kind))
      .filter((s) => s.envelope.id === id && s.envelope.rev === rev)
      .map((s) => s.envelope),
  ];
  const out: RevisionFrom[] = [];
  for (const envelope of stored) {
    const opened = await openEnvelope(keys.ck, envelope);
    if (!opened) continue; // damaged: verify names it
    const digest = toHex(await sha256(opened.canonical));
    const entry = entries.find((e) => e.sha256 === digest);
    if (!entry) continue;
    out.push({ device: deviceOf(entry), state: await decodeRevision(keys.ck, envelope) });
  }
  return out;
}

/**
 * Every stored revision of a record, both sides of any conflict included, oldest first (by
 * revision, then device), each with the device whose signed entry names it ('' for the v1
 * chain). `Vault.history` gives only the revisions at their (kind, id, rev).
 */
export async function recordHistory(
  internals: VaultInternals,
  kind: string,
  id: string,
): Promise<RevisionFrom[]> {
  const { store, keys } = internals;
  const entries: LogEntry[] = [];
  for (const item of await store.readLog()) {
    const opened = await openEnvelope(keys.ck, item.env);
    const entry = opened && parseLogEntry(opened.value);
    if (entry && RECORD_OPS.has(entry.op) && entry.kind === kind && entry.id === id) {
      entries.push(entry);
    }
  }
  const revs = [...new Set(entries.map((e) => e.rev))].sort((a, b) => a - b);
  const out: RevisionFrom[] = [];
  for (const rev of revs) {
    const at = await sidesOf(
      internals,
      kind,
      id,
      rev,
      entries.filter((e) => e.rev === rev),
    );
    out.push(...at.sort((a, b) => (a.device < b.device ? -1 : a.device > b.device ? 1 : 0)));
  }
  return out;
}

export type ResolveRefusal = 'no-conflict' | 'no-side';

/**
 * Settles the conflict of a record (its `rev` as listed) by writing the side `device` wrote (its
 * newest revision) as a new revision on top (a tombstone if that side deleted the record). Logged, and the entry names both the
 * conflict and the side chosen.
 */
export async function resolveConflict(
  internals: VaultInternals,
  choice: { kind: string; id: string; rev: number; device: string },
): Promise<Result<RecordState, ResolveRefusal>> {
  const conflict = (await listConflicts(internals)).find(
    (c) => c.kind === choice.kind && c.id === choice.id && c.rev === choice.rev,
  );
  if (!conflict) {
    return fail('no-conflict', 'There is no open conflict for that record and revision.');
  }
  const chosen = conflict.sides.find((s) => s.device === choice.device);
  if (!chosen) return fail('no-side', 'That device did not write a side of this conflict.');
  const { kind, id } = conflict;
  const newest = (await internals.store.getRevisions(kind, id)).at(-1)?.rev ?? conflict.rev;
  const rev = newest + 1;
  const at = internals.now();
  const payload: RevisionPayload = chosen.state.deleted
    ? { at, deleted: true, reason: chosen.state.reason }
    : { at, deleted: false, body: chosen.state.body };
  const op: LogOp = payload.deleted ? 'delete' : 'update';
  const { envelope, canonical } = await sealEnvelope(internals.keys.ck, kind, id, rev, payload);
  await internals.append(
    op,
    kind,
    id,
    rev,
    toHex(await sha256(canonical)),
    { envelopes: [envelope] },
    {
      resolves: conflict.rev,
      chose: choice.device,
      // Which sides the person saw: a side from another device arriving later reopens it.
      seen: conflict.sides.map((s) => s.device).join(' '),
    },
  );
  internals.forget(kind, id);
  return ok(await decodeRevision(internals.keys.ck, envelope));
}
