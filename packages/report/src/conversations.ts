import {
  type ImportedCallRecord,
  type ImportedMessageRecord,
  type Person,
  sameParty,
  writtenAs,
} from '@casebook/core';

/**
 * Which imported conversations and calls the account lists. A whole-phone SMS backup or call
 * log holds every conversation on the phone (a refuge, family, a solicitor); the account is
 * about the person responsible, so it lists only the conversations that involve them, and says
 * how many others the casebook keeps. The rule, and why, is in packages/report/CONTEXT.md.
 */

/** The same conversation across channels that share one thread on a phone (texts and MMS). */
const CHANNEL_GROUP: Record<ImportedMessageRecord['message']['channel'], string> = {
  whatsapp: 'whatsapp',
  sms: 'text',
  mms: 'text',
  email: 'email',
  telegram: 'telegram',
  facebook: 'facebook',
  instagram: 'instagram',
};

/** "Re: Fwd: the car" and "the car" are one subject. */
function plainSubject(subject: string | undefined): string | undefined {
  const s = (subject ?? '').replace(/^\s*((re|fwd?|aw|wg|sv|tr)\s*(\[\d+\])?\s*:\s*)+/i, '').trim();
  return s === '' ? undefined : s.toLowerCase();
}

/** A mailbox as written (`Name <address>`) reduced to what identifies it: the address. */
function mailboxIdentity(written: string): string {
  const address = /<([^<>]+)>\s*$/.exec(written)?.[1] ?? written;
  return address.trim().toLowerCase();
}

/** Everyone on an email: the sender and every recipient, as written. */
export function emailParticipants(m: ImportedMessageRecord['message']): string[] {
  const e = m.email;
  return [m.senderAddress ?? m.sender, ...(e?.to ?? []), ...(e?.cc ?? []), ...(e?.bcc ?? [])];
}

/**
 * An email's conversation: its thread (the root its References name, else the message it
 * replies to, else itself) among the same people. The subject is never enough: two strangers'
 * "Hi" would be one conversation, and a support worker's reply in a thread he began would be
 * listed with his emails. Without any Message-ID (rare), the subject among the same people.
 */
function emailConversation(r: ImportedMessageRecord): string {
  const m = r.message;
  const e = m.email;
  const people = [...new Set(emailParticipants(m).map(mailboxIdentity))].sort().join('\u0001');
  const root = e?.references[0] ?? e?.inReplyTo ?? e?.messageId;
  if (root !== undefined) return `email\u0000id:${root}\u0000${people}`;
  const subject = plainSubject(m.subject);
  if (subject === undefined || e === undefined) return `email\u0000key:${m.key}`;
  return `email\u0000subject:${subject}\u0000${people}`;
}

/**
 * The conversation a message belongs to: the thread the export names (an SMS contact, a
 * Telegram chat, a WhatsApp chat's name), across exports of the same channel so a later,
 * longer backup joins it; an email's thread among the same people (`emailConversation`);
 * with no thread named, the export file is one conversation (a WhatsApp export is one chat).
 */
export function conversationKey(r: ImportedMessageRecord): string {
  const m = r.message;
  const group = CHANNEL_GROUP[m.channel];
  if (m.channel === 'email') return emailConversation(r);
  if (m.thread !== undefined && m.thread.trim() !== '') return `${group}\u0000${m.thread.trim()}`;
  return `${group}\u0000file:${r.exhibit.evidenceId}`;
}

/**
 * A phone number as digits in international form, read as the UK writes them (`07…`,
 * `+44 7…`, `0044 7…`); `undefined` for anything too short to be a number.
 */
function phoneDigits(raw: string): string | undefined {
  const t = raw.trim();
  let d = t.replace(/\D/g, '');
  if (t.startsWith('+')) {
    // `+44 (0)7700…` writes the trunk 0 as well.
    if (d.startsWith('440')) d = `44${d.slice(3)}`;
  } else if (d.startsWith('00')) d = d.slice(2);
  else if (d.startsWith('0')) d = `44${d.slice(1)}`;
  return d.length >= 7 ? d : undefined;
}

/** Whether a name, number or address as an export wrote it is the person responsible's. */
export type ResponsibleTest = (written: string | undefined) => boolean;

/** Tests against every name, phone, email and handle of the person-responsible records. */
export function responsibleTest(people: readonly Person[]): ResponsibleTest {
  const offenders = people.filter((p) => p.role === 'offender');
  const names = offenders.flatMap((p) => [
    ...p.names,
    ...p.emails,
    ...p.handles.map((h) => h.handle.replace(/^@/, '')),
  ]);
  const phones = new Set(offenders.flatMap((p) => p.phones.flatMap((n) => phoneDigits(n) ?? [])));
  return (written) => {
    if (written === undefined || written.trim() === '') return false;
    // An MMS to several people names them all, joined with "~" (SMS Backup & Restore).
    for (const part of written.split('~')) {
      const plain = part.replace(/^@/, '');
      if (names.some((n) => writtenAs(n, part) || sameParty(n, plain))) return true;
      const digits = /[a-z@]/i.test(part) ? undefined : phoneDigits(part);
      if (digits !== undefined && phones.has(digits)) return true;
    }
    return false;
  };
}

/**
 * Whether one email is his to list: he sent it or was sent it (To, Cc or Bcc), or it was
 * marked his or linked to his record at import. Any other email is counted, never listed,
 * whatever thread it is in: a caseworker's reply to a forward of his email is not his.
 */
export function emailWithResponsible(
  r: ImportedMessageRecord,
  isResponsible: ResponsibleTest,
): boolean {
  const m = r.message;
  if (r.from === 'responsible' || r.personId !== undefined) return true;
  return emailParticipants(m).some((w) => isResponsible(w) || isResponsible(mailboxIdentity(w)));
}

/**
 * Whether a message is in the account: an email on its own (`emailWithResponsible`), any
 * other message when its conversation is one of `theirs`.
 */
export function listedMessage(
  r: ImportedMessageRecord,
  theirs: ReadonlySet<string>,
  isResponsible: ResponsibleTest,
): boolean {
  if (r.message.channel === 'email') return emailWithResponsible(r, isResponsible);
  return theirs.has(conversationKey(r));
}

/**
 * The senders, as written, that the person marked as the person responsible's at import, by
 * conversation (`conversationKey`). A later export of the same chat, imported without naming
 * him, writes him the same way; his record may name him otherwise ("Ryan Aldous", not "Ryan").
 */
export type MarkedSenders = ReadonlyMap<string, readonly string[]>;

/** Each conversation's senders of messages marked the person responsible's at import. */
export function markedSenders(messages: readonly ImportedMessageRecord[]): MarkedSenders {
  const byConversation = new Map<string, string[]>();
  for (const r of messages) {
    if (r.from !== 'responsible') continue;
    const key = conversationKey(r);
    const senders = byConversation.get(key) ?? [];
    for (const w of [r.message.sender, r.message.senderAddress]) {
      if (w === undefined || w.trim() === '' || w.includes('~')) continue;
      if (!senders.some((s) => sameParty(s, w))) senders.push(w);
    }
    byConversation.set(key, senders);
  }
  return byConversation;
}

/**
 * Whether the person responsible sent this message: said so at import; or (when the person did
 * not say) its sender as written is one of the names, numbers or addresses on their record, or
 * is how a message already marked theirs in the same conversation writes its sender (`marked`).
 * Their contact is what a chronology lists; in a group chat with them, other members' messages
 * are in the account's thread but are not their contact. The person's own and system lines
 * never are.
 */
export function sentByResponsible(
  r: ImportedMessageRecord,
  isResponsible: ResponsibleTest,
  marked: MarkedSenders = new Map(),
): boolean {
  if (r.from === 'responsible') return true;
  const m = r.message;
  if (r.from === 'self' || m.direction === 'outgoing' || m.flags.system === true) return false;
  // A group MMS with no sender names every member joined with "~": that says who was in it,
  // not who sent it.
  const senders = marked.get(conversationKey(r)) ?? [];
  const one = (w: string | undefined) =>
    w !== undefined &&
    !w.includes('~') &&
    (isResponsible(w) || senders.some((s) => sameParty(s, w)));
  return one(m.sender) || one(m.senderAddress);
}

/** The conversations (by `conversationKey`) in which the person responsible takes part. */
export function responsibleConversations(
  messages: readonly ImportedMessageRecord[],
  isResponsible: ResponsibleTest,
): Set<string> {
  const keys = new Set<string>();
  for (const r of messages) {
    const key = conversationKey(r);
    if (keys.has(key)) continue;
    const m = r.message;
    if (m.channel === 'email') {
      if (emailWithResponsible(r, isResponsible)) keys.add(key);
      continue;
    }
    if (
      r.from === 'responsible' ||
      r.personId !== undefined ||
      (m.flags.system !== true && (isResponsible(m.sender) || isResponsible(m.senderAddress))) ||
      isResponsible(m.thread)
    )
      keys.add(key);
  }
  return keys;
}

/** An imported call is listed when it is with the person responsible, by number or by name. */
export function callWithResponsible(
  r: ImportedCallRecord,
  isResponsible: ResponsibleTest,
): boolean {
  const c = r.call;
  return (
    r.from === 'responsible' ||
    r.personId !== undefined ||
    isResponsible(c.party) ||
    isResponsible(c.number?.raw) ||
    isResponsible(c.number?.e164)
  );
}
