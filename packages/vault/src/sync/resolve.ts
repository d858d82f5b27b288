/**
 * The conflicts a casebook holds after sync, and choosing a side. Who wrote which revision is
 * read from the signed log (each entry names its device and the revision's hash), so the list
 * needs nothing stored beside the revisions themselves. A choice is a new revision on top,
 * rev = newest + 1, with the chosen side's contents; its signed entry names the conflict it
 * settles (`detail: { resolves: rev, chose: device }`). Both sides stay stored for good.
 */
import { sha256, toHex } from '../encoding';
import { openEnvelope, sealEnvelope } from '../envelope';
import { type LogEntry, type LogOp, parseLogEntry, RECORD_OPS } from '../log/log-entry';
import { decodeRevision } from '../record-cache';
import { fail, ok, type Result } from '../result';
import type { RecordState, RevisionPayload } from '../revision';
import type { Envelope } from '../types';
import type { VaultInternals } from '../vault-internals';
import { type Conflict, findConflicts, type RevisionFrom } from './conflicts';

const revKey = (kind: string, id: string, rev: number) => `${kind}\u0000${id}\u0000${rev}`;
const deviceOf = (entry: LogEntry) => ('v' in entry ? entry.device : '');

/**
 * Every revision number of a record that two devices wrote differently and that no later
 * revision has settled: "Edited on two devices", "Deleted on one device, edited on another".
 */
export async function listConflicts(internals: VaultInternals): Promise<Conflict[]> {
  const { store, keys } = internals;
  const byKey = new Map<string, LogEntry[]>();
  const settled = new Set<string>();
  for (const item of await store.readLog()) {
    const opened = await openEnvelope(keys.ck, item.env);
    const entry = opened && parseLogEntry(opened.value);
    if (!entry || !RECORD_OPS.has(entry.op) || entry.kind === 'blob') continue;
    const key = revKey(entry.kind, entry.id, entry.rev);
    byKey.set(key, [...(byKey.get(key) ?? []), entry]);
    const resolves = 'detail' in entry ? entry.detail?.resolves : undefined;
    if (typeof resolves === 'number') settled.add(revKey(entry.kind, entry.id, resolves));
  }
  const revisions: RevisionFrom[] = [];
  for (const [key, entries] of byKey) {
    if (settled.has(key) || new Set(entries.map(deviceOf)).size < 2) continue;
    const first = entries[0] as LogEntry;
    revisions.push(...(await sidesOf(internals, first.kind, first.id, first.rev, entries)));
  }
  return findConflicts(revisions);
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
 * Settles the conflict at (kind, id, rev) by writing the side `device` wrote as a new revision
 * on top (a tombstone if that side deleted the record). Logged, and the entry names both the
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
    { resolves: conflict.rev, chose: choice.device },
  );
  internals.forget(kind, id);
  return ok(await decodeRevision(internals.keys.ck, envelope));
}
