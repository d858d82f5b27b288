import {
  type ImportedCallRecord,
  type ImportedMessageRecord,
  type ImportedTime,
  instantOf,
  migrate,
} from '@casebook/core';
import type { Vault } from '@casebook/vault';
import type {
  ImportedCallView,
  ImportedCounts,
  ImportedMessageView,
  ImportedQuery,
} from './import-types';

/** What the list shows of a long text (an email): the exhibit keeps it whole. */
const SHOWN_TEXT = 4_000;

async function liveBodies<K extends 'imported-message' | 'imported-call'>(vault: Vault, kind: K) {
  const out: (K extends 'imported-message' ? ImportedMessageRecord : ImportedCallRecord)[] = [];
  for (const state of await vault.list(kind)) {
    if (state.deleted) continue;
    // Zod at the boundary: a body that fails its schema is left out, never shown as data.
    const parsed = migrate(kind, state.body);
    if (parsed.ok) out.push(parsed.value as (typeof out)[number]);
  }
  return out;
}

const timeFields = (time: ImportedTime) =>
  time.known === 'unreadable' ? { raw: time.raw } : { instant: time.instant };

const byTime = (a: { instant?: string }, b: { instant?: string }) =>
  (a.instant ?? '\uffff').localeCompare(b.instant ?? '\uffff');

function messageView(r: ImportedMessageRecord): ImportedMessageView {
  const m = r.message;
  const notes: string[] = [];
  if (m.flags.system) notes.push('Written by the app');
  if (m.flags.deleted) notes.push('Deleted by the sender');
  if (m.flags.edited) notes.push('Edited');
  if (m.flags.possibleForgedHeader)
    notes.push('This line may have been typed to look like a message');
  if (m.time.known === 'wall-clock' && m.time.ambiguous)
    notes.push('The clocks went back: this time happened twice');
  const shortened = m.text.length > SHOWN_TEXT;
  return {
    id: r.id,
    ...timeFields(m.time),
    sender: m.sender,
    from: r.from,
    text: shortened ? `${m.text.slice(0, SHOWN_TEXT)}…` : m.text,
    ...(shortened && { shortened: true as const }),
    attachments: m.attachments.map((a) =>
      a.omitted ? `${a.name ?? 'A file'} (not in the export)` : (a.name ?? 'A file'),
    ),
    notes,
  };
}

/** The imported messages of one export, or the ones a confirmed incident came from. */
export async function importedMessages(
  vault: Vault,
  query: ImportedQuery,
): Promise<ImportedMessageView[]> {
  const all = await liveBodies(vault, 'imported-message');
  if ('evidenceId' in query)
    return all
      .filter((r) => r.exhibit.evidenceId === query.evidenceId)
      .map(messageView)
      .sort(byTime);
  // An incident made by an import points at its exports and spans its burst of contact: its
  // messages are the person responsible's in those exports between its start and its end.
  const incident = await vault.get('incident', query.incidentId);
  if (!incident || incident.deleted) return [];
  const parsed = migrate('incident', incident.body);
  if (!parsed.ok) return [];
  const { when, evidence } = parsed.value;
  const exports = new Set<string>(evidence);
  const start = instantOf(when.start).getTime();
  const end = instantOf(when.end ?? when.start).getTime() + 999;
  return all
    .filter((r) => {
      if (r.from !== 'responsible' || !exports.has(r.exhibit.evidenceId)) return false;
      if (r.message.time.known === 'unreadable') return false;
      const at = Date.parse(r.message.time.instant);
      return at >= start && at <= end;
    })
    .map(messageView)
    .sort(byTime);
}

/** Every imported call, for the Calls list. */
export async function importedCalls(vault: Vault): Promise<ImportedCallView[]> {
  return (await liveBodies(vault, 'imported-call'))
    .map((r) => ({
      id: r.id,
      ...timeFields(r.call.time),
      outcome: r.call.outcome,
      who: r.call.withheld ? 'Withheld number' : (r.call.party ?? r.call.number?.raw ?? 'Unknown'),
      from: r.from,
      ...(r.call.durationSeconds !== undefined && { durationSeconds: r.call.durationSeconds }),
      ...(r.exhibit.exhibitRef !== undefined && { exhibitRef: r.exhibit.exhibitRef }),
    }))
    .sort(byTime)
    .reverse();
}

/** How many messages and calls came from each export exhibit. */
export async function importedCounts(vault: Vault): Promise<ImportedCounts> {
  const counts: Record<string, { messages: number; calls: number }> = {};
  const at = (id: string) => {
    counts[id] ??= { messages: 0, calls: 0 };
    return counts[id];
  };
  for (const r of await liveBodies(vault, 'imported-message')) at(r.exhibit.evidenceId).messages++;
  for (const r of await liveBodies(vault, 'imported-call')) at(r.exhibit.evidenceId).calls++;
  return counts;
}
