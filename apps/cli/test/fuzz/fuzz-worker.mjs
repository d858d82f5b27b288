// The fuzz's worker thread: runs the cases (run-cases.ts) so the test can stop a case that
// hangs, even one stuck in synchronous code, and carry on after it.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runCases } = await import('./run-cases.ts');
await runCases(workerData, (message) => parentPort.postMessage(message));
