/**
 * Backup surgery for tests: split a backup into frames, change them as an attacker would, and
 * put it back together with a version 1 checksum re-forged (anyone can recompute it).
 */
import { createHash } from 'node:crypto';
import {
  BACKUP_MAGIC,
  type BackupCounts,
  decodeChunkPayload,
  FRAME,
  frameHeader,
} from '../backup/backup-format';
import { concatBytes } from '../encoding';
import type { Envelope, StoredLogEntry } from '../types';

export interface RawFrame {
  type: number;
  payload: Uint8Array;
}

export interface RawBackup {
  version: number;
  frames: RawFrame[];
}

export function splitBackup(bytes: Uint8Array): RawBackup {
  const version = bytes[BACKUP_MAGIC.length] as number;
  const frames: RawFrame[] = [];
  let at = BACKUP_MAGIC.length + 1;
  while (at < bytes.length) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + at);
    const type = view.getUint8(0);
    const length = view.getUint32(1);
    frames.push({ type, payload: bytes.slice(at + 5, at + 5 + length) });
    at += 5 + length;
  }
  return { version, frames };
}

const json = (payload: Uint8Array) => JSON.parse(new TextDecoder().decode(payload));
const bytesOf = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** Reassembles; the END frame's counts are recounted and (v1) its checksum recomputed. */
export function joinBackup(backup: RawBackup): Uint8Array {
  const body = backup.frames.filter((f) => f.type !== FRAME.end);
  const end = backup.frames.find((f) => f.type === FRAME.end);
  const blobs = new Set<string>();
  for (const f of body)
    if (f.type === FRAME.chunk) blobs.add(decodeChunkPayload(f.payload)?.blobId ?? '');
  const sides = body.filter((f) => f.type === FRAME.side).length;
  const counts: BackupCounts = {
    log: body.filter((f) => f.type === FRAME.log).length,
    envelopes: body.filter((f) => f.type === FRAME.envelope).length,
    ...(sides > 0 && { sides }),
    blobs: blobs.size,
    chunks: body.filter((f) => f.type === FRAME.chunk).length,
  };
  const parts: Uint8Array[] = [new Uint8Array([...BACKUP_MAGIC, backup.version])];
  for (const f of body) parts.push(frameHeader(f.type as 1, f.payload.length), f.payload);
  if (backup.version === 1) {
    const hash = createHash('sha256');
    for (const p of parts) hash.update(p);
    const summary = bytesOf(counts);
    const payload = new Uint8Array(summary.length + 32);
    payload.set(summary);
    payload.set(hash.digest(), summary.length);
    parts.push(frameHeader(FRAME.end, payload.length), payload);
  } else if (end) {
    const payload = bytesOf({ ...json(end.payload), counts });
    parts.push(frameHeader(FRAME.end, payload.length), payload);
  }
  return concatBytes(...parts);
}

export const logOf = (f: RawFrame) => json(f.payload) as StoredLogEntry;
export const envelopeOf = (f: RawFrame) => json(f.payload) as Envelope;
export const endOf = (backup: RawBackup) =>
  json(backup.frames.find((f) => f.type === FRAME.end)?.payload ?? new Uint8Array()) as {
    checkpoint?: unknown;
  };

/**
 * The cut-history attack: removes the newest `k` log entries together with the records and
 * file chunks they logged (named by the test, which knows what it added last).
 */
export function cutNewest(
  backup: RawBackup,
  k: number,
  records: readonly { kind: string; id: string; rev: number }[],
  blobIds: readonly string[] = [],
): RawBackup {
  const seqs = backup.frames
    .filter((f) => f.type === FRAME.log)
    .map((f) => logOf(f).seq)
    .sort((a, b) => a - b);
  const cut = new Set(seqs.slice(seqs.length - k));
  const gone = new Set(records.map((r) => `${r.kind}/${r.id}/${r.rev}`));
  const blobs = new Set(blobIds);
  return {
    version: backup.version,
    frames: backup.frames.filter((f) => {
      if (f.type === FRAME.log) return !cut.has(logOf(f).seq);
      if (f.type === FRAME.envelope) {
        const e = envelopeOf(f);
        return !gone.has(`${e.kind}/${e.id}/${e.rev}`);
      }
      if (f.type === FRAME.chunk) return !blobs.has(decodeChunkPayload(f.payload)?.blobId ?? '');
      return true;
    }),
  };
}

/** Replaces the END frame's checkpoint with another (e.g. an older backup's). */
export function withCheckpoint(backup: RawBackup, checkpoint: unknown): RawBackup {
  return {
    version: backup.version,
    frames: backup.frames.map((f) =>
      f.type === FRAME.end
        ? { type: f.type, payload: bytesOf({ ...json(f.payload), checkpoint }) }
        : f,
    ),
  };
}
