import { describe, expect, it } from 'vitest';
import { idleTimings, WARN_BEFORE_MS } from './auto-lock';

describe('idle lock timings', () => {
  it('warns 30 seconds before the lock', () => {
    expect(idleTimings(5)).toEqual({ warnMs: 5 * 60_000 - WARN_BEFORE_MS, lockMs: 5 * 60_000 });
    expect(idleTimings(1)).toEqual({ warnMs: 30_000, lockMs: 60_000 });
  });
});
