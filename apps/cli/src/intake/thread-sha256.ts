/**
 * A SHA-256 on a worker thread (node:crypto there), for large files: the intake's own thread
 * then only reads and hands chunks to WebCrypto, while the hash runs beside it on the other
 * core. Each update copies the chunk into a buffer that goes to the hash thread and comes back
 * for a later chunk (transferred, never cloned), so the caller may reuse its buffer at once.
 */
import { Worker } from 'node:worker_threads';
import type { PipelinedSha256Hasher } from '@casebook/vault';

/** Chunks sent but not yet hashed: bounds what a slow hash thread holds (4 MiB). */
const MAX_QUEUED = 4;

// Plain JavaScript: the worker does not go through tsx.
const WORKER = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hash = createHash('sha256');
parentPort.on('message', (m) => {
  if (m.type === 'update') {
    hash.update(new Uint8Array(m.buffer, 0, m.length));
    parentPort.postMessage({ type: 'ack', buffer: m.buffer }, [m.buffer]);
  } else {
    const digest = new Uint8Array(hash.digest());
    parentPort.postMessage({ type: 'digest', digest }, [digest.buffer]);
  }
});
`;

type Reply = { type: 'ack'; buffer: ArrayBuffer } | { type: 'digest'; digest: Uint8Array };

/** One file's SHA-256 on its own thread; the thread ends with `digest()` or on an error. */
export function threadSha256(): PipelinedSha256Hasher {
  const worker = new Worker(WORKER, { eval: true });
  // Never keeps the command running by itself (a failed intake that did not ask for a digest).
  worker.unref();
  const spare: ArrayBuffer[] = [];
  let queued = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let onDigest: ((digest: Uint8Array) => void) | undefined;
  const fail = (error: Error) => {
    failure = error;
    wake?.();
    onDigest?.(new Uint8Array(0));
  };
  worker.on('error', fail);
  worker.on('exit', () => {
    if (!onDigest) fail(new Error('The hash thread stopped.'));
  });
  worker.on('message', (reply: Reply) => {
    if (reply.type === 'ack') {
      queued--;
      spare.push(reply.buffer);
      wake?.();
    } else onDigest?.(reply.digest);
  });
  const waitForRoom = async () => {
    while (queued >= MAX_QUEUED && !failure) await new Promise<void>((r) => (wake = r));
    wake = undefined;
  };
  return {
    update(data: Uint8Array) {
      if (failure) throw failure;
      const reuse = spare.find((b) => b.byteLength >= data.length);
      const buffer = reuse ?? new ArrayBuffer(data.length);
      if (reuse) spare.splice(spare.indexOf(reuse), 1);
      new Uint8Array(buffer, 0, data.length).set(data);
      queued++;
      worker.postMessage({ type: 'update', buffer, length: data.length }, [buffer]);
      return queued >= MAX_QUEUED ? waitForRoom() : undefined;
    },
    async digest() {
      if (failure) throw failure;
      const digest = await new Promise<Uint8Array>((resolve) => {
        onDigest = resolve;
        worker.postMessage({ type: 'digest' });
      });
      await worker.terminate();
      if (failure || digest.length !== 32) throw failure ?? new Error('The hash thread failed.');
      return digest;
    },
  };
}
