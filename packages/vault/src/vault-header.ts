import { z } from 'zod';
import { fromUtf8, utf8 } from './encoding';
import { KdfParamsSchema } from './kdf';
import { WrappedKeySchema } from './key-wrap';
import { fail, ok, type Result } from './result';

export const HEADER_META_KEY = 'header';

const SlotSchema = z.object({ kdf: KdfParamsSchema, ak: WrappedKeySchema });

/** Vault header v1: everything needed to unlock, nothing readable about the case. */
export const VaultHeaderSchema = z.object({
  format: z.literal('casebook-vault'),
  v: z.literal(1),
  vaultId: z.string().min(1),
  createdAt: z.string(),
  passphrase: SlotSchema,
  recovery: SlotSchema,
  caseId: z.string().min(1),
  ck: WrappedKeySchema,
  identity: z.object({ publicKey: z.string(), secretKey: WrappedKeySchema }),
});
export type VaultHeader = z.infer<typeof VaultHeaderSchema>;

export const PURPOSE = {
  akByPassphrase: 'casebook ak v1 passphrase',
  akByRecovery: 'casebook ak v1 recovery',
  ck: (caseId: string) => `casebook ck v1 ${caseId}`,
  identity: 'casebook identity v1',
} as const;

export type HeaderProblem = 'corrupt' | 'unsupported-version';

export function encodeHeader(header: VaultHeader): Uint8Array {
  return utf8(JSON.stringify(header));
}

export function parseHeader(bytes: Uint8Array): Result<VaultHeader, HeaderProblem> {
  let raw: unknown;
  try {
    raw = JSON.parse(fromUtf8(bytes));
  } catch {
    return fail(
      'corrupt',
      'The casebook header is damaged and cannot be read. Restore from a backup.',
    );
  }
  if (typeof raw === 'object' && raw !== null && 'v' in raw && raw.v !== 1) {
    return fail(
      'unsupported-version',
      `This casebook was made by a newer version of Casebook (format ${String(raw.v)}). Update Casebook, then open it again.`,
    );
  }
  const parsed = VaultHeaderSchema.safeParse(raw);
  if (!parsed.success) {
    return fail(
      'corrupt',
      'The casebook header is damaged and cannot be read. Restore from a backup.',
    );
  }
  return ok(parsed.data);
}
