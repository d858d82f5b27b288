/**
 * Fixed-window rate limits, counted in the metadata database so every server process sees
 * the same counts. Addresses are never stored: a bucket holds a keyed hash of the address
 * (the key is not in the database: address-key.ts), and a window's counts are dropped as soon
 * as it is over: when the next window starts, or within a minute on a quiet server.
 */
import { createHmac } from 'node:crypto';
import type { MetaStore } from '../db/meta-store';

export interface RateLimits {
  /** Requests per minute from one address (any route). */
  readonly perAddress: number;
  /** Signed requests per minute by one device. */
  readonly perDevice: number;
  /** Enrol and link attempts per minute from one address. */
  readonly codeAttemptsPerAddress: number;
  /** Attempts at one invite per minute. */
  readonly perInvite: number;
}

/**
 * A 1 GiB video goes up or down as about 1,030 requests (1 MiB chunks): one device may move
 * that in a minute, and several people behind one address (a refuge's connection) still fit.
 */
export const DEFAULT_LIMITS: RateLimits = {
  perAddress: 3000,
  perDevice: 2400,
  codeAttemptsPerAddress: 10,
  perInvite: 5,
};

const WINDOW_MS = 60_000;

export class RateLimiter {
  private sweptBefore = 0;
  constructor(
    private readonly store: MetaStore,
    private readonly addressKey: Buffer,
  ) {}

  /** A bucket name for an address that does not reveal it. */
  addressBucket(prefix: string, address: string): string {
    return `${prefix}:${createHmac('sha256', this.addressKey).update(address).digest('base64url').slice(0, 22)}`;
  }

  /** Counts a hit; true while the bucket is within its limit. */
  async allow(bucket: string, limit: number, nowMs: number): Promise<boolean> {
    await this.sweep(nowMs);
    return (await this.store.hit(bucket, windowOf(nowMs))) <= limit;
  }

  /** Drops every count of a window that is over (once per window per process). */
  async sweep(nowMs: number): Promise<void> {
    const window = windowOf(nowMs);
    if (window <= this.sweptBefore) return;
    this.sweptBefore = window;
    await this.store.forgetRateCountsBefore(window);
  }
}

function windowOf(nowMs: number): number {
  return nowMs - (nowMs % WINDOW_MS);
}

/** How often a quiet server sweeps, so no count outlives its window by more than this. */
export const SWEEP_EVERY_MS = WINDOW_MS;
