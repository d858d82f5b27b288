/// <reference lib="webworker" />
/**
 * A SHA-256 on its own thread, fed by the vault worker during a large intake so hashing runs
 * beside encryption and storage instead of before them. It also seals the chunks the vault
 * worker sends it (one at a time, whenever it has none in hand), under the one file's payload
 * key, so AES-GCM runs on two cores. It sees plaintext chunks and that key of one file, never
 * the vault's keys, and never stores or logs anything; the vault worker ends it after the digest.
 */
import { sealChunk } from '@casebook/vault/chunk-cipher';
import { createSHA256 } from 'hash-wasm';
import type { HashReply, HashRequest } from './hash-protocol';

declare const self: DedicatedWorkerGlobalScope;

const ready = createSHA256().then((hasher) => {
  hasher.init();
  return hasher;
});

let sealing: { key: CryptoKey; header: Uint8Array } | undefined;

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
    } else if (request.type === 'key') {
      sealing = { key: request.key, header: request.header };
    } else if (request.type === 'seal') {
      if (!sealing) throw new Error('no key to seal with');
      const plaintext = new Uint8Array(request.bytes, 0, request.length);
      const sealed = await sealChunk(
        sealing.key,
        sealing.header,
        request.index,
        plaintext,
        request.isLast,
      );
      const ciphertext = sealed.buffer as ArrayBuffer;
      reply({ type: 'sealed', index: request.index, ciphertext, bytes: request.bytes }, [
        ciphertext,
        request.bytes,
      ]);
    } else {
      const digest = hasher.digest('binary');
      reply({ type: 'digest', digest }, [digest.buffer]);
    }
  } catch {
    reply({ type: 'failed' });
  }
};
