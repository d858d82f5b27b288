/**
 * Three ways to run the CLI in a test: `runMain` calls main() here, `runMainInWorker` calls it
 * in a worker thread that a timeout can stop, `runChild` runs bin/casebook.mjs as a person would.
 */
import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { Output } from '../../src/io';
import { main } from '../../src/main';

export interface CliResult {
  /** The exit code, or 'timeout' when it was stopped after the time allowed. */
  readonly code: number | 'timeout';
  readonly out: string;
  readonly err: string;
  readonly ms: number;
}

export const BIN = new URL('../../bin/casebook.mjs', import.meta.url).pathname;

export async function runMain(...argv: string[]): Promise<CliResult> {
  const lines = { out: [] as string[], err: [] as string[] };
  const output: Output = { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) };
  const start = performance.now();
  const code = await main(argv, output);
  return {
    code,
    out: lines.out.join('\n'),
    err: lines.err.join('\n'),
    ms: performance.now() - start,
  };
}

/**
 * main() in a worker thread of this process, once per argv, one after another. Each run may
 * take `timeoutMs` (its `ms` excludes starting the worker); a run that takes longer is stopped
 * and it and the runs after it come back as 'timeout'.
 */
export function runMainInWorker(
  runs: readonly (readonly string[])[],
  options: { env?: Record<string, string>; timeoutMs: number },
): Promise<CliResult[]> {
  const worker = new Worker(new URL('./main-worker.mjs', import.meta.url), {
    workerData: { runs },
    env: { ...process.env, ...options.env },
  });
  const results: CliResult[] = [];
  const STARTUP_MS = 10_000;
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout;
    const finish = () => {
      clearTimeout(timer);
      void worker.terminate();
      while (results.length < runs.length)
        results.push({ code: 'timeout', out: '', err: '', ms: options.timeoutMs });
      resolve(results);
    };
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(finish, ms);
    };
    arm(STARTUP_MS + options.timeoutMs);
    worker.on('message', (m: CliResult) => {
      results.push(m);
      if (results.length === runs.length) finish();
      else arm(options.timeoutMs);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/**
 * The real command in a child process. `closeStdoutAfter` closes the reading end of stdout
 * once that many bytes arrived, as `| head -c N` does (0: at once, before anything is written).
 */
export function runChild(
  argv: readonly string[],
  options: { env?: Record<string, string>; timeoutMs: number; closeStdoutAfter?: number },
): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  const start = performance.now();
  const child = spawn(process.execPath, [BIN, ...argv], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let timedOut = false;
  // 0: closed before the command writes anything, so its first write meets a closed pipe.
  if (options.closeStdoutAfter === 0) child.stdout.destroy();
  child.stdout.on('data', (piece: Buffer) => {
    out += piece.toString();
    if (options.closeStdoutAfter !== undefined && out.length >= options.closeStdoutAfter)
      child.stdout.destroy();
  });
  child.stderr.on('data', (piece: Buffer) => {
    err += piece.toString();
  });
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs);
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: timedOut ? 'timeout' : (code ?? -1),
        signal,
        out,
        err,
        ms: performance.now() - start,
      });
    });
  });
}
