import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The wipe destroys libsodium's state, so it runs in a child process of its own: it unwraps a
 * key (copying it into libsodium's heap), then looks for the key bytes before and after.
 */
function runProbe(): Promise<{ before: boolean; after: boolean; wiped: number }> {
  const probe = fileURLToPath(new URL('./testing/sodium-heap-probe.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(probe, [], { execArgv: ['--import', 'tsx'], stdio: 'pipe' });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`probe exited ${code}`));
      else resolve(JSON.parse(out));
    });
  });
}

describe('wipeSodiumHeap', () => {
  it('leaves no copy of a key in libsodium’s heap (positive control: the copy is found before)', async () => {
    const result = await runProbe();
    expect(result.before).toBe(true);
    expect(result.wiped).toBeGreaterThan(0);
    expect(result.after).toBe(false);
  }, 30_000);
});
