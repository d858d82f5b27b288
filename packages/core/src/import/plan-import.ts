import { ImportedIdSchema, newId, type PersonId } from '../ids';
import type { Random } from '../ports';
import { migrate } from '../record-migrations';
import type {
  ImportedCallRecord,
  ImportedFrom,
  ImportedMessageRecord,
  SourceExhibit,
} from '../records/imported-record';
import type { ImportedCall, ImportedMessage } from '../records/message';

/** Who is who in an export, as the person said: names, numbers or addresses as written. */
export interface ImportParties {
  /** The person responsible as the export writes them (a name, a number or an address). */
  readonly responsible: readonly string[];
  /** The person's own name or number as the export writes it, when known. */
  readonly self?: readonly string[];
  /** The person record of the person responsible, when linked. */
  readonly personId?: PersonId;
}

export type PlannedRecord =
  | { readonly kind: 'imported-message'; readonly id: string; readonly body: ImportedMessageRecord }
  | { readonly kind: 'imported-call'; readonly id: string; readonly body: ImportedCallRecord };

export interface ImportPlan {
  /** New records only, messages first, each checked against its schema. */
  readonly records: readonly PlannedRecord[];
  readonly newMessages: number;
  readonly newCalls: number;
  /** Already in the casebook (or earlier in this import): left out, so nothing is added twice. */
  readonly alreadyThere: number;
}

/** Names compared as people type them: case, spaces and the invisible marks exports add. */
export function sameParty(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFKC')
      .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase();
  return norm(a) !== '' && norm(a) === norm(b);
}

/**
 * Whether `name` (as the person typed it) is who an export wrote as `written`: the same text,
 * or the name or the address of an email-style `Name <address>`.
 */
export function writtenAs(name: string, written: string): boolean {
  if (sameParty(name, written)) return true;
  const mailbox = /^(.*?)\s*<([^<>]+)>\s*$/.exec(written);
  if (!mailbox) return false;
  const display = (mailbox[1] ?? '').replace(/^"(.*)"$/, '$1');
  return sameParty(name, display) || sameParty(name, mailbox[2] ?? '');
}

const matchesAny = (names: readonly string[], values: readonly (string | undefined)[]) =>
  values.some((v) => v !== undefined && names.some((n) => writtenAs(n, v)));

/** Whether any message or call of an export is from or with one of `names`. */
export function namesSomeone(
  names: readonly string[],
  messages: readonly ImportedMessage[],
  calls: readonly ImportedCall[],
): boolean {
  return (
    messages.some((m) => matchesAny(names, [m.sender, m.senderAddress])) ||
    calls.some((c) => matchesAny(names, [c.party, c.number?.raw, c.number?.e164]))
  );
}

function messageFrom(m: ImportedMessage, parties: ImportParties): ImportedFrom {
  if (m.flags.system) return 'other';
  if (matchesAny(parties.responsible, [m.sender, m.senderAddress])) return 'responsible';
  if (m.direction === 'outgoing' || matchesAny(parties.self ?? [], [m.sender, m.senderAddress]))
    return 'self';
  return 'other';
}

function callFrom(c: ImportedCall, parties: ImportParties): ImportedFrom {
  if (matchesAny(parties.responsible, [c.party, c.number?.raw, c.number?.e164]))
    return 'responsible';
  if (c.direction === 'outgoing') return 'self';
  return 'other';
}

/**
 * The records an import adds: one per message and one per call not already imported (by its
 * stable `key`), each pointing at the export file's exhibit. `known` is every key already in
 * the casebook; keys planned here are added to it, so two files of one import that overlap
 * add each message once. Pure: the caller commits the records in one batch (or none).
 */
export function planImport(input: {
  readonly messages: readonly ImportedMessage[];
  readonly calls: readonly ImportedCall[];
  readonly exhibit: SourceExhibit;
  readonly parties: ImportParties;
  readonly known: Set<string>;
  readonly random: Random;
}): ImportPlan {
  const { exhibit, parties, known, random } = input;
  const records: PlannedRecord[] = [];
  let alreadyThere = 0;
  let newMessages = 0;
  let newCalls = 0;
  const person = parties.personId === undefined ? {} : { personId: parties.personId };
  for (const message of input.messages) {
    if (known.has(message.key)) {
      alreadyThere += 1;
      continue;
    }
    known.add(message.key);
    const from = messageFrom(message, parties);
    const body = checked('imported-message', {
      schema: 1,
      id: newId(ImportedIdSchema, random),
      exhibit,
      from,
      ...(from === 'responsible' ? person : {}),
      message,
    });
    records.push({ kind: 'imported-message', id: body.id, body });
    newMessages += 1;
  }
  for (const call of input.calls) {
    if (known.has(call.key)) {
      alreadyThere += 1;
      continue;
    }
    known.add(call.key);
    const from = callFrom(call, parties);
    const body = checked('imported-call', {
      schema: 1,
      id: newId(ImportedIdSchema, random),
      exhibit,
      from,
      ...(from === 'responsible' ? person : {}),
      call,
    });
    records.push({ kind: 'imported-call', id: body.id, body });
    newCalls += 1;
  }
  return { records, newMessages, newCalls, alreadyThere };
}

/** Zod at the boundary: a record the parser made that its schema refuses is a bug, never saved. */
function checked<K extends 'imported-message' | 'imported-call'>(kind: K, value: unknown) {
  const result = migrate(kind, value);
  if (!result.ok) throw new Error(`An imported record did not pass its check: ${result.reason}`);
  return result.value;
}

/** Every import key already in a casebook, from its stored imported records' bodies. */
export function importedKeys(bodies: Iterable<unknown>): Set<string> {
  const keys = new Set<string>();
  for (const body of bodies) {
    const b = body as { message?: { key?: unknown }; call?: { key?: unknown } } | null;
    const key = b?.message?.key ?? b?.call?.key;
    if (typeof key === 'string') keys.add(key);
  }
  return keys;
}
