import {
  type Direction,
  escapeKeyPart,
  type ImportedAttachment,
  type ImportedCall,
  type ImportedMessage,
  type MessageFlags,
  textDigest,
  textDigestBetween,
} from '@casebook/core';
import { type ImportProblem, problem } from './import-problem';
import { WallClockReader } from './wall-clock-time';
import {
  type DateOrder,
  type DateOrderSample,
  headerRawAt,
  scanHeaderFields,
} from './whatsapp-header';
import { findDateOrder, HeaderTable } from './whatsapp-header-table';
import { attachmentOf, callOf, isDeletedText, isSystemText, stripEdited } from './whatsapp-markers';
import { RepeatNumbering } from './whatsapp-repeats';

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

/** Where the text after `at` begins once the direction marks WhatsApp puts there are passed. */
function pastMarks(text: string, at: number, end: number): number {
  let p = at;
  while (p < end) {
    const c = text.charCodeAt(p);
    if (c !== 0x200e && c !== 0x200f) break;
    p++;
  }
  return p;
}

/** Lines as the file has them: each line's one trailing carriage return taken off. */
const withoutReturns = (s: string) => (s.indexOf('\r') < 0 ? s : s.replace(/\r(?=\n)|\r$/g, ''));

/**
 * Everyone written before a ": " at the start of a header's text. The author of a line is the
 * most frequent of its prefixes before each ": " (up to four, within 120 characters), the
 * longer winning a tie of two or more. A longer prefix is never more frequent than a shorter
 * one (every line with "Dr: Who" has "Dr"), so the author is the longest prefix found on
 * every line that has the first one: one count per first prefix, and the prefixes the lines
 * with it share, found by comparing each line with the first that had it, without a
 * substring per line.
 */
interface Author {
  /** The first prefix ("Dr"), shared by every line that starts with it. */
  readonly first: string;
  /** The longer prefixes of the first line that had it ("Dr: Who", "Dr: Who: hi"). */
  readonly longer: readonly string[];
  /** How many of `longer` every line with `first` has. */
  shared: number;
  count: number;
  /** The author of these lines: `first` or one of `longer`; set after counting. */
  name: string;
  /** isSystemText(name), asked once. */
  systemName: boolean;
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
  // The file's last line ends with a newline: that is not an empty line of the last message.
  let contentEnd = body.length;
  const lastBreak = body.lastIndexOf('\n');
  if (
    lastBreak >= 0 &&
    (lastBreak === body.length - 1 ||
      (lastBreak === body.length - 2 && body.charCodeAt(body.length - 1) === 13))
  )
    contentEnd = lastBreak;

  // Headers, found at line starts: a character test, then a scan only where one may begin.
  const found = new HeaderTable(body.length >>> 6);
  // Headers per layout, in order of first appearance; counted by runs of one layout (a
  // file has one, bar typed-in headers), not with a map update per header.
  const layouts = new Map<number, number>();
  let runLayout = -1;
  let runLength = 0;
  let lineCount = 0;
  for (let at = 0; at <= contentEnd; ) {
    let end = body.indexOf('\n', at);
    if (end < 0 || end > contentEnd) end = contentEnd;
    const c = body.charCodeAt(at);
    if ((c >= 48 && c <= 57) || c === 91 || c === 0x200e || c === 0x200f || c === 0xfeff) {
      const f = scanHeaderFields(
        body,
        at,
        body.charCodeAt(end - 1) === 13 ? end - 1 : end,
        lineCount,
      );
      if (f !== undefined && found.push(f)) {
        const l = found.layout[found.count - 1] as number;
        if (l === runLayout) runLength++;
        else {
          if (runLength > 0) layouts.set(runLayout, (layouts.get(runLayout) ?? 0) + runLength);
          if (!layouts.has(l)) layouts.set(l, 0);
          runLayout = l;
          runLength = 1;
        }
      }
    }
    lineCount++;
    at = end + 1;
  }
  if (found.count === 0) return { ok: false, problem: noHeaders(body) };
  layouts.set(runLayout, (layouts.get(runLayout) ?? 0) + runLength);
  let layout = 0;
  let most = 0;
  for (const [l, n] of layouts) if (n > most) [layout, most] = [l, n];
  // The headers in the main layout, by index.
  const main = new Int32Array(most);
  for (let i = 0, m = 0; i < found.count; i++) if (found.layout[i] === layout) main[m++] = i;
  const { at: hAt, end: hEnd, restAt: hRest, layout: hLayout, line: hLine } = found;

  // Who wrote each line (see `Author`): `authorOf[i]` for found[i] in the main layout,
  // undefined when its text has no ": " early on its first line.
  const authors = new Map<string, Author>();
  const authorOf: (Author | undefined)[] = new Array(found.count);
  // The first ": " at or after the last header's text: none lies between, so it is reused
  // until a header's text begins after it (one search per ": ", not one per line).
  let colonAt = -1;
  let last: Author | undefined;
  for (let m = 0; m < main.length; m++) {
    const i = main[m] as number;
    const restAt = hRest[i] as number;
    const end = hEnd[i] as number;
    if (colonAt < restAt) {
      colonAt = body.indexOf(': ', restAt);
      if (colonAt < 0) colonAt = body.length;
    }
    if (colonAt >= end || colonAt - restAt > MAX_NAME) continue;
    const len = colonAt - restAt;
    let author =
      last !== undefined && last.first.length === len && body.startsWith(last.first, restAt)
        ? last
        : undefined;
    if (author === undefined) {
      const first = body.slice(restAt, colonAt);
      author = authors.get(first);
      if (author === undefined) {
        const longer: string[] = [];
        let from = colonAt + 2;
        while (longer.length < COLON_CANDIDATES - 1) {
          const at = body.indexOf(': ', from);
          if (at < 0 || at >= end || at - restAt > MAX_NAME) break;
          longer.push(body.slice(restAt, at));
          from = at + 2;
        }
        author = { first, longer, shared: longer.length, count: 0, name: first, systemName: false };
        authors.set(first, author);
      }
    }
    author.count++;
    // Of the longer prefixes, keep those this line has too.
    while (author.shared > 0) {
      const p = author.longer[author.shared - 1] as string;
      const after = restAt + p.length;
      if (
        after < end &&
        body.charCodeAt(after) === 58 &&
        body.charCodeAt(after + 1) === 32 &&
        body.startsWith(p, restAt)
      )
        break;
      author.shared--;
    }
    authorOf[i] = author;
    last = author;
  }
  for (const a of authors.values()) {
    a.name = a.count >= 2 && a.shared > 0 ? (a.longer[a.shared - 1] as string) : a.first;
    a.systemName = isSystemText(a.name);
  }

  let order: DateOrder;
  if (options.dateOrder !== undefined && !main.every((i) => found.yearFirst(i))) {
    order = options.dateOrder;
  } else {
    const finding = findDateOrder(found, main, (i) =>
      headerRawAt(body, hAt[i] as number, hRest[i] as number),
    );
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
  // starts[k] is message k's header (an index into `found`).
  const starts = new Int32Array(main.length);
  const startAuthors: (Author | undefined)[] = new Array(main.length);
  const clocks = new Float64Array(main.length);
  let count = 0;
  const forgedInside = new Set<number>();
  for (let i = 0; i < found.count; i++) {
    const clock = hLayout[i] === layout ? found.clock(i, order) : undefined;
    if (clock === undefined) {
      // A header in another layout, or on a day that does not exist, inside a message.
      if (count > 0) forgedInside.add(count - 1);
      continue;
    }
    starts[count] = i;
    startAuthors[count] = authorOf[i];
    clocks[count] = clock;
    count++;
  }
  const firstAt = count > 0 ? (hAt[starts[0] as number] as number) : contentEnd + 1;
  const preamble = firstAt === 0 ? '' : withoutReturns(body.slice(0, firstAt - 1));

  const senders: string[] = new Array(count);
  const systems = new Uint8Array(count);
  // Where each message's own text begins (after its author and the marks).
  const textAts = new Int32Array(count);
  const participants: string[] = [];
  const seen = new Set<string>();
  let busiest = 0;
  const split: SplitAuthor = { sender: '', system: false, textAt: 0 };
  for (let k = 0; k < count; k++) {
    const i = starts[k] as number;
    splitAuthor(
      body,
      hRest[i] as number,
      hEnd[i] as number,
      found.ios(i),
      startAuthors[k],
      options.chatName,
      split,
    );
    const sender = split.sender;
    senders[k] = sender;
    systems[k] = split.system ? 1 : 0;
    textAts[k] = split.textAt;
    if (split.system) continue;
    busiest = Math.max(busiest, startAuthors[k]?.count ?? 1);
    if (!seen.has(sender)) {
      seen.add(sender);
      participants.push(sender);
    }
  }

  const reader = new WallClockReader(zone);
  // Most exports have no carriage returns: then no message's text is searched for one.
  const returns = body.indexOf('\r') >= 0;
  const repeats = new RepeatNumbering(clocks.subarray(0, count), senders);
  // Sized once for every header (calls are few), then cut to length: no copying as it grows.
  const messages: ImportedMessage[] = new Array(count);
  let messageCount = 0;
  const calls: ImportedCall[] = [];
  let lastClock = Number.NEGATIVE_INFINITY;
  // The last sender and its part of the key: a sender often writes several in a row.
  let keySender = '';
  let keySenderPart = '';
  for (let k = 0; k < count; k++) {
    const i = starts[k] as number;
    const clock = clocks[k] as number;
    const sender = senders[k] as string;
    const system = systems[k] === 1;
    const next = k + 1 < count ? (starts[k + 1] as number) : -1;
    const lastLine = next < 0 ? lineCount - 1 : (hLine[next] as number) - 1;
    const textEnd = next < 0 ? contentEnd : (hAt[next] as number) - 1;
    // The message's text in one slice of the file, from after its author to its last line.
    const sliced = body.slice(textAts[k] as number, textEnd);
    const joined = returns ? withoutReturns(sliced) : sliced;
    const lineBreak = joined.indexOf('\n');
    const first = lineBreak < 0 ? joined : joined.slice(0, lineBreak);
    const time = reader.read(clock, headerRawAt(body, hAt[i] as number, hRest[i] as number));
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
      (startAuthors[k]?.count ?? 0) <= 1 &&
      senders[previous] !== sender &&
      Math.floor((clocks[previous] as number) / 60_000) === Math.floor(clock / 60_000);
    const forged = (forgedInside.size > 0 && forgedInside.has(k)) || outOfOrder || lonely;
    const edit = joined.charCodeAt(joined.length - 1) === 62 ? stripEdited(joined) : undefined;
    const unedited = edit?.text ?? joined;
    const deleted = unedited.length < 60 ? isDeletedText(unedited) : NOT_DELETED;
    const media = system ? undefined : attachmentOf(first);
    const source =
      options.entry === undefined
        ? { line: (hLine[i] as number) + 1, lineEnd: lastLine + 1 }
        : { entry: options.entry, line: (hLine[i] as number) + 1, lineEnd: lastLine + 1 };
    // Without carriage returns the text is the file's own stretch: digested in place.
    const digest = returns
      ? textDigest(joined)
      : textDigestBetween(body, textAts[k] as number, textEnd);
    // The same sender, time and text more than once: the nth copy gets n, in file order.
    const n = repeats.next(k, digest);
    // importKey('whatsapp', [local, sender, n, digest]) written out, as one flat string (a
    // chain of concatenations kept per message costs more in garbage collection than a copy).
    if (sender !== keySender) {
      keySender = sender;
      keySenderPart = escapeKeyPart(sender);
    }
    const key = ['whatsapp:', time.local, '|', keySenderPart, '|', n, '|', digest].join('');
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
    let flags: MessageFlags = NO_FLAGS;
    if (deleted.deleted || edit?.edited === true || system || forged) {
      flags = {};
      if (deleted.deleted) flags.deleted = true;
      if (edit?.edited === true) flags.edited = true;
      if (system) flags.system = true;
      if (forged) flags.possibleForgedHeader = true;
    }
    let bodyText = unedited;
    let attachments = NO_ATTACHMENTS;
    if (media !== undefined) {
      attachments = [media.attachment];
      const rest = lineBreak < 0 ? [] : joined.slice(lineBreak + 1).split('\n');
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
    messages[messageCount++] = message;
  }
  messages.length = messageCount;
  const variant = count > 0 && found.ios(starts[0] as number) ? 'ios' : 'android';
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
/** Most messages have no flag: they share one frozen empty set (never changed after parsing). */
const NO_FLAGS: MessageFlags = Object.freeze({});
/** Most messages have no attachment: they share one frozen empty list, for the same reason. */
const NO_ATTACHMENTS: ImportedAttachment[] = [];
Object.freeze(NO_ATTACHMENTS);

/**
 * Who wrote a line. A known system event without a frequent author is the app's; otherwise
 * the author is the most frequent prefix before a ": " (`Author`: so "Dr: Who" stays whole when
 * Dr: Who writes more than once, and "Alex: Re: you" is Alex's). iOS credits group events to
 * the group with a direction mark after the colon.
 */
function splitAuthor(
  text: string,
  restAt: number,
  end: number,
  ios: boolean,
  author: Author | undefined,
  chatName: string | undefined,
  out: SplitAuthor,
): void {
  out.sender = '';
  out.system = true;
  if (author === undefined) {
    out.textAt = pastMarks(text, restAt, end);
    return;
  }
  const best = author.name;
  const afterAt = restAt + best.length + 2;
  const textAt = pastMarks(text, afterAt, end);
  out.sender = best;
  out.textAt = textAt;
  // The first line's text is sliced only for the checks below (iOS and chat-name lines).
  if (ios && text.charCodeAt(afterAt) === 0x200e) {
    const line = text.slice(textAt, end);
    if (attachmentOf(line) === undefined) {
      const personal = isDeletedText(line).deleted || callOf(line) !== undefined;
      if (!personal) return;
    }
  }
  if (chatName !== undefined && best === chatName && isSystemText(text.slice(textAt, end))) return;
  // "Sam changed the subject to "Re: you"": the "name" before the colon is itself an event.
  if (author.systemName && isSystemText(text.slice(restAt, end))) {
    out.sender = '';
    out.textAt = pastMarks(text, restAt, end);
    return;
  }
  out.system = false;
}

/** splitAuthor's answer, written into one object reused for every message. */
interface SplitAuthor {
  sender: string;
  system: boolean;
  textAt: number;
}

function noHeaders(body: string): ImportProblem {
  const lines: string[] = [];
  for (let at = 0; lines.length < 50 && at <= body.length; ) {
    let end = body.indexOf('\n', at);
    if (end < 0) end = body.length;
    lines.push(withoutReturns(body.slice(at, end)));
    at = end + 1;
  }
  const sample = lines.filter((l) => l.trim() !== '');
  const chatLike = sample.filter((l) => /^[\u200e[]?\S{4,12}[, ]+\S{3,12}.{0,20}[:-]/.test(l));
  return chatLike.length > sample.length / 2
    ? problem('unknown-language', 'no line starts with a date and time Casebook can read')
    : problem('not-an-export', 'no line starts with a date and time');
}
