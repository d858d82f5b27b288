/** Helpers for the tests that look inside libsodium's heap from a child process of their own. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs `testing/<name>` under tsx with `args` and parses the JSON it writes to stdout. */
export function runHeapProbe<T>(name: string, args: readonly string[] = []): Promise<T> {
  const probe = fileURLToPath(new URL(`./${name}`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(probe, [...args], { execArgv: ['--import', 'tsx'], stdio: 'pipe' });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`probe exited ${code}`));
      else resolve(JSON.parse(out) as T);
    });
  });
}

/** Whether `needle` occurs anywhere in `heap`. */
export function heapContains(heap: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0] as number;
  for (let i = heap.indexOf(first); i >= 0; i = heap.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && heap[i + j] === needle[j]) j++;
    if (j === needle.length) return true;
  }
  return false;
}
