import type { ImportedCallRecord, ImportedMessageRecord, ImportedTime } from '@casebook/core';
import {
  callWithResponsible,
  conversationKey,
  listedMessage,
  markedSenders,
  responsibleConversations,
  responsibleTest,
  sentByResponsible,
} from './conversations';
import type { Recorded, SnapshotInput } from './snapshot-input';
import type { NotListed } from './snapshot-types';
import { showInstant } from './time-text';

/** The imported records the account lists, and what it leaves out (counted, never named). */
export interface ChosenImports {
  readonly messages: readonly ImportedMessageRecord[];
  /** Of `messages`, the ids of those the person responsible sent (`sentByResponsible`). */
  readonly theirs: ReadonlySet<string>;
  readonly calls: readonly Recorded<ImportedCallRecord>[];
  readonly otherConversations: number;
  readonly otherMessages: number;
  readonly otherCalls: number;
  /** The person responsible's, with no readable time, in a date-ranged account. */
  readonly undatedMessages: number;
  /** The person responsible's calls with no readable time: a dated call log has no place for them. */
  readonly undatedCalls: number;
  /** Export files that only other conversations and calls point at. */
  readonly otherExports: ReadonlySet<string>;
}

/** Would this time fall in the report? An unreadable time only when there is no date range. */
function inReport(
  t: ImportedTime,
  zone: string,
  inRange: (local: string) => boolean,
  ranged: boolean,
): boolean {
  if (t.known === 'unreadable') return !ranged;
  return inRange(t.known === 'wall-clock' ? t.local : showInstant(t.instant, zone).local);
}

/**
 * Splits the imported messages and calls into those of conversations with the person
 * responsible (listed) and the rest (counted: conversations, messages and calls in the
 * report's dates, and the export files that hold nothing else).
 */
export function chooseImported(
  input: SnapshotInput,
  inRange: (local: string) => boolean,
  ranged: boolean,
): ChosenImports {
  const zone = input.timeZone;
  const all = input.messages ?? [];
  const isResponsible = responsibleTest(input.people.map((p) => p.body));
  const theirs = responsibleConversations(all, isResponsible);
  const marked = markedSenders(all);
  const messages: ImportedMessageRecord[] = [];
  const sentByThem = new Set<string>();
  const otherKeys = new Set<string>();
  const listedExports = new Set<string>();
  const exports = new Set<string>();
  let otherMessages = 0;
  let undatedMessages = 0;
  for (const r of all) {
    exports.add(r.exhibit.evidenceId);
    const key = conversationKey(r);
    if (listedMessage(r, theirs, isResponsible)) {
      messages.push(r);
      if (sentByResponsible(r, isResponsible, marked)) sentByThem.add(r.id);
      listedExports.add(r.exhibit.evidenceId);
      if (ranged && r.message.time.known === 'unreadable') undatedMessages += 1;
    } else if (inReport(r.message.time, zone, inRange, ranged)) {
      otherKeys.add(key);
      otherMessages += 1;
    }
  }
  const calls: Recorded<ImportedCallRecord>[] = [];
  let otherCalls = 0;
  let undatedCalls = 0;
  for (const r of input.importedCalls ?? []) {
    exports.add(r.body.exhibit.evidenceId);
    if (callWithResponsible(r.body, isResponsible)) {
      calls.push(r);
      listedExports.add(r.body.exhibit.evidenceId);
      if (r.body.call.time.known === 'unreadable') undatedCalls += 1;
    } else if (inReport(r.body.call.time, zone, inRange, ranged)) {
      otherCalls += 1;
    }
  }
  return {
    messages,
    theirs: sentByThem,
    calls,
    otherConversations: otherKeys.size,
    otherMessages,
    otherCalls,
    undatedMessages,
    undatedCalls,
    otherExports: new Set([...exports].filter((id) => !listedExports.has(id))),
  };
}

const n = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

type Counts = Omit<NotListed, 'text'>;

/** The sentences about messages (and the export files holding only those). */
export function messageSentences(c: Counts): string[] {
  const text: string[] = [];
  const be = (k: number) => (k === 1 ? 'is' : 'are');
  if (c.conversations > 0) {
    text.push(
      `${n(c.conversations, 'other conversation', 'other conversations')} (${n(c.messages, 'message', 'messages')}) ${be(c.conversations)} kept in this casebook and ${be(c.conversations)} not part of this account: the person responsible is not in ${c.conversations === 1 ? 'it' : 'them'}.`,
    );
  }
  if (c.undatedMessages > 0) {
    const k = c.undatedMessages;
    text.push(
      `${n(k, 'message', 'messages')} with the person responsible ${k === 1 ? 'has' : 'have'} no time that could be read in the export, so ${k === 1 ? 'it' : 'they'} cannot be shown to fall in this report's dates; ${k === 1 ? 'it is' : 'they are'} kept in this casebook.`,
    );
  }
  if (c.exportFiles > 0) {
    text.push(
      `${n(c.exportFiles, 'export file holds', 'export files hold')} only conversations and calls without the person responsible, so ${c.exportFiles === 1 ? 'it is' : 'they are'} not in the exhibit schedule; ${c.exportFiles === 1 ? 'it is' : 'they are'} kept in this casebook.`,
    );
  }
  return text;
}

/** The sentences about imported calls. */
export function callSentences(c: Counts): string[] {
  const text: string[] = [];
  if (c.calls > 0) {
    const k = c.calls;
    text.push(
      `${n(k, 'other imported call', 'other imported calls')} ${k === 1 ? 'is' : 'are'} kept in this casebook and ${k === 1 ? 'is' : 'are'} not part of this account: ${k === 1 ? 'it was' : 'they were'} not with the person responsible.`,
    );
  }
  if (c.undatedCalls > 0) {
    const k = c.undatedCalls;
    text.push(
      `${n(k, 'imported call', 'imported calls')} with the person responsible ${k === 1 ? 'has' : 'have'} no time that could be read in the export, so ${k === 1 ? 'it is' : 'they are'} not in the call log; ${k === 1 ? 'it is' : 'they are'} kept in this casebook.`,
    );
  }
  return text;
}

/**
 * The counts of what the account leaves out, with the sentences every renderer prints, e.g.
 * "12 other conversations (1,204 messages) are kept in this casebook and are not part of this
 * account: the person responsible is not in them." Absent when nothing was imported.
 */
export function notListedOf(
  chosen: ChosenImports,
  exportFiles: number,
  input: SnapshotInput,
): NotListed | undefined {
  if (input.messages === undefined && input.importedCalls === undefined) return undefined;
  const counts: Counts = {
    conversations: chosen.otherConversations,
    messages: chosen.otherMessages,
    calls: chosen.otherCalls,
    exportFiles,
    undatedMessages: chosen.undatedMessages,
    undatedCalls: chosen.undatedCalls,
  };
  return { ...counts, text: [...messageSentences(counts), ...callSentences(counts)] };
}
