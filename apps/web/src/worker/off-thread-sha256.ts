/// <reference lib="webworker" />
import type { PipelinedSha256Hasher } from '@casebook/vault';
import { type ChunkSealer, sealChunk } from '@casebook/vault/chunk-cipher';
import type { HashReply, HashRequest } from './hash-protocol';

/** Chunks sent but not yet hashed: bounds the memory a slow hash thread can hold (2 MiB in 512 KiB chunks; 8 queued measured no faster). */
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

/** A hash thread for one file: its SHA-256, a sealer that shares its chunks out, and close. */
export interface HashThread extends PipelinedSha256Hasher {
  /**
   * Seals a chunk as `sealChunk` does, on the hash thread when it has no seal in hand and
   * on this thread otherwise, so with two or more chunks in flight (`sealAhead`) both threads
   * encrypt. Copies `plaintext` before it returns.
   */
  readonly seal: ChunkSealer;
  close(): void;
}

/**
 * Starts a SHA-256 on its own worker thread for one file, or resolves undefined when the
 * thread cannot start (the caller then hashes on its own thread). Each update copies the
 * chunk into a buffer that goes to the hash thread and comes back for the next chunk, so the
 * caller may reuse its own buffer at once and no garbage builds up; once MAX_QUEUED
 * chunks are waiting, update returns a promise that settles when the hash thread catches up.
 * Call `close()` when done or abandoned (for a cancel, as soon as the signal fires).
 */
export async function startOffThreadSha256(): Promise<HashThread | undefined> {
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
  // Seals sent to the hash thread and not yet back (at most one at a time, by design).
  const sealing = new Map<number, { resolve(c: Uint8Array): void; reject(e: Error): void }>();
  // The key the hash thread holds; a browser that cannot send a CryptoKey seals here only.
  let keySent: CryptoKey | undefined;
  let sealHere = false;
  const fail = () => {
    failed = true;
    onStart?.(false);
    wake?.();
    onDigest?.(new Uint8Array(0));
    for (const waiting of sealing.values()) waiting.reject(new HashThreadError());
    sealing.clear();
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
    } else if (message.type === 'sealed') {
      spare.push(message.bytes);
      const waiting = sealing.get(message.index);
      sealing.delete(message.index);
      waiting?.resolve(new Uint8Array(message.ciphertext));
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

  const copyOut = (data: Uint8Array) => {
    let buffer = spare.pop();
    if (!buffer || buffer.byteLength < data.length) buffer = new ArrayBuffer(data.length);
    new Uint8Array(buffer).set(data);
    return buffer;
  };

  const sendKey = (key: CryptoKey, header: Uint8Array) => {
    if (keySent === key) return true;
    try {
      send({ type: 'key', key, header: header.slice() });
      keySent = key;
      return true;
    } catch {
      // A CryptoKey that cannot be cloned to a worker (older browsers): seal on this thread.
      sealHere = true;
      return false;
    }
  };

  return {
    seal(key, header, index, plaintext, isLast) {
      if (failed) throw new HashThreadError();
      if (sealHere || sealing.size > 0 || !sendKey(key, header)) {
        return sealChunk(key, header, index, plaintext, isLast);
      }
      const buffer = copyOut(plaintext);
      const sealed = new Promise<Uint8Array>((resolve, reject) =>
        sealing.set(index, { resolve, reject }),
      );
      send({ type: 'seal', bytes: buffer, length: plaintext.length, index, isLast }, [buffer]);
      return sealed;
    },
    update(data: Uint8Array) {
      if (failed) throw new HashThreadError();
      const buffer = copyOut(data);
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
