/** Timing a child process to its end, with its peak RSS, for the CLI benchmarks (Linux). */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** The passphrase of the benches' demo casebooks (not a secret). */
const env = { ...process.env, CASEBOOK_PASSPHRASE: 'bench passphrase, not a secret' };

export interface Timed {
  seconds: number;
  stdout: string;
  peakRssMiB: number | undefined;
}

/** The kernel's high-water mark of the process's resident memory, while it still runs. */
function vmHwmMiB(pid: number): number | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    return line ? Number(line[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Runs a command to the end, timing it and sampling its peak RSS every 10 ms. */
export function timed(command: string, args: string[], cwd?: string): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let peak: number | undefined;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const timer = setInterval(() => {
      const now = child.pid === undefined ? undefined : vmHwmMiB(child.pid);
      if (now !== undefined) peak = Math.max(peak ?? 0, now);
    }, 10);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - start) / 1000;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${code}`));
      else resolve({ seconds, stdout, peakRssMiB: peak });
    });
  });
}

/** The load average now, as the figures are given with. */
export const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
