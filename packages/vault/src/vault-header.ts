import { canonicalJson } from '@casebook/core';
import { z } from 'zod';
import { concatBytes, fromUtf8, sha256, toHex, utf8 } from './encoding';
import { KdfParamsSchema } from './kdf';
import { WrappedKeySchema } from './key-wrap';
import { DeviceCertSchema } from './log/device-cert';
import { fail, ok, type Result } from './result';
import type { Hex } from './types';

export const HEADER_META_KEY = 'header';

const SlotSchema = z.object({ kdf: KdfParamsSchema, ak: WrappedKeySchema });

const common = {
  format: z.literal('casebook-vault'),
  vaultId: z.string().min(1),
  createdAt: z.string(),
  passphrase: SlotSchema,
  recovery: SlotSchema,
  caseId: z.string().min(1),
  ck: WrappedKeySchema,
  identity: z.object({ publicKey: z.string(), secretKey: WrappedKeySchema }),
};

/** Vault header v1: everything needed to unlock, nothing readable about the case. */
export const VaultHeaderV1Schema = z.object({ v: z.literal(1), ...common });

/**
 * Vault header v2: v1's slots and keys, plus this device's signing key (certified by the
 * identity) and a key for sealed notes of failed unlock attempts. Its digest is bound into
 * the signed log by every entry that writes it (HEADER_OPS), so no part of it can be changed
 * unseen.
 */
export const VaultHeaderV2Schema = z.object({
  v: z.literal(2),
  ...common,
  device: z.object({ id: z.string().min(1), secretKey: WrappedKeySchema, cert: DeviceCertSchema }),
  notices: z.object({ publicKey: z.string(), secretKey: WrappedKeySchema }),
});

export type VaultHeaderV1 = z.infer<typeof VaultHeaderV1Schema>;
export type VaultHeaderV2 = z.infer<typeof VaultHeaderV2Schema>;
export type VaultHeader = VaultHeaderV1 | VaultHeaderV2;

export const PURPOSE = {
  akByPassphrase: 'casebook ak v1 passphrase',
  akByRecovery: 'casebook ak v1 recovery',
  ck: (caseId: string) => `casebook ck v1 ${caseId}`,
  identity: 'casebook identity v1',
  /**
   * v2 wraps the identity key under its own purpose, so a v2 header stripped back to look
   * like v1 (to be "upgraded" again onto a history it cuts) no longer opens.
   */
  identityV2: 'casebook identity v2',
  device: (deviceId: string) => `casebook device v2 ${deviceId}`,
  notices: 'casebook notices v2',
} as const;

export type HeaderProblem = 'corrupt' | 'unsupported-version';

export function encodeHeader(header: VaultHeader): Uint8Array {
  return utf8(JSON.stringify(header));
}

const HEADER_DOMAIN = utf8('casebook-header-v2');

/** SHA-256("casebook-header-v2" ‖ canonical(header)): what the log binds. */
export async function headerDigest(header: VaultHeader): Promise<Hex> {
  return toHex(await sha256(concatBytes(HEADER_DOMAIN, utf8(canonicalJson(header)))));
}

const DAMAGED = 'The casebook header is damaged and cannot be read. Restore from a backup.';

export function parseHeader(bytes: Uint8Array): Result<VaultHeader, HeaderProblem> {
  let raw: unknown;
  try {
    raw = JSON.parse(fromUtf8(bytes));
  } catch {
    return fail('corrupt', DAMAGED);
  }
  if (typeof raw !== 'object' || raw === null || !('v' in raw)) return fail('corrupt', DAMAGED);
  if (raw.v !== 1 && raw.v !== 2) {
    if (typeof raw.v === 'number' && Number.isInteger(raw.v) && raw.v > 2) {
      return fail(
        'unsupported-version',
        `This casebook was made by a newer version of Casebook (format ${String(raw.v)}). Update Casebook, then open it again.`,
      );
    }
    return fail('corrupt', DAMAGED);
  }
  const parsed =
    raw.v === 1 ? VaultHeaderV1Schema.safeParse(raw) : VaultHeaderV2Schema.safeParse(raw);
  return parsed.success ? ok(parsed.data) : fail('corrupt', DAMAGED);
}
