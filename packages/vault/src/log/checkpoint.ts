/**
 * The signed head (checkpoint): after every commit the identity signs where the device's chain
 * ends. A backup ends with it, so cutting the newest entries leaves a checkpoint that names an
 * entry that is not there — and a checkpoint cannot be made without the keys.
 */
import { canonicalJson } from '@casebook/core';
import { z } from 'zod';
import { concatBytes, fromUtf8, sha256, toHex, utf8 } from '../encoding';
import type { Hex } from '../types';
import { hex64 } from './log-entry';
import { checkValue, signValue } from './signed';

const DOMAIN = 'casebook-head-v2';
export const CHECKPOINT_META_KEY = 'head';

export const CheckpointSchema = z.object({
  v: z.literal(2),
  case: z.string().min(1),
  device: z.string().min(1),
  seq: z.number().int().nonnegative(),
  h: hex64,
  time: z.string(),
  sig: z.string(),
});
export type Checkpoint = z.infer<typeof CheckpointSchema>;

export async function signCheckpoint(
  identitySecret: Uint8Array,
  body: Omit<Checkpoint, 'v' | 'sig'>,
): Promise<Checkpoint> {
  const unsigned = { v: 2 as const, ...body };
  return { ...unsigned, sig: await signValue(DOMAIN, unsigned, identitySecret) };
}

export async function checkpointIsSigned(
  checkpoint: Checkpoint,
  identityPublicKey: Uint8Array,
): Promise<boolean> {
  const { sig, ...unsigned } = checkpoint;
  return checkValue(DOMAIN, unsigned, sig, identityPublicKey);
}

export function encodeCheckpoint(checkpoint: Checkpoint): Uint8Array {
  return utf8(JSON.stringify(checkpoint));
}

export function decodeCheckpoint(bytes: Uint8Array | undefined): Checkpoint | undefined {
  if (!bytes) return undefined;
  try {
    const parsed = CheckpointSchema.safeParse(JSON.parse(fromUtf8(bytes)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A point in a history: entry `seq` on `device`'s chain ('' for a v1 casebook's chain). */
export interface HistoryPoint {
  readonly device: string;
  readonly seq: number;
  readonly h: Hex | string;
}

const FINGERPRINT_DOMAIN = utf8('casebook-fingerprint-v2');
const FINGERPRINT_HEX = 20;

/**
 * A short fingerprint a person can read aloud or print: the entry number, then 80 bits of
 * SHA-256 over (case, device, seq, h) in groups of four, e.g. "194-3F2A-9C01-77B0-12DE-5A1C".
 * It depends only on the chain (h covers every entry before it), so it can be found again in
 * any later copy of the same history.
 */
export async function fingerprintOf(caseId: string, point: HistoryPoint): Promise<string> {
  const digest = await sha256(
    concatBytes(
      FINGERPRINT_DOMAIN,
      utf8(canonicalJson({ case: caseId, device: point.device, seq: point.seq, h: point.h })),
    ),
  );
  const hex = toHex(digest).slice(0, FINGERPRINT_HEX).toUpperCase();
  return `${point.seq}-${hex.match(/.{4}/g)?.join('-') ?? hex}`;
}

export interface ParsedFingerprint {
  readonly seq: number;
  /** Upper-case hex, 20 characters. */
  readonly hex: string;
}

/** Reads a fingerprint as typed: any case, spaces or dashes between groups. */
export function parseFingerprint(text: string): ParsedFingerprint | undefined {
  const match = /^\s*(\d{1,12})\s*[-–\s]\s*([0-9a-fA-F\s-]+?)\s*$/.exec(text);
  if (!match) return undefined;
  const hex = (match[2] ?? '').replace(/[\s-]/g, '').toUpperCase();
  if (hex.length !== FINGERPRINT_HEX) return undefined;
  return { seq: Number(match[1]), hex };
}
