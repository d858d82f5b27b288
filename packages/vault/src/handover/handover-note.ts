/**
 * Each report, export or bundle made is itself an entry in the signed audit log: what kind,
 * which profile, how much went in, what was redacted (field paths and reasons, never the
 * values), and the SHA-256 of what went out, so a later question "what was handed over, and
 * was it this?" has an answer in the history nobody can quietly cut.
 */
import { base64url } from '@casebook/core';
import { sha256, toHex, utf8 } from '../encoding';
import { getSodium } from '../sodium';
import type { Hex } from '../types';
import type { HasInternals } from '../vault-internals';

export interface HandoverNote {
  /** 'bundle', 'pdf', 'csv', 'json'. */
  readonly what: string;
  /** 'police', 'disclosure' or a custom profile's name. */
  readonly profile: string;
  readonly incidents: number;
  readonly exhibits: number;
  /** Field paths and reasons, e.g. "safetyPlan: safety plan"; never a value. */
  readonly redactions: readonly string[];
  /** SHA-256 of what went out (for a bundle: of its signed manifest). */
  readonly sha256: Hex;
}

const MAX_DETAIL = 2000;

/** Appends a 'handover' entry to the log. Returns the entry's id. */
export async function noteHandover(vault: HasInternals, note: HandoverNote): Promise<string> {
  if (!/^[0-9a-f]{64}$/.test(note.sha256)) throw new Error('A handover is noted with its SHA-256.');
  const sodium = await getSodium();
  const id = base64url(sodium.randombytes_buf(16));
  const redactions = note.redactions.join('; ');
  const detail = {
    what: note.what,
    profile: note.profile,
    incidents: note.incidents,
    exhibits: note.exhibits,
    redactions: note.redactions.length,
    ...(redactions !== '' && {
      redacted:
        redactions.length > MAX_DETAIL ? `${redactions.slice(0, MAX_DETAIL - 1)}…` : redactions,
    }),
  };
  const digest = note.sha256 as Hex;
  await vault.internals.append('handover', 'handover', id, 0, digest, { envelopes: [] }, detail);
  return id;
}

/** SHA-256 of bytes, as the hex a handover note takes. */
export async function sha256Hex(bytes: Uint8Array | string): Promise<Hex> {
  return toHex(await sha256(typeof bytes === 'string' ? utf8(bytes) : bytes));
}
