/**
 * Frame-level surgery on backup files, for tests that play the part of someone editing a
 * casebook by hand: parse a `.casebook` into frames, change them, write them back, and
 * re-forge what a careful forger would (the v1 END checksum, the END counts).
 *
 * The container (packages/vault/src/backup/backup-format.ts):
 *   magic "CBKP\r\n\x1a\n" (8 bytes), version u8, then frames: type u8, length u32 BE, payload.
 *   0x01 HEADER JSON, 0x02 LOG JSON `{seq, env, h, sig}`, 0x03 ENVELOPE JSON
 *   `{v, kind, id, rev, nonce, ct}`, 0x04 CHUNK (id length u8, id, index u32, bytes), 0xFF END.
 *   v1's END is JSON counts then the SHA-256 of every byte before the END frame; v2's END is
 *   JSON only. Re-forging the checksum is therefore decided by the version byte.
 *
 * Every helper is pure: it returns a new backup and never changes the one it was given.
 */
import { createHash } from 'node:crypto';

export const MAGIC = Uint8Array.from([0x43, 0x42, 0x4b, 0x50, 0x0d, 0x0a, 0x1a, 0x0a]);
export const FRAME = { header: 0x01, log: 0x02, envelope: 0x03, chunk: 0x04, end: 0xff } as const;
const CHECKSUM_BYTES = 32;

export interface Frame {
  readonly type: number;
  readonly payload: Uint8Array;
}

export interface ParsedBackup {
  /** The container version byte: 1 has an END checksum, 2 does not. */
  readonly version: number;
  readonly frames: readonly Frame[];
  /** Bytes after the END frame, which no valid backup has (kept so a file round-trips). */
  readonly trailing?: Uint8Array;
}

/** A record revision as the clear envelope fields name it. */
export interface RevisionRef {
  readonly kind: string;
  readonly id: string;
  readonly rev: number;
}

/** Splits a backup into frames. Throws on anything that is not a whole, well-framed backup. */
export function parseBackup(bytes: Uint8Array): ParsedBackup {
  if (bytes.length < MAGIC.length + 1 || !MAGIC.every((b, i) => bytes[i] === b))
    throw new Error('not a casebook backup (magic)');
  const version = bytes[MAGIC.length] as number;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frames: Frame[] = [];
  let at = MAGIC.length + 1;
  while (at < bytes.length && frames.at(-1)?.type !== FRAME.end) {
    if (at + 5 > bytes.length) throw new Error(`frame head cut short at byte ${at}`);
    const type = bytes[at] as number;
    const length = view.getUint32(at + 1);
    if (at + 5 + length > bytes.length) throw new Error(`frame payload cut short at byte ${at}`);
    frames.push({ type, payload: bytes.slice(at + 5, at + 5 + length) });
    at += 5 + length;
  }
  return at < bytes.length ? { version, frames, trailing: bytes.slice(at) } : { version, frames };
}

/** Writes the frames (and any trailing bytes) back, exactly as given (no re-forging). */
export function serialiseBackup(backup: ParsedBackup): Uint8Array {
  const trailing = backup.trailing ?? new Uint8Array(0);
  const size =
    backup.frames.reduce((n, f) => n + 5 + f.payload.length, MAGIC.length + 1) + trailing.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(MAGIC);
  out[MAGIC.length] = backup.version;
  let at = MAGIC.length + 1;
  for (const frame of backup.frames) {
    out[at] = frame.type;
    view.setUint32(at + 1, frame.payload.length);
    out.set(frame.payload, at + 5);
    at += 5 + frame.payload.length;
  }
  out.set(trailing, at);
  return out;
}

/** Index of the END frame, or -1 when there is none. */
export function endIndex(backup: ParsedBackup): number {
  return backup.frames.findIndex((f) => f.type === FRAME.end);
}

/** The END frame's JSON part (counts); v1 keeps a 32-byte checksum after it. */
function endJsonBytes(backup: ParsedBackup, payload: Uint8Array): Uint8Array {
  return backup.version === 1 && payload.length >= CHECKSUM_BYTES
    ? payload.subarray(0, payload.length - CHECKSUM_BYTES)
    : payload;
}

/**
 * Recomputes the v1 END checksum over every byte before the END frame, as a forger would.
 * A no-op for version 2 (its END holds JSON only) and for a backup without an END frame.
 */
export function reforgeChecksum(backup: ParsedBackup): ParsedBackup {
  const end = endIndex(backup);
  const endFrame = backup.frames[end];
  if (backup.version !== 1 || !endFrame) return backup;
  const before = serialiseBackup({ version: backup.version, frames: backup.frames.slice(0, end) });
  const digest = createHash('sha256').update(before).digest();
  const json = endJsonBytes(backup, endFrame.payload);
  return replaceFrame(backup, end, { type: FRAME.end, payload: concat(json, digest) });
}

/** Rewrites the END counts (log, envelopes, blobs, chunks) to match the frames as they are now. */
export function recount(backup: ParsedBackup): ParsedBackup {
  const end = endIndex(backup);
  const endFrame = backup.frames[end];
  if (!endFrame) return backup;
  const json = endJsonBytes(backup, endFrame.payload);
  const tail = endFrame.payload.subarray(json.length);
  let counts: Record<string, unknown>;
  try {
    counts = JSON.parse(new TextDecoder().decode(json)) as Record<string, unknown>;
  } catch {
    return backup;
  }
  const of = (type: number) => backup.frames.filter((f) => f.type === type);
  const blobs = new Set(of(FRAME.chunk).map((f) => chunkBlobId(f.payload)));
  const actual = {
    log: of(FRAME.log).length,
    envelopes: of(FRAME.envelope).length,
    blobs: blobs.size,
    chunks: of(FRAME.chunk).length,
  };
  // v1's END is the counts themselves; v2's is { counts, checkpoint }.
  const nested = typeof counts.counts === 'object' && counts.counts !== null;
  const target = (nested ? counts.counts : counts) as Record<string, unknown>;
  const fixed = { ...target };
  for (const [key, value] of Object.entries(actual)) if (key in target) fixed[key] = value;
  const next = nested ? { ...counts, counts: fixed } : fixed;
  return replaceFrame(backup, end, { type: FRAME.end, payload: concat(jsonBytes(next), tail) });
}

/** What a careful forger does after any edit: counts put right, then the checksum. */
export function reforge(backup: ParsedBackup): ParsedBackup {
  return reforgeChecksum(recount(backup));
}

export function replaceFrame(backup: ParsedBackup, index: number, frame: Frame): ParsedBackup {
  return { ...backup, frames: backup.frames.map((f, i) => (i === index ? frame : f)) };
}

export function dropFrame(backup: ParsedBackup, index: number): ParsedBackup {
  return { ...backup, frames: backup.frames.filter((_, i) => i !== index) };
}

/** The frame at `index` twice, the copy straight after it. */
export function duplicateFrame(backup: ParsedBackup, index: number): ParsedBackup {
  return { ...backup, frames: backup.frames.flatMap((f, i) => (i === index ? [f, f] : [f])) };
}

export function swapFrames(backup: ParsedBackup, a: number, b: number): ParsedBackup {
  const frames = [...backup.frames];
  const [x, y] = [frames[a], frames[b]];
  if (!x || !y) throw new RangeError(`no frame ${x ? b : a}`);
  frames[a] = y;
  frames[b] = x;
  return { ...backup, frames };
}

/** Flips one bit of a frame's payload. */
export function flipBit(
  backup: ParsedBackup,
  index: number,
  byte: number,
  bit: number,
): ParsedBackup {
  const frame = backup.frames[index];
  if (!frame || byte >= frame.payload.length) throw new RangeError(`no byte ${byte} in ${index}`);
  const payload = Uint8Array.from(frame.payload);
  payload[byte] = (payload[byte] as number) ^ (1 << (bit & 7));
  return replaceFrame(backup, index, { type: frame.type, payload });
}

/** A JSON frame's value (HEADER, LOG, ENVELOPE; END's JSON part), or undefined if it is not JSON. */
export function readJsonFrame(backup: ParsedBackup, index: number): unknown {
  const frame = backup.frames[index];
  if (!frame) return undefined;
  const bytes = frame.type === FRAME.end ? endJsonBytes(backup, frame.payload) : frame.payload;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Replaces a JSON frame's value with what `edit` returns (it may change its argument in place).
 * END keeps its checksum bytes, now stale: call `reforge` to put them right.
 */
export function editJsonFrame(
  backup: ParsedBackup,
  index: number,
  edit: (value: unknown) => unknown,
): ParsedBackup {
  const frame = backup.frames[index];
  if (!frame) throw new RangeError(`no frame ${index}`);
  const value = readJsonFrame(backup, index);
  if (value === undefined) throw new Error(`frame ${index} is not JSON`);
  const edited = edit(value);
  const result = edited === undefined ? value : edited;
  const tail =
    frame.type === FRAME.end
      ? frame.payload.subarray(endJsonBytes(backup, frame.payload).length)
      : new Uint8Array(0);
  return replaceFrame(backup, index, {
    type: frame.type,
    payload: concat(jsonBytes(result), tail),
  });
}

/** Index of the HEADER frame (the vault header JSON, where the KDF parameters are). */
export function headerIndex(backup: ParsedBackup): number {
  return backup.frames.findIndex((f) => f.type === FRAME.header);
}

/** The clear (kind, id, rev) of every ENVELOPE frame, with its frame index, in file order. */
export function envelopeRefs(backup: ParsedBackup): (RevisionRef & { index: number })[] {
  return backup.frames.flatMap((f, index) => {
    if (f.type !== FRAME.envelope) return [];
    const env = readJsonFrame(backup, index) as Partial<RevisionRef> | undefined;
    return env && typeof env.kind === 'string' && typeof env.id === 'string'
      ? [{ kind: env.kind, id: env.id, rev: Number(env.rev), index }]
      : [];
  });
}

/** The blob id a CHUNK payload names. */
export function chunkBlobId(payload: Uint8Array): string {
  const length = payload[0] ?? 0;
  return new TextDecoder().decode(payload.subarray(1, 1 + length));
}

/**
 * The "cut history" attack: removes the newest `entries` LOG frames (highest seq) together
 * with the ENVELOPE frames of the revisions they logged, and, for a `blob` revision, every
 * CHUNK of that file. The log bodies are encrypted, so the caller names the revisions it
 * knows it added last. Then recounts and re-forges the checksum (v1), so the file looks as
 * if it had been written before those changes were made.
 */
export function cutNewestHistory(
  backup: ParsedBackup,
  entries: number,
  revisions: readonly RevisionRef[],
): ParsedBackup {
  const logSeqs = backup.frames.flatMap((f, index) => {
    if (f.type !== FRAME.log) return [];
    const seq = (readJsonFrame(backup, index) as { seq?: unknown } | undefined)?.seq;
    return typeof seq === 'number' ? [{ seq, index }] : [];
  });
  const cutLog = new Set(
    logSeqs
      .sort((a, b) => b.seq - a.seq)
      .slice(0, entries)
      .map((l) => l.index),
  );
  const same = (a: RevisionRef, b: RevisionRef) =>
    a.kind === b.kind && a.id === b.id && a.rev === b.rev;
  const cutEnvelopes = new Set(
    envelopeRefs(backup)
      .filter((ref) => revisions.some((r) => same(r, ref)))
      .map((ref) => ref.index),
  );
  const cutBlobs = new Set(revisions.filter((r) => r.kind === 'blob').map((r) => r.id));
  const frames = backup.frames.filter(
    (f, i) =>
      !cutLog.has(i) &&
      !cutEnvelopes.has(i) &&
      !(f.type === FRAME.chunk && cutBlobs.has(chunkBlobId(f.payload))),
  );
  return reforge({ ...backup, frames });
}

type Shape = true | { readonly [key: string]: Shape };
const WRAPPED: Shape = { nonce: true, ct: true };
const ENVELOPE: Shape = { v: true, kind: true, id: true, rev: true, nonce: true, ct: true };
const SLOT: Shape = {
  kdf: { alg: true, salt: true, opslimit: true, memlimit: true },
  ak: WRAPPED,
};
/** The keys the vault's schemas read (packages/vault: vault-header.ts, backup-reader.ts). */
const SHAPES: Record<number, Shape> = {
  [FRAME.header]: {
    format: true,
    v: true,
    vaultId: true,
    createdAt: true,
    passphrase: SLOT,
    recovery: SLOT,
    caseId: true,
    ck: WRAPPED,
    identity: { publicKey: true, secretKey: WRAPPED },
  },
  [FRAME.log]: { seq: true, env: ENVELOPE, h: true, sig: true },
  [FRAME.envelope]: ENVELOPE,
};

/** Keeps only the keys a schema reads (zod drops the others), minus `ignore` at the top. */
function project(value: unknown, shape: Shape, ignore: readonly string[] = []): unknown {
  if (shape === true || !value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]) => {
      const inner = shape[k];
      return inner === undefined || ignore.includes(k) ? [] : [[k, project(v, inner)]];
    }),
  );
}

export interface ContentOptions {
  /** Top-level header fields to leave out, e.g. those a given check cannot authenticate. */
  readonly ignoreHeaderFields?: readonly string[];
}

/**
 * What a backup holds as the vault reads it: JSON frames as decoded values with only the keys
 * the vault's schemas read (so equal JSON written differently, or with a key the reader drops,
 * is the same); the log entries and record envelopes as sets (the store keys them by seq and
 * by kind, id and revision, so their order and an exact repeat do not change what is stored);
 * file chunks in order. The END frame is left out: its counts and checksum are derived from
 * the rest. So are bytes after the END: no reader is meant to take them in (see `trailing`).
 */
export function contentOf(backup: ParsedBackup, options: ContentOptions = {}): string {
  const end = endIndex(backup);
  const frames = end === -1 ? backup.frames : backup.frames.slice(0, end);
  const text = (f: Frame, i: number) => {
    const json = f.type === FRAME.chunk ? undefined : readJsonFrame(backup, i);
    if (json === undefined) return Buffer.from(f.payload).toString('hex');
    const shape = SHAPES[f.type];
    const ignore = f.type === FRAME.header ? options.ignoreHeaderFields : undefined;
    return canonical(shape ? project(json, shape, ignore) : json);
  };
  const of = (type: number) => frames.flatMap((f, i) => (f.type === type ? [text(f, i)] : []));
  const set = (items: string[]) => [...new Set(items)].sort();
  const known = new Set<number>(Object.values(FRAME));
  return JSON.stringify({
    version: backup.version,
    hasEnd: end !== -1,
    header: of(FRAME.header),
    log: set(of(FRAME.log)),
    envelopes: set(of(FRAME.envelope)),
    chunks: of(FRAME.chunk),
    unknown: frames.flatMap((f, i) => (known.has(f.type) ? [] : [`${f.type}:${text(f, i)}`])),
  });
}

/** Whether two backups hold the same content as the vault reads it (see `contentOf`). */
export function sameContent(a: ParsedBackup, b: ParsedBackup, options: ContentOptions = {}) {
  return contentOf(a, options) === contentOf(b, options);
}

/** Fields the vault decodes as standard base64 (atob ignores unused padding bits). */
const BASE64_FIELDS = new Set(['nonce', 'ct', 'sig', 'salt', 'publicKey']);
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * JSON with object keys sorted and base64 fields as the bytes they decode to, so two values
 * the vault would read identically compare equal as text.
 */
export function canonical(value: unknown): string {
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string' && key && BASE64_FIELDS.has(key) && STRICT_BASE64.test(v))
      return `base64:${Buffer.from(v, 'base64').toString('hex')}`;
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
          .map(([k, x]) => [k, walk(x, k)]),
      );
    return v;
  };
  return JSON.stringify(walk(value));
}

function jsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
