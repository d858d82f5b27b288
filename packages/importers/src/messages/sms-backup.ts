import {
  type CallOutcome,
  type ImportedAttachment,
  type ImportedCall,
  type ImportedMessage,
  type ImportedTime,
  importKey,
  textDigest,
} from '@casebook/core';
import { SaxesParser } from 'saxes';
import { type ImportProblem, problem } from './import-problem';
import { isWithheld, readPhoneNumber } from './phone-number';
import { SurrogateReferenceRepair } from './surrogate-references';
import { epochTime } from './wall-clock-time';

/** An MMS part's bytes, handed out once and not kept: store it as evidence, then drop it. */
export interface MmsPart {
  /** The key of the message the part belongs to. */
  readonly messageKey: string;
  readonly seq: number;
  readonly mediaType: string;
  readonly name?: string;
  readonly bytes: Uint8Array;
}

export interface SmsBackupOptions {
  /** The person's own name, written as the sender of their sent messages (default "You"). */
  readonly self?: string;
  /** Called with each MMS attachment's bytes; awaited before more of the file is read. */
  readonly onPart?: (part: MmsPart) => void | Promise<void>;
  readonly region?: 'GB';
}

export type SmsBackupItem =
  | { readonly type: 'message'; readonly message: ImportedMessage }
  | { readonly type: 'call'; readonly call: ImportedCall }
  | { readonly type: 'problem'; readonly problem: ImportProblem };

/** Android `CallLog.Calls.TYPE`. */
const CALL_TYPES: Record<string, CallOutcome> = {
  '1': 'incoming',
  '2': 'outgoing',
  '3': 'missed',
  '4': 'voicemail',
  '5': 'rejected',
  '6': 'blocked',
  '7': 'answered-elsewhere',
};
/** Telephony.Sms `type`: 1 received; 2 sent, 4 outbox, 5 failed, 6 queued; 3 draft. */
const OUTGOING_SMS = new Set(['2', '4', '5', '6', '3']);
const MMS_FROM = '137';
const MMS_TO = '151';

/** Java epoch milliseconds; an MMS written in seconds by some phones is scaled up. */
function epochOf(date: string | undefined): ImportedTime {
  const n = Number(date);
  const time = epochTime(n > 0 && n < 100_000_000_000 ? n * 1000 : n);
  return time ?? { known: 'unreadable', raw: (date ?? '').slice(0, 1000) };
}

const usable = (s: string | undefined): s is string =>
  s !== undefined && s !== '' && s !== 'null' && s !== '(Unknown)';

function base64Bytes(data: string): Uint8Array {
  const bin = atob(data.replace(/\s+/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

interface MmsDraft {
  attrs: Record<string, string>;
  index: number;
  texts: string[];
  attachments: ImportedAttachment[];
  parts: Omit<MmsPart, 'messageKey'>[];
  from?: string;
  to: string[];
}

/**
 * Reads an SMS Backup & Restore file, `sms-*.xml` (SMS and MMS) or `calls-*.xml`, from a stream
 * of bytes in flat memory: items come out as the file is read. Source pointers are the
 * element's `index` among the file's sms/mms/call elements. A damaged or cut-off file ends
 * with a `problem` item; the integrator keeps nothing from a file that ends that way.
 */
export async function* readSmsBackup(
  source: AsyncIterable<Uint8Array>,
  options: SmsBackupOptions = {},
): AsyncGenerator<SmsBackupItem> {
  const self = options.self ?? 'You';
  const parser = new SaxesParser({ position: false });
  const repair = new SurrogateReferenceRepair();
  const decoder = new TextDecoder('utf-8');
  let out: SmsBackupItem[] = [];
  let pending: Promise<void>[] = [];
  let failure: ImportProblem | undefined;
  let root: string | undefined;
  let index = 0;
  let mms: MmsDraft | undefined;

  parser.on('error', (e) => {
    failure ??= problem('damaged', e.message);
  });
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    if (root === undefined) {
      root = tag.name;
      if (root !== 'smses' && root !== 'calls') {
        failure ??= problem(
          'not-an-export',
          `the file starts with <${root}>, not <smses> or <calls>`,
        );
      }
      return;
    }
    switch (tag.name) {
      case 'sms':
        out.push({ type: 'message', message: smsMessage(a, index++, self) });
        return;
      case 'call':
        out.push({ type: 'call', call: callRecord(a, index++) });
        return;
      case 'mms':
        mms = { attrs: a, index: index++, texts: [], attachments: [], parts: [], to: [] };
        return;
      case 'part':
        if (mms !== undefined) addPart(mms, a);
        return;
      case 'addr':
        if (mms !== undefined && usable(a.address)) {
          if (a.type === MMS_FROM) mms.from = a.address;
          else if (a.type === MMS_TO) mms.to.push(a.address);
        }
        return;
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name !== 'mms' || mms === undefined) return;
    const message = mmsMessage(mms, self);
    out.push({ type: 'message', message });
    if (options.onPart !== undefined) {
      for (const p of mms.parts) {
        const r = options.onPart({ ...p, messageKey: message.key });
        if (r !== undefined) pending.push(r);
      }
    }
    mms = undefined;
  });

  const drain = async function* () {
    if (pending.length > 0) {
      await Promise.all(pending);
      pending = [];
    }
    const batch = out;
    out = [];
    yield* batch;
  };

  let sawBytes = false;
  for await (const chunk of source) {
    if (chunk.length > 0) sawBytes = true;
    parser.write(repair.push(decoder.decode(chunk, { stream: true })));
    yield* drain();
    if (failure !== undefined) {
      yield { type: 'problem', problem: failure };
      return;
    }
  }
  if (!sawBytes) {
    yield { type: 'problem', problem: problem('empty') };
    return;
  }
  parser.write(repair.push(decoder.decode()) + repair.flush());
  try {
    parser.close();
  } catch (e) {
    failure ??= problem('damaged', e instanceof Error ? e.message : String(e));
  }
  yield* drain();
  if (root === undefined) failure ??= problem('not-an-export', 'there is no XML in this file');
  if (failure !== undefined) {
    // saxes reports a missing end tag as "unclosed tag": the file was cut off.
    const cut = /unclosed|unexpected end/i.test(failure.message);
    yield { type: 'problem', problem: cut ? problem('truncated') : failure };
  }
}

function smsMessage(a: Record<string, string>, index: number, self: string): ImportedMessage {
  const outgoing = OUTGOING_SMS.has(a.type ?? '');
  const address = a.address ?? '';
  const name = usable(a.contact_name) ? a.contact_name : address;
  const number = readPhoneNumber(address);
  const text = a.body ?? '';
  const time = epochOf(a.date);
  return {
    schema: 1,
    key: importKey('sms', [a.date ?? '', number.e164 ?? address, a.type ?? '', textDigest(text)]),
    channel: 'sms',
    time,
    sender: outgoing ? self : name,
    ...(outgoing || address === '' ? {} : { senderAddress: address }),
    direction: outgoing ? 'outgoing' : 'incoming',
    thread: name,
    ...(usable(a.subject) ? { subject: a.subject } : {}),
    text,
    attachments: [],
    flags: {},
    source: { index },
  };
}

function addPart(m: MmsDraft, a: Record<string, string>): void {
  const ct = a.ct ?? 'application/octet-stream';
  if (ct === 'application/smil') return;
  if (ct === 'text/plain' && a.data === undefined) {
    if (usable(a.text)) m.texts.push(a.text);
    return;
  }
  const name = usable(a.cl) ? a.cl : usable(a.name) ? a.name : undefined;
  if (a.data === undefined || a.data === '') {
    m.attachments.push({ ...(name === undefined ? {} : { name }), mediaType: ct, omitted: true });
    return;
  }
  const bytes = base64Bytes(a.data);
  m.attachments.push({
    ...(name === undefined ? {} : { name }),
    mediaType: ct,
    omitted: false,
    size: bytes.length,
  });
  m.parts.push({
    seq: Number(a.seq ?? m.parts.length),
    mediaType: ct,
    ...(name === undefined ? {} : { name }),
    bytes,
  });
}

function mmsMessage(m: MmsDraft, self: string): ImportedMessage {
  const a = m.attrs;
  const outgoing = a.msg_box === '2' || a.msg_box === '4';
  const address = a.address ?? m.from ?? '';
  const from = m.from ?? address;
  const name = usable(a.contact_name) ? a.contact_name : address;
  const text = m.texts.join('\n');
  const time = epochOf(a.date);
  const parts = m.attachments.map((x) => `${x.name ?? ''}/${x.size ?? 0}`).join(',');
  return {
    schema: 1,
    key: importKey('mms', [
      a.date ?? '',
      readPhoneNumber(address).e164 ?? address,
      a.msg_box ?? '',
      textDigest(text + parts),
    ]),
    channel: 'mms',
    time,
    sender: outgoing
      ? self
      : usable(a.contact_name) && !a.contact_name.includes(',')
        ? a.contact_name
        : from,
    ...(outgoing || from === '' ? {} : { senderAddress: from }),
    direction: outgoing ? 'outgoing' : 'incoming',
    thread: name,
    ...(usable(a.sub) ? { subject: a.sub } : {}),
    text,
    attachments: m.attachments,
    flags: {},
    source: { index: m.index },
  };
}

function callRecord(a: Record<string, string>, index: number): ImportedCall {
  const raw = a.number ?? '';
  // presentation 2 restricted, 3 unknown, 4 payphone: no number was shown.
  const withheld = a.presentation === '2' || a.presentation === '3' || isWithheld(raw);
  const number = withheld ? undefined : readPhoneNumber(raw);
  const outcome = CALL_TYPES[a.type ?? ''] ?? 'incoming';
  const duration = Number(a.duration);
  const time = epochOf(a.date);
  return {
    schema: 1,
    key: importKey('call', [a.date ?? '', number?.e164 ?? raw, a.type ?? '']),
    channel: 'phone',
    time,
    outcome,
    direction: outcome === 'outgoing' ? 'outgoing' : 'incoming',
    ...(number === undefined ? {} : { number }),
    withheld,
    ...(usable(a.contact_name) ? { party: a.contact_name } : {}),
    ...(Number.isInteger(duration) && duration >= 0 && duration <= 604_800 && outcome !== 'missed'
      ? { durationSeconds: duration }
      : {}),
    source: { index },
  };
}
