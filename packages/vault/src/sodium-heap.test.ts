import { describe, expect, it } from 'vitest';
import { runHeapProbe } from './testing/heap-probe';

/**
 * The wipe destroys libsodium's state, so it runs in a child process of its own: it unwraps a
 * key (copying it into libsodium's heap), then looks for the key bytes before and after.
 */
const runProbe = () =>
  runHeapProbe<{ before: boolean; after: boolean; wiped: number }>('sodium-heap-probe.ts');

describe('wipeSodiumHeap', () => {
  it('leaves no copy of a key in libsodium’s heap (positive control: the copy is found before)', async () => {
    const result = await runProbe();
    expect(result.before).toBe(true);
    expect(result.wiped).toBeGreaterThan(0);
    expect(result.after).toBe(false);
  }, 30_000);
});
