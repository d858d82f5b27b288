/// <reference lib="webworker" />
import type { PipelinedSha256Hasher } from '@casebook/vault';
import type { HashReply, HashRequest } from './hash-protocol';

/** Chunks sent but not yet hashed: bounds the memory a slow hash thread can hold (4 MiB). */
const MAX_QUEUED = 4;
/** How long the hash thread may take to start before the intake hashes on its own thread. */
const START_TIMEOUT_MS = 5_000;

export class HashThreadError extends Error {
  constructor() {
    super(
      'Casebook could not work out its SHA-256 fingerprint, so nothing of it was kept. Please add it again.',
    );
    this.name = 'HashThreadError';
  }
}

/**
 * Starts a SHA-256 on its own worker thread for one file, or resolves undefined when the
 * thread cannot start (the caller then hashes on its own thread). Each update copies the
 * chunk into a buffer that goes to the hash thread and comes back for the next chunk, so the
 * caller may reuse its own buffer at once and no garbage builds up; once MAX_QUEUED
 * chunks are waiting, update returns a promise that settles when the hash thread catches up.
 * Call `close()` when done or abandoned (for a cancel, as soon as the signal fires).
 */
export async function startOffThreadSha256(): Promise<
  (PipelinedSha256Hasher & { close(): void }) | undefined
> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./hash.worker.ts', import.meta.url), {
      type: 'module',
      name: 'hash',
    });
  } catch {
    return undefined;
  }
  const send = (message: HashRequest, transfer: Transferable[] = []) =>
    worker.postMessage(message, transfer);

  let queued = 0;
  let failed = false;
  // Buffers travel to the hash thread and back (transferred, never copied twice).
  const spare: ArrayBuffer[] = [];
  let wake: (() => void) | undefined;
  let onDigest: ((digest: Uint8Array) => void) | undefined;
  let onStart: ((ok: boolean) => void) | undefined;
  const fail = () => {
    failed = true;
    onStart?.(false);
    wake?.();
    onDigest?.(new Uint8Array(0));
  };
  worker.onerror = (event: Event) => {
    // Handled here: otherwise the error travels up to the page as the vault worker's own.
    event.preventDefault();
    fail();
  };
  worker.onmessageerror = fail;
  worker.onmessage = (event: MessageEvent<HashReply>) => {
    const message = event.data;
    if (message.type === 'ready') onStart?.(true);
    else if (message.type === 'ack') {
      queued--;
      spare.push(message.bytes);
      wake?.();
    } else if (message.type === 'digest') onDigest?.(message.digest);
    else fail();
  };

  const started = await new Promise<boolean>((resolve) => {
    onStart = resolve;
    setTimeout(() => resolve(false), START_TIMEOUT_MS);
  });
  onStart = undefined;
  if (!started || failed) {
    worker.terminate();
    return undefined;
  }

  const caughtUp = () =>
    new Promise<void>((resolve) => {
      wake = () => {
        if (failed || queued < MAX_QUEUED) {
          wake = undefined;
          resolve();
        }
      };
    });

  return {
    update(data: Uint8Array) {
      if (failed) throw new HashThreadError();
      let buffer = spare.pop();
      if (!buffer || buffer.byteLength < data.length) buffer = new ArrayBuffer(data.length);
      new Uint8Array(buffer).set(data);
      send({ type: 'update', bytes: buffer, length: data.length }, [buffer]);
      queued++;
      return queued >= MAX_QUEUED ? caughtUp() : undefined;
    },
    async digest() {
      const digest = await new Promise<Uint8Array>((resolve) => {
        onDigest = resolve;
        if (failed) resolve(new Uint8Array(0));
        else send({ type: 'digest' });
      });
      if (failed || digest.length !== 32) throw new HashThreadError();
      return digest;
    },
    /** Ends the thread; anything still waiting on it (a cancelled intake) settles at once. */
    close: () => {
      worker.terminate();
      fail();
    },
  };
}
