import {
  type BehaviourId,
  type ChannelId,
  type ImportedCall,
  type ImportedMessage,
  type IncidentWhen,
  type MessageChannel,
  toZonedDateTime,
} from '@casebook/core';
import { DEFAULT_ZONE } from './parse-whatsapp';

export interface ProposeOptions {
  /** The person responsible as the export names them: names, numbers or addresses. */
  readonly from: string | readonly string[];
  /** A new burst starts after this long without contact from them (default 60). */
  readonly gapMinutes?: number;
  /** The zone the summary's clock times are shown in (default Europe/London). */
  readonly zone?: string;
}

/** A suggestion only: nothing becomes an incident until the person confirms it. */
export interface ProposedIncident {
  readonly when: IncidentWhen;
  /** "14 messages between 23:10 and 01:40 (12–13 March 2024)". */
  readonly summary: string;
  readonly channel: ChannelId;
  readonly behaviours: readonly BehaviourId[];
  /** Why each behaviour beyond the channel's was suggested: the words and the message. */
  readonly reasons: readonly { behaviour: BehaviourId; messageKey: string; words: string }[];
  readonly messageKeys: readonly string[];
  readonly callKeys: readonly string[];
  readonly counts: {
    readonly messages: number;
    readonly calls: number;
    readonly missedCalls: number;
  };
}

export interface Proposal {
  readonly incidents: readonly ProposedIncident[];
  /** Their messages and calls with no readable time: kept, but in no burst. */
  readonly undated: {
    readonly messageKeys: readonly string[];
    readonly callKeys: readonly string[];
  };
}

const CHANNEL: Record<MessageChannel, ChannelId> = {
  whatsapp: 'messaging-app',
  telegram: 'messaging-app',
  sms: 'text',
  mms: 'text',
  email: 'email',
  facebook: 'social-media',
  instagram: 'social-media',
};
const CONTACT: Record<ChannelId, BehaviourId> = {
  'messaging-app': 'unwanted-messages',
  text: 'unwanted-texts',
  email: 'unwanted-email',
  'social-media': 'unwanted-social-media',
  'phone-call': 'unwanted-calls',
  'in-person': 'other',
  post: 'unwanted-letters',
  'gift-or-parcel': 'unwanted-gifts',
  'through-another-person': 'harassing-family-or-friends',
  'other-online': 'cyber-stalking',
};

/** Words that suggest a behaviour; the person decides. English only for now. */
const WORDS: readonly [BehaviourId, RegExp][] = [
  ['threat-to-kill', /\b(kill|murder|dead|end you)\b/i],
  ['threat-of-violence', /\b(hurt|beat|smash|stab|punch|make you pay|you'?ll regret)\b/i],
  ['threat-of-self-harm', /\b(kill myself|end it all|hurt myself)\b/i],
  [
    'letting-you-know-they-are-watching',
    /\b(saw you|seen you|watching you|i know where you (live|work|are))\b/i,
  ],
  ['threat-to-children', /\b(your (kids|children|son|daughter))\b/i],
];

interface Item {
  readonly at: number;
  readonly channel: ChannelId;
  readonly message?: ImportedMessage;
  readonly call?: ImportedCall;
}

const timeOf = (t: ImportedMessage['time']) =>
  t.known === 'unreadable' ? undefined : Date.parse(t.instant);

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/**
 * Groups the person responsible's messages and calls into bursts of contact (a gap longer
 * than `gapMinutes` starts a new one) and suggests a channel and behaviours for each. Pure:
 * it proposes; the person confirms, merges, splits or drops.
 */
export function proposeIncidents(
  messages: readonly ImportedMessage[],
  calls: readonly ImportedCall[],
  options: ProposeOptions,
): Proposal {
  const names = new Set(
    (typeof options.from === 'string' ? [options.from] : options.from).map((s) => s.trim()),
  );
  const zone = options.zone ?? DEFAULT_ZONE;
  const gap = (options.gapMinutes ?? 60) * 60_000;
  const items: Item[] = [];
  const undated = { messageKeys: [] as string[], callKeys: [] as string[] };
  for (const m of messages) {
    if (m.flags.system || m.direction === 'outgoing') continue;
    if (!names.has(m.sender) && !(m.senderAddress !== undefined && names.has(m.senderAddress)))
      continue;
    const at = timeOf(m.time);
    if (at === undefined) undated.messageKeys.push(m.key);
    else items.push({ at, channel: CHANNEL[m.channel], message: m });
  }
  for (const c of calls) {
    if (c.direction === 'outgoing' || c.outcome === 'outgoing') continue;
    const ids = [c.party, c.number?.raw, c.number?.e164];
    if (!ids.some((id) => id !== undefined && names.has(id))) continue;
    const at = timeOf(c.time);
    if (at === undefined) undated.callKeys.push(c.key);
    else items.push({ at, channel: 'phone-call', call: c });
  }
  items.sort((a, b) => a.at - b.at);
  const groups: Item[][] = [];
  for (const item of items) {
    const last = groups.at(-1);
    const previous = last?.at(-1);
    if (last !== undefined && previous !== undefined && item.at - previous.at <= gap)
      last.push(item);
    else groups.push([item]);
  }
  return { incidents: groups.map((g) => propose(g, zone)), undated };
}

function propose(group: readonly Item[], zone: string): ProposedIncident {
  const first = group[0];
  const last = group.at(-1);
  if (first === undefined || last === undefined) throw new RangeError('empty group');
  const byChannel = new Map<ChannelId, number>();
  for (const i of group) byChannel.set(i.channel, (byChannel.get(i.channel) ?? 0) + 1);
  const channel = [...byChannel].sort((a, b) => b[1] - a[1])[0]?.[0] ?? first.channel;
  const behaviours = new Set<BehaviourId>([...byChannel.keys()].map((c) => CONTACT[c]));
  const reasons: ProposedIncident['reasons'][number][] = [];
  for (const i of group) {
    if (i.message === undefined) continue;
    for (const [behaviour, re] of WORDS) {
      const m = re.exec(i.message.text);
      if (m === null || behaviours.has(behaviour)) continue;
      behaviours.add(behaviour);
      reasons.push({ behaviour, messageKey: i.message.key, words: m[0] });
    }
  }
  const messageKeys = group.flatMap((i) => (i.message === undefined ? [] : [i.message.key]));
  const callList = group.flatMap((i) => (i.call === undefined ? [] : [i.call]));
  const missed = callList.filter(
    (c) => c.outcome === 'missed' || c.outcome === 'rejected' || c.outcome === 'blocked',
  ).length;
  const start = toZonedDateTime(new Date(first.at), zone);
  const end = toZonedDateTime(new Date(last.at), zone);
  const counts = { messages: messageKeys.length, calls: callList.length, missedCalls: missed };
  return {
    when: { start, end, approximate: false },
    summary: summarise(counts, start.local, end.local),
    channel,
    behaviours: [...behaviours],
    reasons,
    messageKeys,
    callKeys: callList.map((c) => c.key),
    counts,
  };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function dayText(local: string): { day: number; month: string; year: string } {
  return {
    day: Number(local.slice(8, 10)),
    month: MONTHS[Number(local.slice(5, 7)) - 1] ?? '',
    year: local.slice(0, 4),
  };
}

function summarise(counts: ProposedIncident['counts'], start: string, end: string): string {
  const parts: string[] = [];
  if (counts.messages > 0) parts.push(plural(counts.messages, 'message', 'messages'));
  const answered = counts.calls - counts.missedCalls;
  if (counts.missedCalls > 0) parts.push(plural(counts.missedCalls, 'missed call', 'missed calls'));
  if (answered > 0) parts.push(plural(answered, 'call', 'calls'));
  const what =
    parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
  const [from, to] = [start.slice(11, 16), end.slice(11, 16)];
  const a = dayText(start);
  const b = dayText(end);
  const days =
    start.slice(0, 10) === end.slice(0, 10)
      ? `${a.day} ${a.month} ${a.year}`
      : a.month === b.month && a.year === b.year
        ? `${a.day}–${b.day} ${a.month} ${a.year}`
        : `${a.day} ${a.month} ${a.year} – ${b.day} ${b.month} ${b.year}`;
  return start === end
    ? `${what} at ${from} (${days})`
    : `${what} between ${from} and ${to} (${days})`;
}
