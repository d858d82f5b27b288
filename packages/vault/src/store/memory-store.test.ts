import { describe, expect, it } from 'vitest';
import { StorageFullError } from './errors';
import { createMemoryStore } from './memory-store';
import { batch, describeStoreContract, env, logEntry } from './store-contract';

describeStoreContract('memory', async () => ({ store: createMemoryStore() }), {
  persistent: false,
});

describe('createMemoryStore failCommitAfter', () => {
  it('fails every commit after the first n, writing nothing of them', async () => {
    const store = createMemoryStore({ failCommitAfter: 1 });
    await store.putChunk('b1', 0, Uint8Array.of(1));
    await store.commit(batch({ envelopes: [env('k', 'a', 1)], log: [logEntry(1)] }));
    const second = batch({
      envelopes: [env('k', 'a', 2)],
      log: [logEntry(2)],
      commitBlobs: ['b1'],
      meta: { header: Uint8Array.of(1) },
    });
    await expect(store.commit(second)).rejects.toBeInstanceOf(StorageFullError);
    await expect(store.commit(second)).rejects.toThrow(
      'This device is out of storage space. Nothing new was saved. Free some space, then try again.',
    );
    expect(await store.listEnvelopes()).toEqual([env('k', 'a', 1)]);
    expect(await store.readLog()).toEqual([logEntry(1)]);
    expect(await store.listBlobs()).toEqual([]);
    expect(await store.getMeta('header')).toBeUndefined();
    expect(await store.sweepUncommitted()).toEqual(['b1']);
  });

  it('does not fail without the option', async () => {
    const store = createMemoryStore();
    for (let seq = 1; seq <= 5; seq += 1) await store.commit(batch({ log: [logEntry(seq)] }));
    expect(await store.readLog()).toHaveLength(5);
  });
});
