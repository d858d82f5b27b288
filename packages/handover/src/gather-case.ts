/**
 * Reads an unlocked vault into the report's `SnapshotInput`: every live record checked
 * against its core schema, what the signed log knows of its history (when it was first
 * recorded, how often and when last edited), and the stored files' hashes and sizes.
 */
import { type EvidenceItem, migrate, type RecordKind, type RecordTypes } from '@casebook/core';
import type { Recorded, RecordedEvidence, RecordHistory, SnapshotInput } from '@casebook/report';
import { getManifest, type LogEntry, type Vault } from '@casebook/vault';

/** What the person chose for this report; the rest comes from the vault. */
export type CaseChoices = Pick<
  SnapshotInput,
  'title' | 'timeZone' | 'casebookVersion' | 'range' | 'incidentIds' | 'exhibitIds'
> & { readonly generatedAt?: string };

export interface GatheredCase {
  readonly input: SnapshotInput;
  /** Records that could not be read or checked: left out, and said so in the report. */
  readonly leftOut: readonly { kind: string; id: string; problem: string }[];
}

interface Revisions {
  first?: string;
  count: number;
}

/** (kind, id) → the time of its first revision and how many revisions the log names. */
function revisionsByRecord(log: readonly LogEntry[]): Map<string, Revisions> {
  const out = new Map<string, Revisions>();
  for (const entry of log) {
    if (entry.op !== 'create' && entry.op !== 'update') continue;
    const key = `${entry.kind}\u0000${entry.id}`;
    const seen = out.get(key) ?? { count: 0 };
    if (entry.op === 'create' || seen.first === undefined) seen.first ??= entry.time;
    seen.count += 1;
    out.set(key, seen);
  }
  return out;
}

export async function gatherCase(vault: Vault, choices: CaseChoices): Promise<GatheredCase> {
  const revisions = revisionsByRecord(await vault.auditLog());
  const leftOut: { kind: string; id: string; problem: string }[] = [];
  for (const item of vault.unreadable()) {
    leftOut.push({ kind: item.kind, id: item.id, problem: 'could not be read' });
  }

  const historyOf = (kind: string, id: string, latestAt: string, rev: number): RecordHistory => {
    const known = revisions.get(`${kind}\u0000${id}`);
    const edits = Math.max(0, (known?.count ?? rev) - 1);
    return {
      recordedAt: known?.first ?? latestAt,
      edits,
      ...(edits > 0 && { lastEditedAt: latestAt }),
    };
  };

  async function live<K extends RecordKind>(kind: K) {
    const out: Recorded<RecordTypes[K]>[] = [];
    const deleted: { id: string; recordedAt: string }[] = [];
    for (const state of await vault.list(kind)) {
      if (state.deleted) {
        deleted.push({
          id: state.id,
          recordedAt: revisions.get(`${kind}\u0000${state.id}`)?.first ?? state.at,
        });
        continue;
      }
      const checked = migrate(kind, state.body);
      if (!checked.ok) {
        leftOut.push({ kind, id: state.id, problem: checked.reason });
        continue;
      }
      out.push({ body: checked.value, history: historyOf(kind, state.id, state.at, state.rev) });
    }
    return { out, deleted };
  }

  const incidents = await live('incident');
  const evidence: RecordedEvidence[] = [];
  for (const item of (await live('evidence')).out) {
    const body = item.body as EvidenceItem;
    const manifest = await getManifest(vault, body.blobId);
    if (!manifest) {
      leftOut.push({ kind: 'evidence', id: body.id, problem: 'its file is not in the casebook' });
      continue;
    }
    evidence.push({ ...item, body, file: { sha256: manifest.sha256, size: manifest.size } });
  }
  const plans = (await live('safety-plan')).out;
  const messages = (await live('imported-message')).out.map((r) => r.body);
  const input: SnapshotInput = {
    title: choices.title,
    generatedAt: choices.generatedAt ?? new Date().toISOString(),
    timeZone: choices.timeZone,
    casebookVersion: choices.casebookVersion,
    fingerprint: (await vault.checkpoint())?.fingerprint ?? 'none yet',
    ...(choices.range && { range: choices.range }),
    ...(choices.incidentIds && { incidentIds: choices.incidentIds }),
    ...(choices.exhibitIds && { exhibitIds: choices.exhibitIds }),
    incidents: incidents.out,
    deletedIncidents: incidents.deleted,
    people: (await live('person')).out,
    calls: (await live('call')).out,
    items: (await live('item')).out,
    evidence,
    riskAssessments: (await live('risk')).out,
    messages,
    importedCalls: (await live('imported-call')).out,
    ...(plans[0] && { safetyPlan: plans[0] }),
    ...(leftOut.length > 0 && { unreadable: leftOut }),
  };
  return { input, leftOut };
}
