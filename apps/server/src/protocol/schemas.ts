/**
 * The sync protocol, version 1, as zod schemas: every body in or out goes through one of
 * these. PROTOCOL.md describes the same in words. A change that an old client would misread
 * takes a new version.
 */
import { z } from 'zod';

export const PROTOCOL_VERSION = 1 as const;

/** A random id: base64url of 16-48 random bytes. Never a name, a kind or a title. */
export const RandomId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'Expected a random id.');
export const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'Expected a SHA-256 hash in hex.');
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Expected base64.');

/** Envelopes are padded by the client to a multiple of this, so sizes say little. */
export const ENVELOPE_PADDING = 256;
export const MAX_ENVELOPE_BYTES = 1024 * 1024;
export const MAX_PUSH_ENVELOPES = 200;
/** A chunk is one encrypted STREAM chunk: up to 16 MiB of plaintext plus its overhead. */
export const MAX_CHUNK_BYTES = 16 * 1024 * 1024 + 64 * 1024;
export const MAX_PULL = 500;
export const MAX_CHAIN_HASHES = 10_000;

const v = z.literal(PROTOCOL_VERSION);

/** A raw 32-byte Ed25519 public key as 43 characters of base64url. */
export const PublicKey32 = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'Expected a public key.')
  .refine((text) => Buffer.from(text, 'base64url').toString('base64url') === text, {
    message: 'Expected a public key in canonical base64url.',
  });

export const EnrolBody = z
  .object({
    v,
    invite: z.string().max(64).optional(),
    /** The casebook identity's public key: removing another device needs its signature. */
    identity: PublicKey32,
  })
  .strict();

/** Removing another device: the identity's signature (removal-proof.ts). Oneself: no body. */
export const RemoveDeviceBody = z
  .object({ v, proof: z.string().regex(/^[A-Za-z0-9_-]{86}$/) })
  .strict();
export const LinkBody = z.object({ v, code: z.string().min(1).max(64) }).strict();

/**
 * The most a link package may be (its bytes, before base64): a v2 vault header's shared part,
 * sealed under a key from the linking code, is about 2 KiB; the client pads it to 4 KiB.
 */
export const MAX_LINK_PACKAGE_BYTES = 16 * 1024;

/** `PUT /v1/link-codes/:id/package`: the opaque link package (PROTOCOL.md "Linking a device"). */
export const LinkPackageBody = z
  .object({ v, package: Base64.min(4).max(Math.ceil(MAX_LINK_PACKAGE_BYTES / 3) * 4) })
  .strict();
export const LinkCodeId = z.string().regex(/^[0-9A-Z]{4}$/);

export const PushBody = z
  .object({
    v,
    envelopes: z
      .array(z.object({ id: RandomId, data: Base64 }).strict())
      .min(1)
      .max(MAX_PUSH_ENVELOPES),
  })
  .strict();

export const ChangesQuery = z
  .object({
    since: z.coerce.number().int().nonnegative().default(0),
    limit: z.coerce.number().int().min(1).max(MAX_PULL).default(MAX_PULL),
  })
  .strict();

export const MissingBody = z.object({ v, ids: z.array(RandomId).max(1000) }).strict();

export const CheckpointBody = z
  .object({
    v,
    /** The device's chain in the casebook's log: an opaque id the client chooses. */
    chain: RandomId,
    seq: z.number().int().nonnegative(),
    head: Hex64,
    /** Entry hashes from `from` to `seq`, in order: the entries since the last countersigned head. */
    from: z.number().int().nonnegative(),
    hashes: z.array(Hex64).min(1).max(MAX_CHAIN_HASHES),
    /** The device's signed checkpoint as the vault wrote it, kept as it is (base64). */
    checkpoint: Base64.max(8192),
  })
  .strict();

export const Countersigned = z
  .object({
    v,
    domain: z.literal('casebook-countersign-v1'),
    space: RandomId,
    chain: RandomId,
    device: RandomId,
    seq: z.number().int().nonnegative(),
    head: Hex64,
    /** SHA-256 of the device's checkpoint bytes, so the countersignature covers them too. */
    checkpointSha256: Hex64,
    serverTime: z.string(),
    sig: z.string(),
  })
  .strict();
export type Countersigned = z.infer<typeof Countersigned>;

export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
