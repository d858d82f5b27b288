import { createHash } from 'node:crypto';
import { blob } from '@casebook/vault';
import { sealChunk } from '@casebook/vault/chunk-cipher';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HashReply, HashRequest } from './hash-protocol';
import { HashThreadError, startOffThreadSha256 } from './off-thread-sha256';

type Behaviour =
  | 'works'
  | 'never-ready'
  | 'fails-on-third-update'
  | 'stalls'
  | 'fails-on-second-seal'
  | 'cannot-take-keys';

/** Stands in for the hash worker: hashes with node:crypto and answers like hash.worker.ts. */
function installFakeWorker(behaviour: Behaviour) {
  const seen = {
    buffers: new Set<ArrayBuffer>(),
    maxQueued: 0,
    terminated: false,
    sealed: [] as number[],
    /** Seals sent here and not yet answered: the hash thread should hold at most one. */
    sealing: 0,
    maxSealing: 0,
  };
  class FakeWorker {
    onmessage: ((event: { data: HashReply }) => void) | null = null;
    onerror: (() => void) | null = null;
    onmessageerror: (() => void) | null = null;
    #hash = createHash('sha256');
    #queued = 0;
    #updates = 0;
    #key: { key: CryptoKey; header: Uint8Array } | undefined;
    constructor() {
      if (behaviour !== 'never-ready') this.#reply({ type: 'ready' });
    }
    #reply(message: HashReply) {
      setTimeout(() => this.onmessage?.({ data: message }), 1);
    }
    postMessage(message: HashRequest, transfer: Transferable[] = []) {
      if (message.type === 'digest') {
        this.#reply({ type: 'digest', digest: new Uint8Array(this.#hash.digest()) });
        return;
      }
      if (message.type === 'key') {
        if (behaviour === 'cannot-take-keys') throw new DOMException('no', 'DataCloneError');
        this.#key = { key: message.key, header: message.header };
        return;
      }
      if (message.type === 'seal') {
        expect(transfer).toContain(message.bytes);
        const key = this.#key;
        if (!key) throw new Error('seal before key');
        if (behaviour === 'fails-on-second-seal' && seen.sealed.length === 1) {
          this.#reply({ type: 'failed' });
          return;
        }
        seen.sealed.push(message.index);
        seen.sealing++;
        seen.maxSealing = Math.max(seen.maxSealing, seen.sealing);
        const plaintext = new Uint8Array(message.bytes, 0, message.length).slice();
        void sealChunk(key.key, key.header, message.index, plaintext, message.isLast).then(
          (sealed) => {
            seen.sealing--;
            this.#reply({
              type: 'sealed',
              index: message.index,
              ciphertext: sealed.buffer as ArrayBuffer,
              bytes: message.bytes,
            });
          },
        );
        return;
      }
      expect(transfer).toContain(message.bytes); // transferred, not copied
      seen.buffers.add(message.bytes);
      this.#updates++;
      this.#queued++;
      seen.maxQueued = Math.max(seen.maxQueued, this.#queued);
      if (behaviour === 'fails-on-third-update' && this.#updates === 3) {
        this.#reply({ type: 'failed' });
        return;
      }
      this.#hash.update(new Uint8Array(message.bytes, 0, message.length));
      if (behaviour === 'stalls') return; // never acknowledges: a thread that has hung
      setTimeout(() => {
        this.#queued--;
        this.onmessage?.({ data: { type: 'ack', bytes: message.bytes } });
      }, 2);
    }
    terminate() {
      seen.terminated = true;
    }
  }
  vi.stubGlobal('Worker', FakeWorker);
  return seen;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

async function feed(
  hasher: NonNullable<Awaited<ReturnType<typeof startOffThreadSha256>>>,
  chunks: Uint8Array[],
) {
  for (const chunk of chunks) {
    const wait = hasher.update(chunk);
    chunk.fill(0); // the caller reuses its buffer at once
    if (wait) await wait;
  }
}

describe('a SHA-256 on its own thread', () => {
  it('gives the SHA-256 of every chunk, reusing at most four buffers and never queueing more', async () => {
    const seen = installFakeWorker('works');
    const hasher = await startOffThreadSha256();
    if (!hasher) throw new Error('did not start');
    const chunks = Array.from({ length: 20 }, (_, i) => new Uint8Array(1000).fill(i + 1));
    const expected = createHash('sha256');
    for (const chunk of chunks) expected.update(chunk);
    await feed(hasher, [...chunks, new Uint8Array([7, 7, 7])]);
    expected.update(new Uint8Array([7, 7, 7]));
    expect(Buffer.from(await hasher.digest()).toString('hex')).toBe(expected.digest('hex'));
    expect(seen.maxQueued).toBe(4);
    expect(seen.buffers.size).toBeLessThanOrEqual(4);
    hasher.close();
    expect(seen.terminated).toBe(true);
  });

  it('is not used when the thread does not start in time', async () => {
    vi.useFakeTimers();
    const seen = installFakeWorker('never-ready');
    const starting = startOffThreadSha256();
    await vi.advanceTimersByTimeAsync(6_000);
    expect(await starting).toBeUndefined();
    expect(seen.terminated).toBe(true);
  });

  it('is not used when workers cannot be made', async () => {
    vi.stubGlobal(
      'Worker',
      class {
        constructor() {
          throw new Error('blocked');
        }
      },
    );
    expect(await startOffThreadSha256()).toBeUndefined();
  });

  it('settles a wait at once when closed (a cancelled intake), then refuses a digest', async () => {
    installFakeWorker('stalls');
    const hasher = await startOffThreadSha256();
    if (!hasher) throw new Error('did not start');
    let wait: unknown;
    for (let i = 0; i < 4; i++) wait = hasher.update(new Uint8Array(10));
    expect(wait).toBeInstanceOf(Promise);
    let settled = false;
    void (wait as Promise<void>).then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false); // positive control: the stalled thread holds the wait
    hasher.close();
    await wait;
    expect(settled).toBe(true);
    await expect(hasher.digest()).rejects.toBeInstanceOf(HashThreadError);
  });

  it('refuses to give a digest once the thread has failed', async () => {
    installFakeWorker('fails-on-third-update');
    const hasher = await startOffThreadSha256();
    if (!hasher) throw new Error('did not start');
    const attempt = feed(
      hasher,
      Array.from({ length: 3 }, () => new Uint8Array(10)),
    ).then(() => hasher.digest());
    await expect(attempt).rejects.toBeInstanceOf(HashThreadError);
  });
});

describe('sealing on the hash thread as well', () => {
  const data = new Uint8Array(10_000).map((_, i) => (i * 7) % 251);
  const salt = (n: number) => new Uint8Array(n).fill(5);
  const base = { dek: new Uint8Array(32).fill(1), blobId: new Uint8Array(16).fill(2) };

  async function encrypt(options: Partial<Parameters<typeof blob.encryptBlob>[1]>) {
    const items: Uint8Array[] = [];
    for await (const item of blob.encryptBlob([data], {
      ...base,
      chunkSize: 1000,
      random: salt,
      ...options,
    })) {
      if (item.type === 'chunk') items.push(item.chunk);
      if (item.type === 'end') items.push(new TextEncoder().encode(item.sha256));
    }
    return items;
  }

  // 4 is what the intake uses (evidence-ops.ts); 2 and 8 keep the split honest either side.
  it.each([2, 4, 8])(
    'gives the same file, byte for byte, with seals on both threads (%i in flight)',
    async (sealAhead) => {
      const seen = installFakeWorker('works');
      const thread = await startOffThreadSha256();
      if (!thread) throw new Error('did not start');
      const shared = await encrypt({ hasher: () => thread, sealer: thread.seal, sealAhead });
      const alone = await encrypt({});
      expect(shared).toEqual(alone);
      // Both threads sealed: some chunks there, the rest here (positive control for the split).
      expect(seen.sealed.length).toBeGreaterThan(0);
      expect(seen.sealed.length).toBeLessThan(alone.length - 1);
      // However many are in flight, the hash thread has one seal at a time (it also hashes).
      expect(seen.maxSealing).toBe(1);
      thread.close();
    },
  );

  it('seals everything here when a key cannot be sent to a worker', async () => {
    const seen = installFakeWorker('cannot-take-keys');
    const thread = await startOffThreadSha256();
    if (!thread) throw new Error('did not start');
    const shared = await encrypt({ hasher: () => thread, sealer: thread.seal, sealAhead: 2 });
    expect(shared).toEqual(await encrypt({}));
    expect(seen.sealed).toEqual([]);
    thread.close();
  });

  it('fails the intake plainly when the thread fails part-way through a seal', async () => {
    installFakeWorker('fails-on-second-seal');
    const thread = await startOffThreadSha256();
    if (!thread) throw new Error('did not start');
    await expect(
      encrypt({ hasher: () => thread, sealer: thread.seal, sealAhead: 2 }),
    ).rejects.toBeInstanceOf(HashThreadError);
    thread.close();
  });
});
