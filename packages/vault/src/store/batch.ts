/**
 * Rules both adapters share: batch validation, the exact fields that get stored, key order.
 * Internal to the store; not exported from the package.
 */
import {
  type CommitBatch,
  type DeviceCert,
  type Envelope,
  logChain,
  type SideRevision,
  type StoredLogEntry,
} from '../types';
import { StoreConflictError } from './errors';

export const messages = {
  envelopeExists: 'This revision of a record is already saved, so the change was not saved.',
  logSeqExists: 'This audit-log entry number is already used, so the change was not saved.',
  sideExists: 'This device’s revision of a record is already saved, so the change was not saved.',
  blobCommitAndPurge: 'A file was marked both to keep and to remove, so nothing was saved.',
  blobIncomplete: 'Some pieces of a file are missing, so the file was not saved.',
  blobCommitted: 'This file is already saved and cannot be changed.',
} as const;

/** Copies into a fresh, exactly sized buffer: never aliases the caller's memory or its pool. */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  // Not `slice()`: on a Node Buffer that is a view of the same memory.
  return new Uint8Array(bytes);
}

/**
 * The bytes themselves when they span their whole buffer (structured clone then stores
 * exactly them), else an exact-size copy: a view would store its whole buffer.
 */
export function wholeBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : copyBytes(bytes);
}

/** Only the known fields, so a stray property (say, decrypted text) is never persisted. */
export function envelopeRow(env: Envelope): Envelope {
  const { v, kind, id, rev, nonce, ct } = env;
  return { v, kind, id, rev, nonce, ct };
}

export function logRow(entry: StoredLogEntry): StoredLogEntry {
  const { seq, env, h, sig, v, device, prev, cert } = entry;
  const row: StoredLogEntry = { seq, env: envelopeRow(env), h, sig };
  if (v === undefined) return row;
  return {
    ...row,
    v,
    ...(device !== undefined && { device }),
    ...(prev !== undefined && { prev }),
    ...(cert !== undefined && { cert: certRow(cert) }),
  };
}

export function sideRow(side: SideRevision): SideRevision {
  return { device: side.device, envelope: envelopeRow(side.envelope) };
}

function certRow(cert: DeviceCert): DeviceCert {
  const { v, case: caseId, device, publicKey, time, sig } = cert;
  return { v, case: caseId, device, publicKey, time, sig };
}

export function assertIndex(what: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${what} must be a non-negative integer`);
  }
}

export function assertChunkKey(blobId: string, index: number): void {
  if (typeof blobId !== 'string' || blobId === '') throw new TypeError('blobId must be a string');
  assertIndex('chunk index', index);
}

/** True when the chunk indices are exactly 0..n-1 with n >= 1 (input in ascending order). */
export function isContiguous(sortedIndices: readonly number[]): boolean {
  return sortedIndices.length > 0 && sortedIndices.every((index, i) => index === i);
}

/**
 * Checks what can be checked without reading the store: valid keys, no duplicate inside the
 * batch, no blob both committed and purged. Throws before anything is written.
 */
export function validateBatch(batch: CommitBatch): void {
  const keys = new Set<string>();
  for (const env of batch.envelopes) {
    if (typeof env.kind !== 'string' || typeof env.id !== 'string') {
      throw new TypeError('envelope kind and id must be strings');
    }
    assertIndex('envelope rev', env.rev);
    const key = envelopeKey(env);
    if (keys.has(key)) throw new StoreConflictError('envelopes', messages.envelopeExists);
    keys.add(key);
  }
  const seqs = new Set<string>();
  for (const entry of batch.log) {
    assertIndex('log seq', entry.seq);
    if (entry.v === 2 && typeof entry.device !== 'string') {
      throw new TypeError('a v2 log entry must name its device');
    }
    const key = logKey(entry);
    if (seqs.has(key)) throw new StoreConflictError('log', messages.logSeqExists);
    seqs.add(key);
  }
  const sides = new Set<string>();
  for (const side of batch.sides ?? []) {
    if (typeof side.device !== 'string' || side.device === '') {
      throw new TypeError('a side revision must name its device');
    }
    assertIndex('envelope rev', side.envelope.rev);
    const key = sideKey(side);
    if (sides.has(key)) throw new StoreConflictError('sides', messages.sideExists);
    sides.add(key);
  }
  const purge = new Set(batch.purgeBlobs ?? []);
  for (const blobId of batch.commitBlobs ?? []) {
    assertChunkKey(blobId, 0);
    if (purge.has(blobId)) throw new StoreConflictError('blobs', messages.blobCommitAndPurge);
  }
}

/** A string key for an envelope's (kind, id, rev), for maps and sets. */
export function envelopeKey(env: Pick<Envelope, 'kind' | 'id' | 'rev'>): string {
  return JSON.stringify([env.kind, env.id, env.rev]);
}

/** A string key for a log entry's (chain, seq). */
export function logKey(entry: Pick<StoredLogEntry, 'v' | 'device' | 'seq'>): string {
  return JSON.stringify([logChain(entry), entry.seq]);
}

/** A string key for a side revision's (kind, id, rev, device). */
export function sideKey(side: SideRevision): string {
  const { kind, id, rev } = side.envelope;
  return JSON.stringify([kind, id, rev, side.device]);
}

/** IndexedDB's order for the key [chain, seq]. */
export function compareLog(a: StoredLogEntry, b: StoredLogEntry): number {
  return compareStrings(logChain(a), logChain(b)) || a.seq - b.seq;
}

/** IndexedDB's order for the key [kind, id, rev, device]. */
export function compareSides(a: SideRevision, b: SideRevision): number {
  return compareEnvelopes(a.envelope, b.envelope) || compareStrings(a.device, b.device);
}

/** Plain `<` compares UTF-16 code units, which is IndexedDB's order for string keys. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** IndexedDB's order for the key [kind, id, rev]. */
export function compareEnvelopes(a: Envelope, b: Envelope): number {
  return compareStrings(a.kind, b.kind) || compareStrings(a.id, b.id) || a.rev - b.rev;
}
