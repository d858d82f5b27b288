/// <reference lib="webworker" />
/**
 * A SHA-256 on its own thread, fed by the vault worker during a large intake so hashing runs
 * beside encryption and storage instead of before them. It sees plaintext chunks of one file,
 * in order, and never stores or logs anything; the vault worker ends it after the digest.
 */
import { createSHA256 } from 'hash-wasm';
import type { HashReply, HashRequest } from './hash-protocol';

declare const self: DedicatedWorkerGlobalScope;

const ready = createSHA256().then((hasher) => {
  hasher.init();
  return hasher;
});

const reply = (message: HashReply, transfer: Transferable[] = []) =>
  self.postMessage(message, transfer);

ready.then(
  () => reply({ type: 'ready' }),
  () => reply({ type: 'failed' }),
);

self.onmessage = async (event: MessageEvent<HashRequest>) => {
  const request = event.data;
  try {
    const hasher = await ready;
    if (request.type === 'update') {
      hasher.update(new Uint8Array(request.bytes, 0, request.length));
      // Back to the sender to be filled again: no garbage a chunk, so memory stays flat.
      reply({ type: 'ack', bytes: request.bytes }, [request.bytes]);
    } else {
      const digest = hasher.digest('binary');
      reply({ type: 'digest', digest }, [digest.buffer]);
    }
  } catch {
    reply({ type: 'failed' });
  }
};
