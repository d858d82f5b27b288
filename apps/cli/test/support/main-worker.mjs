// Runs main() in a worker thread, once per argv in workerData.runs, posting each result as it
// ends, so a test can stop a run mid-computation (a KDF that would take hours blocks this
// thread; terminate() still ends it). Used by run-cli.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../../src/main.ts');
for (const argv of workerData.runs) {
  const lines = { out: [], err: [] };
  const output = { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) };
  const start = performance.now();
  const code = await main(argv, output);
  const ms = performance.now() - start;
  parentPort.postMessage({ code, out: lines.out.join('\n'), err: lines.err.join('\n'), ms });
}
