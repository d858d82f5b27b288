import { sha256, toHex } from './encoding';
import { openEnvelope } from './envelope';
import { type Checkpoint, checkpointIsSigned, fingerprintOf } from './log/checkpoint';
import { describeTime } from './log/history-compare';
import { type Chain, verifyChains } from './log/log-chain';
import { HEADER_OPS, type LogEntry, RECORD_OPS } from './log/log-entry';
import type { Envelope, RecordKind, SideRevision, StoredLogEntry } from './types';
import { headerDigest, type VaultHeader } from './vault-header';
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

/** The signed checkpoint verification reached: where the history ends, and its fingerprint. */
export interface ReachedCheckpoint {
  readonly device: string;
  readonly seq: number;
  readonly time: string;
  readonly fingerprint: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly problems: readonly VerifyProblem[];
  readonly counts: {
    readonly logEntries: number;
    readonly revisions: number;
    readonly files: number;
  };
  /** Undefined for a version 1 casebook, which has none (say so: a cut cannot be ruled out). */
  readonly checkpoint?: ReachedCheckpoint;
  /** Plain notes that are not problems, e.g. that a v1 casebook has no signed checkpoint. */
  readonly notes?: readonly string[];
}

const revKey = (kind: string, id: string, rev: number) => `${kind}\u0000${id}\u0000${rev}`;

export function describeRecord(kind: string, id: string, rev?: number): string {
  const name = kind === 'blob' ? 'file' : kind;
  return rev === undefined
    ? `${name} ${id.slice(0, 8)}`
    : `${name} ${id.slice(0, 8)} revision ${rev}`;
}

export const NO_CHECKPOINT_NOTE =
  'This casebook was saved by an earlier version of Casebook and has no signed checkpoint, so a removal of its newest entries cannot be ruled out. Open it in Casebook once to add one.';

/**
 * The checkpoint against the chains: signed by this casebook, for this case, and naming the
 * very entry the chain of its device ends with. A cut of the newest entries leaves it naming an
 * entry that is gone; it cannot be re-made without the keys.
 */
export async function checkCheckpoint(
  header: VaultHeader,
  keys: VaultKeys,
  chains: readonly Chain[],
  checkpoint: Checkpoint | undefined,
  hasV2: boolean,
): Promise<{ problems: VerifyProblem[]; reached?: ReachedCheckpoint }> {
  if (!checkpoint) {
    if (!hasV2) return { problems: [] };
    return {
      problems: [
        {
          where: 'checkpoint',
          message:
            'The signed checkpoint that says where this casebook’s history ends is missing, so its newest entries may have been removed.',
        },
      ],
    };
  }
  const bad = (message: string) => ({ problems: [{ where: 'checkpoint', message }] });
  if (
    checkpoint.case !== header.caseId ||
    !(await checkpointIsSigned(checkpoint, keys.publicKey))
  ) {
    return bad(
      'The checkpoint at the end is not signed by this casebook’s key: it has been altered or replaced.',
    );
  }
  const chain = chains.find((c) => c.device === checkpoint.device);
  const tip = chain?.points.at(-1);
  const reached = {
    device: checkpoint.device,
    seq: checkpoint.seq,
    time: checkpoint.time,
    fingerprint: await fingerprintOf(header.caseId, checkpoint),
  };
  if (!chain || !tip) {
    return bad(
      'The checkpoint names a history that is not here: the audit log has been removed or replaced.',
    );
  }
  if (tip.seq < checkpoint.seq && chain.whole) {
    return {
      reached,
      problems: [
        {
          where: 'checkpoint',
          seq: tip.seq,
          message: `The history ends at entry ${tip.seq}, but its signed checkpoint of ${checkpoint.time} says it reached entry ${checkpoint.seq}: the newest ${checkpoint.seq - tip.seq} ${checkpoint.seq - tip.seq === 1 ? 'entry has' : 'entries have'} been removed.`,
        },
      ],
    };
  }
  const at = chain.points.find((p) => p.seq === checkpoint.seq);
  if (at && at.h !== checkpoint.h) {
    return {
      reached,
      problems: [
        {
          where: 'checkpoint',
          seq: at.seq,
          message: `Entry ${at.seq} is not the one the checkpoint signed: the history has been changed.`,
        },
      ],
    };
  }
  if (chain.whole && tip.seq > checkpoint.seq) {
    return {
      reached,
      problems: [
        {
          where: 'checkpoint',
          seq: tip.seq,
          message: `There are entries after the signed checkpoint (up to entry ${tip.seq}); they were not added by Casebook.`,
        },
      ],
    };
  }
  return { reached, problems: [] };
}

/**
 * Checks the chains and their signatures, the header against the log, the checkpoint, then
 * that every stored revision is exactly what the log recorded, and that nothing the log
 * recorded is missing. Files are checked separately (they stream).
 */
export async function verifyRecords(
  header: VaultHeader,
  keys: VaultKeys,
  log: readonly StoredLogEntry[],
  envelopes: readonly Envelope[],
  sides: readonly SideRevision[] = [],
): Promise<{
  problems: VerifyProblem[];
  entries: LogEntry[];
  manifests: Map<string, unknown>;
  chains: Chain[];
  hasV2: boolean;
  notes: string[];
}> {
  const problems: VerifyProblem[] = [];
  const notes: string[] = [];
  const chain = await verifyChains(keys.ck, header.caseId, keys.publicKey, log);
  for (const problem of chain.problems) {
    problems.push({
      where: `audit log entry ${problem.seq}`,
      message: problem.message,
      seq: problem.seq,
    });
  }
  const broken = chain.problems.length > 0;
  const hasV2 = log.some((item) => item.v === 2);

  // The header's lasting parts are bound by the newest header entry of this device's chain.
  if (header.v === 2) {
    const mine = chain.entries.filter((e) => 'v' in e && e.device === header.device.id);
    const bound = mine.filter((e) => HEADER_OPS.has(e.op)).at(-1);
    if (!broken && (!bound || bound.sha256 !== (await headerDigest(header)))) {
      problems.push({
        where: 'header',
        message:
          'The casebook’s header (its keys, recovery code slot, creation time or id) does not match its audit log: it has been altered.',
      });
    }
  } else if (hasV2) {
    problems.push({
      where: 'header',
      message:
        'The casebook’s header is from version 1 but its history from version 2: an older header has been put back.',
    });
  } else {
    notes.push(NO_CHECKPOINT_NOTE);
  }

  // A cut noticed at unlock stays named for good, whatever was written after it.
  for (const entry of chain.entries) {
    if (entry.op !== 'history-went-backwards' || !('detail' in entry) || !entry.detail) continue;
    const { now, before, source } = entry.detail;
    const text = `On ${describeTime(entry.time)} Casebook found this casebook ending at entry ${now}, although it had ${source === 'missing-checkpoint' ? 'lost its signed checkpoint' : `reached entry ${before}`}${source === 'device-token' ? ' on this device' : ''}: entries may have been removed then.`;
    if (source === 'device-token') notes.push(text);
    else problems.push({ where: `audit log entry ${entry.seq}`, seq: entry.seq, message: text });
  }
  if (log.some((item) => item.v === undefined) && hasV2) {
    notes.push(
      'The first entries were written by an earlier version of Casebook and were signed into the checkpoint only when it was upgraded, so a removal of entries before then cannot be ruled out.',
    );
  }

  // One (kind, id, rev) may be logged by several devices (edited on two devices offline):
  // each entry must be matched by the revision stored at that key or by its device's side.
  const logged = new Map<string, LogEntry[]>();
  for (const entry of chain.entries) {
    if (!RECORD_OPS.has(entry.op)) continue;
    const key = revKey(entry.kind, entry.id, entry.rev);
    logged.set(key, [...(logged.get(key) ?? []), entry]);
  }
  const deviceOf = (entry: LogEntry) => ('v' in entry ? entry.device : '');
  const accounted = new Set<LogEntry>();
  /** The device whose entry the revision stored at each key matched. */
  const mainDevice = new Map<string, string>();

  const manifests = new Map<string, unknown>();
  const stored = [
    ...envelopes.map((env) => ({ env, device: undefined as string | undefined })),
    ...sides.map((side) => ({ env: side.envelope, device: side.device as string | undefined })),
  ];
  for (const { env, device } of stored) {
    const key = revKey(env.kind, env.id, env.rev);
    const where =
      device === undefined
        ? describeRecord(env.kind, env.id, env.rev)
        : `${describeRecord(env.kind, env.id, env.rev)} (as another device wrote it)`;
    const opened = await openEnvelope(keys.ck, env);
    const candidates = (logged.get(key) ?? []).filter(
      (e) => !accounted.has(e) && (device === undefined || deviceOf(e) === device),
    );
    if (!opened) {
      problems.push({
        where,
        kind: env.kind,
        id: env.id,
        message: `${where} has been altered or damaged: it does not decrypt.`,
      });
      // It is there, only unreadable: its entry is accounted for (not also "missing"), and a
      // side beside it is not "beside a revision that is not there".
      const taken = candidates[0];
      if (taken) {
        accounted.add(taken);
        if (device === undefined) mainDevice.set(key, deviceOf(taken));
      }
      continue;
    }
    if (candidates.length === 0) {
      // After a broken chain the later entries are unknown, so only report when the chain was whole.
      if (!broken) {
        problems.push({
          where,
          kind: env.kind,
          id: env.id,
          message: `${where} is not in the audit log: it was added outside Casebook.`,
        });
      }
      continue;
    }
    const isFile = env.kind === 'blob' && candidates.some((e) => e.op === 'add-file');
    const payload = opened.value as { body?: { sha256?: unknown } };
    const digest = isFile ? undefined : toHex(await sha256(opened.canonical));
    const entry =
      candidates.find((e) => (isFile ? payload.body?.sha256 === e.sha256 : digest === e.sha256)) ??
      candidates[0];
    if (!entry) continue;
    accounted.add(entry);
    if (device === undefined) mainDevice.set(key, deviceOf(entry));
    if (isFile) {
      // A file's log entry holds the file's own SHA-256; the manifest must state the same.
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
    if (digest !== entry.sha256) {
      problems.push({
        where,
        kind: env.kind,
        id: env.id,
        message: `${where} does not match its audit-log entry: it was changed outside Casebook.`,
      });
    }
  }
  // A side is only ever kept beside the revision another device stored at its key. One with no
  // revision there, or beside its own device's, is a revision moved out of its place: turning
  // the newest revision into a "side" would otherwise roll the record back unseen.
  for (const side of sides) {
    const { kind, id, rev } = side.envelope;
    const key = revKey(kind, id, rev);
    const main = mainDevice.get(key);
    if (main !== undefined && main !== side.device) continue;
    const where = `${describeRecord(kind, id, rev)} (as another device wrote it)`;
    problems.push({
      where,
      kind,
      id,
      message:
        main === undefined
          ? `${where} is kept beside a revision that is not there: the casebook has been altered.`
          : `${where} is kept beside the same device’s own revision: the casebook has been altered.`,
    });
  }
  for (const entry of chain.entries) {
    if (!RECORD_OPS.has(entry.op) || accounted.has(entry)) continue;
    const where = describeRecord(entry.kind, entry.id, entry.rev);
    problems.push({
      where,
      kind: entry.kind,
      id: entry.id,
      seq: entry.seq,
      message: `${where} is missing: audit log entry ${entry.seq} recorded it, but it has been removed.`,
    });
  }
  return {
    problems,
    entries: chain.entries,
    manifests,
    chains: chain.chains,
    hasV2,
    notes,
  };
}
