import { z } from 'zod';
import { fromBase64, toBase64 } from './encoding';
import { fail, ok, type Result } from './result';
import { getSodium } from './sodium';
import type { Base64 } from './types';

/** Argon2id parameters as stored in the vault header. memlimit in bytes. */
export const KdfParamsSchema = z.object({
  alg: z.literal('argon2id13'),
  salt: z.string(),
  opslimit: z.number().int().positive(),
  memlimit: z.number().int().positive(),
});
export type KdfParams = z.infer<typeof KdfParamsSchema>;

/** SECURITY.md: m=64 MiB, t=3, p=1 (libsodium's Argon2id is single-lane). */
export const DEFAULT_KDF = { opslimit: 3, memlimit: 64 * 1024 * 1024 } as const;
/** The OWASP floor: never derive with less than m=19 MiB, t=2. */
export const KDF_FLOOR = { opslimit: 2, memlimit: 19 * 1024 * 1024 } as const;

/**
 * The ceiling: a header asking for more than this is refused before deriving. Without it a
 * tampered header can make Casebook allocate gigabytes or run for minutes (a crash or a
 * hang instead of an answer). Four times the default memory and under three times its passes
 * leaves room for stronger settings later; libsodium would accept up to 4 TiB.
 */
export const KDF_CEILING = { opslimit: 8, memlimit: 256 * 1024 * 1024 } as const;
/** And at most twice the default's work (passes × memory): t=8 at 256 MiB takes seconds. */
const MAX_WORK = 2 * 3 * 64 * 1024 * 1024;

export type KdfCost = { readonly opslimit: number; readonly memlimit: number };

export async function newKdfParams(cost: KdfCost = DEFAULT_KDF): Promise<KdfParams> {
  const sodium = await getSodium();
  return {
    alg: 'argon2id13',
    salt: toBase64(sodium.randombytes_buf(16)),
    opslimit: cost.opslimit,
    memlimit: cost.memlimit,
  };
}

export type KdfRefusal = 'kdf-too-weak' | 'kdf-out-of-range' | 'corrupt';

/**
 * Derives a 32-byte key from a passphrase (NFKC-normalised, so the same words typed on
 * another keyboard still unlock). Refuses parameters below the floor.
 */
export async function deriveKey(
  secret: string,
  params: KdfParams,
): Promise<Result<Uint8Array, KdfRefusal>> {
  if (params.opslimit < KDF_FLOOR.opslimit || params.memlimit < KDF_FLOOR.memlimit) {
    return fail(
      'kdf-too-weak',
      'This casebook asks for weaker protection than Casebook allows, so it was not opened. It may have been tampered with. Use a backup you trust.',
    );
  }
  if (
    params.opslimit > KDF_CEILING.opslimit ||
    params.memlimit > KDF_CEILING.memlimit ||
    params.opslimit * params.memlimit > MAX_WORK
  ) {
    return fail(
      'kdf-out-of-range',
      'This casebook asks for far more work to open than Casebook ever sets, so it was not opened. It may be damaged or tampered with. Use a backup you trust.',
    );
  }
  const salt = fromBase64(params.salt);
  if (salt?.length !== 16) {
    return fail('corrupt', 'The casebook header is damaged (bad salt). Restore from a backup.');
  }
  const sodium = await getSodium();
  const started = performance.now();
  const key = sodium.crypto_pwhash(
    32,
    secret.normalize('NFKC'),
    salt,
    params.opslimit,
    params.memlimit,
    sodium.crypto_pwhash_ALG_ARGON2ID13,
  );
  markKdf(started);
  return ok(key);
}

/** The name of the User Timing entry each derivation leaves (bench/diary-web.mjs reads it). */
export const KDF_MEASURE = 'casebook:argon2id';

/**
 * Leaves the derivation's duration as a User Timing measure, the latest only, so a benchmark
 * can set the time beyond the KDF against the KDF itself in the same run and the same thread.
 * A duration says nothing about the passphrase: Argon2id's time depends on its parameters only.
 */
function markKdf(started: number): void {
  try {
    performance.clearMeasures(KDF_MEASURE);
    performance.measure(KDF_MEASURE, { start: started, end: performance.now() });
  } catch {
    // A runtime without User Timing loses only the figure.
  }
}

export type { Base64 };
