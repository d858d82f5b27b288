import type { ImportedCall, ImportedMessage, IncidentWhen } from '@casebook/core';
import { type ProposedIncident, proposeIncidents } from '@casebook/importers';
import type { ImportProposal, ProposedIncidentView } from './import-types';

/** A proposal with the time the incident it becomes will carry. */
export type ConfirmedProposal = ProposedIncidentView & { readonly when: IncidentWhen };

const timeOf = (r: ImportedMessage | ImportedCall) =>
  r.time.known === 'unreadable' ? Number.NaN : Date.parse(r.time.instant);

function toView(p: ProposedIncident, at: ReadonlyMap<string, number>): ConfirmedProposal {
  const keys = [...p.messageKeys, ...p.callKeys].sort(
    (a, b) => (at.get(a) ?? 0) - (at.get(b) ?? 0),
  );
  // A split cuts at the longest pause: where one burst most plausibly became two.
  let splitAt: number | undefined;
  let longest = -1;
  for (let i = 1; i < keys.length; i++) {
    const pause = (at.get(keys[i] as string) ?? 0) - (at.get(keys[i - 1] as string) ?? 0);
    if (pause > longest) {
      longest = pause;
      splitAt = i;
    }
  }
  return {
    keys,
    summary: p.summary,
    channel: p.channel,
    behaviours: p.behaviours,
    reasons: p.reasons.map((r) => ({ behaviour: r.behaviour, words: r.words })),
    ...(splitAt !== undefined && { splitAt }),
    when: p.when,
  };
}

function times(messages: readonly ImportedMessage[], calls: readonly ImportedCall[]) {
  const at = new Map<string, number>();
  for (const r of [...messages, ...calls]) at.set(r.key, timeOf(r));
  return at;
}

/** Core's bursts of contact from the person responsible (a pause of an hour starts a new one). */
export function proposeBursts(
  messages: readonly ImportedMessage[],
  calls: readonly ImportedCall[],
  from: readonly string[],
  zone: string,
): ImportProposal {
  const proposal = proposeIncidents(messages, calls, { from, zone });
  const at = times(messages, calls);
  return {
    incidents: proposal.incidents.map((p) => toView(p, at)),
    undated: proposal.undated.messageKeys.length + proposal.undated.callKeys.length,
  };
}

/**
 * One proposal for each group of keys (the person's merges and splits): each group is read as
 * a single burst, so its summary, channel and behaviours are worked out again from its own
 * messages. Keys no longer new (or not from the person responsible) fall out; an empty group
 * proposes nothing.
 */
export function proposeGroups(
  messages: readonly ImportedMessage[],
  calls: readonly ImportedCall[],
  from: readonly string[],
  zone: string,
  groups: readonly (readonly string[])[],
): ConfirmedProposal[] {
  if (from.length === 0) return [];
  const messageByKey = new Map(messages.map((m) => [m.key, m]));
  const callByKey = new Map(calls.map((c) => [c.key, c]));
  const at = times(messages, calls);
  const out: ConfirmedProposal[] = [];
  for (const group of groups) {
    const ms = group.flatMap((k) => messageByKey.get(k) ?? []);
    const cs = group.flatMap((k) => callByKey.get(k) ?? []);
    const [one] = proposeIncidents(ms, cs, {
      from,
      zone,
      gapMinutes: Number.POSITIVE_INFINITY,
    }).incidents;
    if (one !== undefined) out.push(toView(one, at));
  }
  return out;
}
