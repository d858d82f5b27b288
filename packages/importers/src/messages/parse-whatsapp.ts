import {
  type Direction,
  escapeKeyPart,
  type ImportedAttachment,
  type ImportedCall,
  type ImportedMessage,
  type MessageFlags,
  textDigest,
} from '@casebook/core';
import { type ImportProblem, problem } from './import-problem';
import { WallClockReader } from './wall-clock-time';
import {
  type DateOrder,
  type DateOrderSample,
  findDateOrder,
  type Header,
  headerClock,
  headerRaw,
  readHeader,
} from './whatsapp-header';
import { attachmentOf, callOf, isDeletedText, isSystemText, stripEdited } from './whatsapp-markers';

export const DEFAULT_ZONE = 'Europe/London';

export interface WhatsAppOptions {
  /** The zone the person's phone was set to; the export's times are read in it. */
  readonly zone?: string;
  /** The person's answer when an earlier parse returned `needsDateOrder`. */
  readonly dateOrder?: 'day-first' | 'month-first';
  /** The person's own name as the export writes it: gives each message a direction. */
  readonly self?: string;
  /** The chat's name (from "WhatsApp Chat with Family.txt"): iOS credits group events to it. */
  readonly chatName?: string;
  /** The file's name inside a zip, for the source pointers. */
  readonly entry?: string;
}

export interface WhatsAppChat {
  readonly format: 'whatsapp';
  readonly variant: 'android' | 'ios';
  readonly dateOrder: DateOrder;
  readonly zone: string;
  /** Everyone who wrote a message, in order of first appearance. */
  readonly participants: readonly string[];
  readonly messages: readonly ImportedMessage[];
  readonly calls: readonly ImportedCall[];
  /** Lines before the first header (an export never has them; kept so nothing is lost). */
  readonly preamble: string;
}

export type WhatsAppParse =
  | { readonly ok: true; readonly value: WhatsAppChat }
  | { readonly ok: false; readonly problem: ImportProblem }
  | {
      readonly ok: false;
      readonly needsDateOrder: { readonly samples: readonly DateOrderSample[] };
    };

const COLON_CANDIDATES = 4;
const MAX_NAME = 120;

/** Prefixes before each ": " of the text after a header: who the author may be. */
function authorCandidates(rest: string): string[] {
  const out: string[] = [];
  let from = 0;
  while (out.length < COLON_CANDIDATES) {
    const at = rest.indexOf(': ', from);
    if (at < 0 || at > MAX_NAME) break;
    out.push(rest.slice(0, at));
    from = at + 2;
  }
  return out;
}

/** Removes the direction marks WhatsApp puts before attachments and group events. */
const stripMarks = (s: string) => s.replace(/^[\u200e\u200f]+/, '');

/**
 * Reads a WhatsApp "Export chat" text file. Times are read in `options.zone` (default
 * Europe/London), never the machine's zone. When the file cannot tell day-first from
 * month-first dates, returns `needsDateOrder` with examples to ask about.
 */
export function parseWhatsApp(text: string, options: WhatsAppOptions = {}): WhatsAppParse {
  const zone = options.zone ?? DEFAULT_ZONE;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim().length === 0) return { ok: false, problem: problem('empty') };
  const lines = body.split('\n');
  // The file's last line ends with a newline: that is not an empty line of the last message.
  if (lines.length > 1 && (lines[lines.length - 1] ?? '').replace('\r', '') === '') lines.pop();
  const found: Header[] = [];
  const layouts = new Map<number, number>();
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    if (line.charCodeAt(line.length - 1) === 13) {
      line = line.slice(0, -1);
      lines[i] = line;
    }
    const h = readHeader(line, i);
    if (h === undefined) continue;
    found.push(h);
    layouts.set(h.layout, (layouts.get(h.layout) ?? 0) + 1);
  }
  if (found.length === 0) return { ok: false, problem: noHeaders(lines) };
  let layout = 0;
  let most = 0;
  for (const [l, n] of layouts) if (n > most) [layout, most] = [l, n];
  const main = layouts.size === 1 ? found : found.filter((h) => h.layout === layout);

  const authorCounts = new Map<string, number>();
  for (const h of main) {
    const cs = authorCandidates((lines[h.line] ?? '').slice(h.restAt));
    // Kept on the header: the same string objects look up faster the second time.
    h.candidates = cs;
    for (const c of cs) authorCounts.set(c, (authorCounts.get(c) ?? 0) + 1);
  }
  const rawOf = (h: Header) => headerRaw(lines[h.line] ?? '', h);
  let order: DateOrder;
  if (options.dateOrder !== undefined && !main.every((h) => h.yearFirst)) {
    order = options.dateOrder;
  } else {
    const finding = findDateOrder(main, rawOf);
    if (finding.order === undefined)
      return { ok: false, needsDateOrder: { samples: finding.samples } };
    if (finding.order === 'inconsistent') {
      return {
        ok: false,
        problem: problem('unknown-language', 'the dates are written in more than one order'),
      };
    }
    order = finding.order;
  }

  // Which headers start messages: the file's layout, on a day that exists.
  const starts: Header[] = [];
  const clocks: number[] = [];
  const forgedInside = new Set<number>();
  for (const h of found) {
    const clock = h.layout === layout ? headerClock(h, order) : undefined;
    if (clock === undefined) {
      // A header in another layout, or on a day that does not exist, inside a message.
      if (starts.length > 0) forgedInside.add(starts.length - 1);
      continue;
    }
    starts.push(h);
    clocks.push(clock);
  }
  const firstLine = starts[0]?.line ?? lines.length;
  const preamble = lines.slice(0, firstLine).join('\n');

  const senders: string[] = new Array(starts.length);
  const systems: boolean[] = new Array(starts.length);
  const firsts: string[] = new Array(starts.length);
  const participants: string[] = [];
  const seen = new Set<string>();
  let busiest = 0;
  for (let k = 0; k < starts.length; k++) {
    const h = starts[k] as Header;
    const {
      sender,
      system,
      text: first,
    } = splitAuthor(
      (lines[h.line] ?? '').slice(h.restAt),
      h.candidates,
      h.ios,
      authorCounts,
      options.chatName,
    );
    senders[k] = sender;
    systems[k] = system;
    firsts[k] = first;
    if (system) continue;
    busiest = Math.max(busiest, authorCounts.get(sender) ?? 1);
    if (!seen.has(sender)) {
      seen.add(sender);
      participants.push(sender);
    }
  }

  const reader = new WallClockReader(zone);
  let windowSecond = Number.NEGATIVE_INFINITY;
  let windowWhos: string[] = [];
  let everySecond: Map<number, string[]> | undefined;
  // Every message's second and sender|digest so far, for the map when the file runs back.
  const pastSeconds: number[] = [];
  const pastWhos: string[] = [];
  const messages: ImportedMessage[] = [];
  const calls: ImportedCall[] = [];
  let lastClock = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < starts.length; k++) {
    const h = starts[k] as Header;
    const clock = clocks[k] as number;
    const sender = senders[k] as string;
    const system = systems[k] as boolean;
    const first = firsts[k] as string;
    const next = starts[k + 1];
    const lastLine = next === undefined ? lines.length - 1 : next.line - 1;
    const joined =
      lastLine === h.line ? first : [first, ...lines.slice(h.line + 1, lastLine + 1)].join('\n');
    const time = reader.read(clock, rawOf(h));
    // WhatsApp writes messages in order: an earlier time, or a name seen only once in a busy
    // chat in the same minute as the message above, may be a header typed into that message.
    const outOfOrder = clock < lastClock;
    if (clock > lastClock) lastClock = clock;
    const previous = k > 0 ? k - 1 : -1;
    const lonely =
      !system &&
      previous >= 0 &&
      sender !== options.self &&
      busiest >= 5 &&
      (authorCounts.get(sender) ?? 0) <= 1 &&
      senders[previous] !== sender &&
      Math.floor((clocks[previous] as number) / 60_000) === Math.floor(clock / 60_000);
    const forged = forgedInside.has(k) || outOfOrder || lonely;
    const edit = joined.charCodeAt(joined.length - 1) === 62 ? stripEdited(joined) : undefined;
    const unedited = edit?.text ?? joined;
    const deleted = unedited.length < 60 ? isDeletedText(unedited) : NOT_DELETED;
    const media = system ? undefined : attachmentOf(first);
    const source =
      options.entry === undefined
        ? { line: h.line + 1, lineEnd: lastLine + 1 }
        : { entry: options.entry, line: h.line + 1, lineEnd: lastLine + 1 };
    const digest = textDigest(joined);
    // The same sender, time and text more than once: the nth copy gets n, in file order.
    // Copies share a second and sit together unless the file runs out of order, so only the
    // current second is searched until then; after that every second is kept in a map.
    const who = `${sender}|${digest}`;
    const second = Math.floor(clock / 1000);
    if (second !== windowSecond) {
      if (everySecond !== undefined) {
        windowWhos = everySecond.get(second) ?? [];
        everySecond.set(second, windowWhos);
      } else if (second < windowSecond) {
        everySecond = indexBySecond(pastSeconds, pastWhos);
        windowWhos = everySecond.get(second) ?? [];
        everySecond.set(second, windowWhos);
      } else {
        windowWhos = [];
      }
      windowSecond = second;
    }
    let n = 0;
    for (const x of windowWhos) if (x === who) n++;
    windowWhos.push(who);
    if (everySecond === undefined) {
      pastSeconds.push(second);
      pastWhos.push(who);
    }
    // importKey('whatsapp', [local, sender, n, digest]) written out, as one flat string (a
    // chain of concatenations kept per message costs more in garbage collection than a copy).
    const key = ['whatsapp', ':', time.local, '|', escapeKeyPart(sender), '|', n, '|', digest].join(
      '',
    );
    const direction: Direction | undefined =
      deleted.bySelf || (options.self !== undefined && sender === options.self)
        ? 'outgoing'
        : options.self !== undefined && !system
          ? 'incoming'
          : undefined;
    const call =
      system || media !== undefined || unedited.length > 80 ? undefined : callOf(unedited);
    if (call !== undefined) {
      const outcome =
        call.outcome === 'missed' ? 'missed' : direction === 'outgoing' ? 'outgoing' : 'incoming';
      const record: ImportedCall = {
        schema: 1,
        key,
        channel: 'whatsapp',
        time,
        outcome,
        withheld: false,
        party: sender,
        source,
      };
      if (direction !== undefined) record.direction = direction;
      if (call.video) record.video = true;
      if (call.durationSeconds !== undefined) record.durationSeconds = call.durationSeconds;
      calls.push(record);
      continue;
    }
    const flags: MessageFlags = {};
    if (deleted.deleted) flags.deleted = true;
    if (edit?.edited === true) flags.edited = true;
    if (system) flags.system = true;
    if (forged) flags.possibleForgedHeader = true;
    let bodyText = unedited;
    const attachments: ImportedAttachment[] = [];
    if (media !== undefined) {
      attachments.push(media.attachment);
      const rest = lastLine > h.line ? lines.slice(h.line + 1, lastLine + 1) : [];
      bodyText = [media.caption, ...rest].filter((x) => x !== '').join('\n');
    }
    const message: ImportedMessage = {
      schema: 1,
      key,
      channel: 'whatsapp',
      time,
      sender,
      text: bodyText,
      attachments,
      flags,
      source,
    };
    if (direction !== undefined) message.direction = direction;
    if (options.chatName !== undefined) message.thread = options.chatName;
    messages.push(message);
  }
  const variant = (starts[0]?.ios ?? false) ? 'ios' : 'android';
  return {
    ok: true,
    value: {
      format: 'whatsapp',
      variant,
      dateOrder: order,
      zone,
      participants,
      messages,
      calls,
      preamble,
    },
  };
}

const NOT_DELETED = { deleted: false, bySelf: false } as const;

/** Who wrote what in each second so far, from every message's second and sender|digest. */
function indexBySecond(seconds: readonly number[], whos: readonly string[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (let i = 0; i < seconds.length; i++) {
    const second = seconds[i] as number;
    let list = map.get(second);
    if (list === undefined) {
      list = [];
      map.set(second, list);
    }
    list.push(whos[i] as string);
  }
  return map;
}

/**
 * Who wrote a line. A known system event without a frequent author is the app's; otherwise
 * the author is the most frequent prefix before a ": " (so "Dr: Who" stays whole when Dr: Who
 * writes more than once, and "Alex: Re: you" is Alex's). iOS credits group events to the group with a
 * direction mark after the colon.
 */
function splitAuthor(
  rest: string,
  known: readonly string[] | undefined,
  ios: boolean,
  counts: ReadonlyMap<string, number>,
  chatName: string | undefined,
): { sender: string; system: boolean; text: string } {
  const candidates = known ?? authorCandidates(rest);
  let best: string | undefined;
  let bestCount = 0;
  for (const c of candidates) {
    const n = counts.get(c) ?? 0;
    // On a tie the longer name wins only with two or more lines of evidence: "Dr: Who" who
    // always writes "Dr: Who: …"; one line "Alex: Note: …" is Alex's.
    if (n > bestCount || (n === bestCount && n >= 2 && best !== undefined)) {
      best = c;
      bestCount = n;
    }
  }
  if (best === undefined) return { sender: '', system: true, text: stripMarks(rest) };
  const after = rest.slice(best.length + 2);
  const text = stripMarks(after);
  if (ios && after.charCodeAt(0) === 0x200e && attachmentOf(text) === undefined) {
    const personal = isDeletedText(text).deleted || callOf(text) !== undefined;
    if (!personal) return { sender: best, system: true, text };
  }
  if (chatName !== undefined && best === chatName && isSystemText(text)) {
    return { sender: best, system: true, text };
  }
  // "Sam changed the subject to "Re: you"": the "name" before the colon is itself an event.
  if (isSystemText(best) && isSystemText(rest)) {
    return { sender: '', system: true, text: stripMarks(rest) };
  }
  return { sender: best, system: false, text };
}

function noHeaders(lines: readonly string[]): ImportProblem {
  const sample = lines.slice(0, 50).filter((l) => l.trim() !== '');
  const chatLike = sample.filter((l) => /^[\u200e[]?\S{4,12}[, ]+\S{3,12}.{0,20}[:-]/.test(l));
  return chatLike.length > sample.length / 2
    ? problem('unknown-language', 'no line starts with a date and time Casebook can read')
    : problem('not-an-export', 'no line starts with a date and time');
}
