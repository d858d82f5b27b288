import {
  type ImportedAttachment,
  type ImportedCall,
  type ImportedMessage,
  importKey,
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

interface Draft {
  header: Header;
  clock: number;
  sender: string;
  system: boolean;
  lines: string[];
  forged: boolean;
}

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
  const headers: (Header | undefined)[] = new Array(lines.length);
  const layouts = new Map<string, number>();
  let found = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    if (line.endsWith('\r')) {
      line = line.slice(0, -1);
      lines[i] = line;
    }
    const h = readHeader(line, i);
    if (h === undefined) continue;
    headers[i] = h;
    found++;
    layouts.set(h.layout, (layouts.get(h.layout) ?? 0) + 1);
  }
  if (found === 0) return { ok: false, problem: noHeaders(lines) };
  let layout = '';
  let most = 0;
  for (const [l, n] of layouts) if (n > most) [layout, most] = [l, n];

  const main: Header[] = [];
  const authorCounts = new Map<string, number>();
  for (const h of headers) {
    if (h === undefined || h.layout !== layout) continue;
    main.push(h);
    for (const c of authorCandidates(lines[h.line]?.slice(h.restAt) ?? '')) {
      authorCounts.set(c, (authorCounts.get(c) ?? 0) + 1);
    }
  }
  let order: DateOrder;
  if (options.dateOrder !== undefined && !main.every((h) => h.yearFirst)) {
    order = options.dateOrder;
  } else {
    const finding = findDateOrder(main);
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

  const drafts: Draft[] = [];
  const preamble: string[] = [];
  let current: Draft | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const h = headers[i];
    const clock = h !== undefined && h.layout === layout ? headerClock(h, order) : undefined;
    if (h === undefined || clock === undefined) {
      if (current === undefined) preamble.push(line);
      else {
        current.lines.push(line);
        // A header in another layout, or with a date that does not exist, inside a message.
        if (h !== undefined) current.forged = true;
      }
      continue;
    }
    const rest = line.slice(h.restAt);
    const { sender, system, text } = splitAuthor(rest, h.ios, authorCounts, options.chatName);
    current = { header: h, clock, sender, system, lines: [text], forged: false };
    drafts.push(current);
  }

  const reader = new WallClockReader(zone);
  const participants: string[] = [];
  const seen = new Set<string>();
  let busiest = 0;
  for (const d of drafts) {
    if (d.system) continue;
    const n = authorCounts.get(d.sender) ?? 1;
    busiest = Math.max(busiest, n);
    if (!seen.has(d.sender)) {
      seen.add(d.sender);
      participants.push(d.sender);
    }
  }
  const occurrences = new Map<string, number>();
  const messages: ImportedMessage[] = [];
  const calls: ImportedCall[] = [];
  let lastClock = Number.NEGATIVE_INFINITY;
  let previous: Draft | undefined;
  for (const d of drafts) {
    const time = reader.read(d.clock, d.header.raw);
    // WhatsApp writes messages in order: an earlier time, or a name seen only once in a busy
    // chat in the same minute as the message above, may be a header typed into that message.
    const outOfOrder = d.clock < lastClock;
    lastClock = Math.max(lastClock, d.clock);
    const lonely =
      !d.system &&
      d.sender !== options.self &&
      (authorCounts.get(d.sender) ?? 0) <= 1 &&
      busiest >= 5 &&
      previous !== undefined &&
      previous.sender !== d.sender &&
      Math.floor(previous.clock / 60_000) === Math.floor(d.clock / 60_000);
    previous = d;
    const forged = d.forged || outOfOrder || lonely;
    const joined = d.lines.join('\n');
    const { text: unedited, edited } = stripEdited(joined);
    const deleted = isDeletedText(unedited);
    const first = d.lines[0] ?? '';
    const media = d.system ? undefined : attachmentOf(first);
    const attachments: ImportedAttachment[] = media === undefined ? [] : [media.attachment];
    const bodyText =
      media === undefined
        ? unedited
        : [media.caption, ...d.lines.slice(1)].filter((s) => s !== '').join('\n');
    const local = time.local;
    const source =
      options.entry === undefined
        ? { line: d.header.line + 1, lineEnd: d.header.line + d.lines.length }
        : {
            entry: options.entry,
            line: d.header.line + 1,
            lineEnd: d.header.line + d.lines.length,
          };
    const digest = textDigest(joined);
    const base = `${local}|${d.sender}|${digest}`;
    const n = occurrences.get(base) ?? 0;
    occurrences.set(base, n + 1);
    const key = importKey('whatsapp', [local, d.sender, n, digest]);
    const direction =
      deleted.bySelf || (options.self !== undefined && d.sender === options.self)
        ? ('outgoing' as const)
        : options.self !== undefined && !d.system
          ? ('incoming' as const)
          : undefined;
    const call = d.system || media !== undefined ? undefined : callOf(unedited);
    if (call !== undefined) {
      const outcome =
        call.outcome === 'missed' ? 'missed' : direction === 'outgoing' ? 'outgoing' : 'incoming';
      calls.push({
        schema: 1,
        key,
        channel: 'whatsapp',
        time,
        outcome,
        ...(direction === undefined ? {} : { direction }),
        withheld: false,
        party: d.sender,
        ...(call.video ? { video: true as const } : {}),
        ...(call.durationSeconds === undefined ? {} : { durationSeconds: call.durationSeconds }),
        source,
      });
      continue;
    }
    const flags: MessageFlags = {
      ...(deleted.deleted ? { deleted: true as const } : {}),
      ...(edited ? { edited: true as const } : {}),
      ...(d.system ? { system: true as const } : {}),
      ...(forged ? { possibleForgedHeader: true as const } : {}),
    };
    messages.push({
      schema: 1,
      key,
      channel: 'whatsapp',
      time,
      sender: d.sender,
      ...(direction === undefined ? {} : { direction }),
      ...(options.chatName === undefined ? {} : { thread: options.chatName }),
      text: bodyText,
      attachments,
      flags,
      source,
    });
  }
  const variant = (drafts[0]?.header.ios ?? false) ? 'ios' : 'android';
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
      preamble: preamble.join('\n'),
    },
  };
}

/**
 * Who wrote a line. A known system event without a frequent author is the app's; otherwise
 * the author is the most frequent prefix before a ": " (so "Dr: Who" stays whole when Dr: Who
 * writes more than once, and "Alex: Re: you" is Alex's). iOS credits group events to the group with a
 * direction mark after the colon.
 */
function splitAuthor(
  rest: string,
  ios: boolean,
  counts: ReadonlyMap<string, number>,
  chatName: string | undefined,
): { sender: string; system: boolean; text: string } {
  const candidates = authorCandidates(rest);
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
  if (bestCount < 2 && isSystemText(rest))
    return { sender: '', system: true, text: stripMarks(rest) };
  return { sender: best, system: false, text };
}

function noHeaders(lines: readonly string[]): ImportProblem {
  const sample = lines.slice(0, 50).filter((l) => l.trim() !== '');
  const chatLike = sample.filter((l) => /^[\u200e[]?\S{4,12}[, ]+\S{3,12}.{0,20}[:-]/.test(l));
  return chatLike.length > sample.length / 2
    ? problem('unknown-language', 'no line starts with a date and time Casebook can read')
    : problem('not-an-export', 'no line starts with a date and time');
}
