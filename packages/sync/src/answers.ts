/**
 * What the client reads back from the server, checked with zod: a server is an input like
 * any other. Only the fields the client uses; unknown fields are ignored (a newer server may
 * add some without a new protocol version).
 */
import { z } from 'zod';

const v = z.literal(1);

export const ErrorAnswer = z.object({
  error: z.object({ code: z.string().max(64), message: z.string().max(500) }),
});

/** A rate limit's refusal says how many seconds until it lifts (PROTOCOL.md "Limits"). */
export const SlowDownAnswer = z.object({
  error: z.object({ code: z.literal('slow-down'), retryAfter: z.number().int().min(1).max(120) }),
});

export const InfoAnswer = z.object({
  v,
  protocols: z.array(z.number().int()),
  serverKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  openEnrolment: z.boolean(),
});

export const EnrolAnswer = z.object({
  v,
  space: z.string(),
  device: z.string(),
  /** `POST /v1/link` only: the link package left beside the code (base64), if any. */
  package: z
    .string()
    .max(32 * 1024)
    .optional(),
});
export const LinkCodeAnswer = z.object({ v, code: z.string(), expiresAt: z.string() });
export const LinkPackageAnswer = z.object({ v, stored: z.literal(true) });

export const PushAnswer = z.object({
  v,
  head: z.number().int().nonnegative(),
  results: z.array(
    z.object({
      id: z.string(),
      seq: z.number().int().positive(),
      status: z.enum(['stored', 'already']),
    }),
  ),
});

export const Change = z.object({
  seq: z.number().int().positive(),
  id: z.string(),
  device: z.string(),
  time: z.string(),
  data: z.string(),
});
export type Change = z.infer<typeof Change>;

export const ChangesAnswer = z.object({
  v,
  head: z.number().int().nonnegative(),
  changes: z.array(Change),
  more: z.boolean(),
});

export const ChunkAnswer = z.object({ v, id: z.string(), status: z.enum(['stored', 'already']) });
export const MissingAnswer = z.object({ v, missing: z.array(z.string()) });

export const Countersigned = z.object({
  v,
  domain: z.literal('casebook-countersign-v1'),
  space: z.string(),
  chain: z.string(),
  device: z.string(),
  seq: z.number().int().nonnegative(),
  head: z.string(),
  checkpointSha256: z.string(),
  serverTime: z.string(),
  sig: z.string(),
});
export type Countersigned = z.infer<typeof Countersigned>;

export const CheckpointAnswer = z.object({ v, checkpoint: Countersigned });
export const CheckpointsAnswer = z.object({
  v,
  serverKey: z.string(),
  checkpoints: z.array(Countersigned.extend({ deviceCheckpoint: z.string() })),
});
export const RemovedAnswer = z.object({ v, removed: z.string() });
export const DevicesAnswer = z.object({
  v,
  devices: z.array(
    z.object({
      device: z.string(),
      linkedAt: z.string(),
      removedAt: z.string().nullable(),
      thisDevice: z.boolean(),
    }),
  ),
});
export type DeviceListing = z.infer<typeof DevicesAnswer>['devices'][number];
