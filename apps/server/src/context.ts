/** What every route is handed: the two storage ports, the clock, the server's keys, settings. */
import type { KeyObject } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { RateLimiter, RateLimits } from './auth/rate-limit';
import type { BlobStore } from './blobs/blob-store';
import type { Device, MetaStore } from './db/meta-store';

export interface ServerContext {
  readonly meta: MetaStore;
  readonly blobs: BlobStore;
  readonly now: () => number;
  readonly serverKey: KeyObject;
  readonly serverPublicKey: Buffer;
  readonly limiter: RateLimiter;
  readonly limits: RateLimits;
  readonly openEnrolment: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    rawBody: Buffer;
    /** The signed digest and nonce, from the headers: checked against the body, then spent. */
    signed?: { digest: string; nonce: string };
    /** The signing key, once the signature holds. */
    signer?: { keyId: string; publicKey: Buffer };
    /** The enrolled, not removed, device that signed (routes with auth 'device'). */
    device?: Device;
  }
  interface FastifyContextConfig {
    /** 'device': an enrolled device signs; 'key': any key signs (enrol, link); 'none'. */
    auth?: 'device' | 'key' | 'none';
  }
}

export function fail(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

/**
 * A rate limit's refusal: how many seconds until its window ends, as a `Retry-After` header
 * and in the body (a client whose fetch shows no headers reads it there), so a long upload
 * waits that long and goes on instead of failing.
 */
export function slowDown(reply: FastifyReply, message: string, nowMs: number) {
  const retryAfter = secondsToNextWindow(nowMs);
  return reply
    .code(429)
    .header('retry-after', String(retryAfter))
    .send({ error: { code: 'slow-down', message, retryAfter } });
}

/** Rate-limit windows are whole wall-clock minutes (auth/rate-limit.ts). */
export function secondsToNextWindow(nowMs: number): number {
  return Math.max(1, Math.ceil((60_000 - (nowMs % 60_000)) / 1000));
}
