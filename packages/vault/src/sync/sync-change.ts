/**
 * What one sync envelope carries, version 1: one audit-log entry as stored (ciphertext, hash,
 * signature, certificate on a chain's first entry) and, for an entry that writes a record
 * revision, that revision's envelope. Both are exactly the bytes the device stored, so the
 * receiving device checks them as `verify` does: nothing is re-signed or re-encrypted.
 */
import { z } from 'zod';
import { DeviceCertSchema } from '../log/device-cert';
import type { Envelope, StoredLogEntry } from '../types';

const EnvelopeSchema = z
  .object({
    v: z.literal(1),
    kind: z.string().min(1).max(64),
    id: z.string().min(1).max(200),
    rev: z.number().int().positive(),
    nonce: z.string(),
    ct: z.string(),
  })
  .strict();

const StoredLogEntrySchema = z
  .object({
    seq: z.number().int().nonnegative(),
    env: EnvelopeSchema.extend({ rev: z.number().int().nonnegative() }),
    h: z.string().regex(/^[0-9a-f]{64}$/),
    sig: z.string(),
    v: z.literal(2).optional(),
    device: z.string().optional(),
    prev: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    cert: DeviceCertSchema.optional(),
  })
  .strict();

export const SyncChangeSchema = z
  .object({
    v: z.literal(1),
    log: StoredLogEntrySchema,
    records: z.array(EnvelopeSchema).max(1),
  })
  .strict();

export interface SyncChange {
  readonly v: 1;
  readonly log: StoredLogEntry;
  readonly records: readonly Envelope[];
}

export function parseSyncChange(value: unknown): SyncChange | undefined {
  const parsed = SyncChangeSchema.safeParse(value);
  return parsed.success ? (parsed.data as unknown as SyncChange) : undefined;
}
