/**
 * The behaviour every `VaultStore` adapter must show, as vitest tests. Run it from an adapter's
 * test file: `describeStoreContract('memory', async () => ({ store: createMemoryStore() }))`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type {
  Base64,
  CommitBatch,
  Envelope,
  Hex,
  SideRevision,
  StoredLogEntry,
  VaultStore,
} from '../types';
import { StoreConflictError, StoreUnavailableError } from './errors';

export interface StoreUnderTest {
  readonly store: VaultStore;
  /** Opens the same storage again after `close()`; absent when the adapter does not persist. */
  readonly reopen?: () => Promise<VaultStore>;
}

export function env(kind: string, id: string, rev: number): Envelope {
  return {
    v: 1,
    kind,
    id,
    rev,
    nonce: `nonce-${kind}-${id}-${rev}` as Base64,
    ct: `ct-${kind}-${id}-${rev}` as Base64,
  };
}

export function logEntry(seq: number): StoredLogEntry {
  return { seq, env: env('log', 'case-1', seq), h: `h${seq}` as Hex, sig: `sig${seq}` as Base64 };
}

/** A v2 entry of one device's chain (its own `env.id` is the device, as the log writes it). */
export function deviceEntry(device: string, seq: number): StoredLogEntry {
  return {
    v: 2,
    device,
    seq,
    prev: `p${device}${seq}` as Hex,
    env: env('log', device, seq),
    h: `h${device}${seq}` as Hex,
    sig: `sig${device}${seq}` as Base64,
  };
}

export function side(device: string, kind: string, id: string, rev: number): SideRevision {
  return { device, envelope: { ...env(kind, id, rev), ct: `ct-${device}` as Base64 } };
}

export function batch(parts: Partial<CommitBatch>): CommitBatch {
  return { envelopes: [], log: [], ...parts };
}

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

export function describeStoreContract(
  name: string,
  makeStore: () => Promise<StoreUnderTest>,
  options: { persistent: boolean } = { persistent: true },
): void {
  describe(`VaultStore contract: ${name}`, () => {
    const opened: VaultStore[] = [];
    const setup = async (): Promise<StoreUnderTest> => {
      const made = await makeStore();
      opened.push(made.store);
      return made;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
    });

    /** Writes chunks 0..count-1 of a blob. */
    const putChunks = async (store: VaultStore, blobId: string, count: number) => {
      for (let i = 0; i < count; i += 1) await store.putChunk(blobId, i, bytes(i, i + 1));
    };

    it('starts empty', async () => {
      const { store } = await setup();
      expect(await store.getMeta('header')).toBeUndefined();
      expect(await store.listEnvelopes()).toEqual([]);
      expect(await store.countEnvelopes('incident')).toBe(0);
      expect(await store.getRevisions('incident', 'a')).toEqual([]);
      expect(await store.readLog()).toEqual([]);
      expect(await store.getChunk('b1', 0)).toBeUndefined();
      expect(await store.countChunks('b1')).toBe(0);
      expect(await store.listBlobs()).toEqual([]);
      expect(await store.sweepUncommitted()).toEqual([]);
    });

    it('round-trips envelopes, log entries and meta', async () => {
      const { store } = await setup();
      await store.commit(
        batch({
          envelopes: [env('incident', 'a', 1)],
          log: [logEntry(1)],
          meta: { header: bytes(1, 2, 3) },
        }),
      );
      await store.commit(batch({ meta: { header: bytes(9), other: bytes() } }));
      expect(await store.listEnvelopes()).toEqual([env('incident', 'a', 1)]);
      expect(await store.readLog()).toEqual([logEntry(1)]);
      expect(await store.getMeta('header')).toEqual(bytes(9));
      expect(await store.getMeta('other')).toEqual(bytes());
      expect(await store.getMeta('missing')).toBeUndefined();
    });

    it('counts the envelopes of one kind, every revision, as listing it finds them', async () => {
      const { store } = await setup();
      await store.commit(
        batch({
          envelopes: [env('incident', 'a', 1), env('incident', 'a', 2), env('incidents', 'a', 1)],
        }),
      );
      await store.commit(batch({ envelopes: [env('incident', 'b', 1), env('person', 'a', 1)] }));
      for (const kind of ['incident', 'incidents', 'person', 'inc', 'note']) {
        expect(await store.countEnvelopes(kind)).toBe((await store.listEnvelopes(kind)).length);
      }
      expect(await store.countEnvelopes('incident')).toBe(3);
    });

    it('lists envelopes in (kind, id, rev) order, comparing strings by code unit', async () => {
      const { store } = await setup();
      const sorted = [
        env('incident', '10', 1),
        env('incident', '9', 1),
        env('incident', 'B', 1),
        env('incident', 'a', 2),
        env('incident', 'a', 10),
        env('incident', 'ab', 1),
        env('incident', 'ä', 1),
        env('person', 'a', 1),
      ];
      const [first, ...rest] = [...sorted].reverse();
      await store.commit(batch({ envelopes: rest }));
      await store.commit(batch({ envelopes: first ? [first] : [] }));
      expect(await store.listEnvelopes()).toEqual(sorted);
    });

    it('lists the envelopes of exactly one kind, in order', async () => {
      const { store } = await setup();
      await store.commit(
        batch({
          envelopes: [
            env('person', 'a', 1),
            env('incident', 'b', 1),
            env('incidents', 'a', 1),
            env('incident', 'a', 2),
            env('inc', 'z', 1),
            env('incident', 'a', 1),
          ],
        }),
      );
      expect(await store.listEnvelopes('incident')).toEqual([
        env('incident', 'a', 1),
        env('incident', 'a', 2),
        env('incident', 'b', 1),
      ]);
      expect(await store.listEnvelopes('call')).toEqual([]);
      expect(await store.listEnvelopes()).toHaveLength(6);
    });

    it('returns the revisions of exactly one record, oldest first', async () => {
      const { store } = await setup();
      await store.commit(
        batch({
          envelopes: [
            env('incident', 'a', 10),
            env('incident', 'ab', 1),
            env('person', 'a', 1),
            env('incident', 'a', 2),
          ],
        }),
      );
      await store.commit(batch({ envelopes: [env('incident', 'a', 1)] }));
      expect(await store.getRevisions('incident', 'a')).toEqual([
        env('incident', 'a', 1),
        env('incident', 'a', 2),
        env('incident', 'a', 10),
      ]);
    });

    it('writes several chunks at once, refusing them all for a committed blob', async () => {
      const { store } = await setup();
      await store.putChunks('b1', [
        { index: 0, bytes: bytes(1) },
        { index: 1, bytes: bytes(2) },
        { index: 2, bytes: bytes(3) },
      ]);
      expect(await store.countChunks('b1')).toBe(3);
      expect(await store.getChunk('b1', 2)).toEqual(bytes(3));
      await store.commit(batch({ commitBlobs: ['b1'] }));
      await expect(store.putChunks('b1', [{ index: 3, bytes: bytes(4) }])).rejects.toBeInstanceOf(
        StoreConflictError,
      );
      expect(await store.countChunks('b1')).toBe(3);
    });

    it('reads the last log entry alone, by numeric seq', async () => {
      const { store } = await setup();
      expect(await store.lastLogEntry()).toBeUndefined();
      await store.commit(batch({ log: [logEntry(2), logEntry(10)] }));
      await store.commit(batch({ log: [logEntry(9)] }));
      expect(await store.lastLogEntry()).toEqual(logEntry(10));
    });

    it('reads the log in numeric seq order', async () => {
      const { store } = await setup();
      await store.commit(batch({ log: [logEntry(10), logEntry(2)] }));
      await store.commit(batch({ log: [logEntry(1)] }));
      expect((await store.readLog()).map((e) => e.seq)).toEqual([1, 2, 10]);
    });

    it('keeps two devices’ entries with the same seq, and v1 entries beside them', async () => {
      const { store } = await setup();
      await store.commit(batch({ log: [logEntry(0), logEntry(1), deviceEntry('phone', 2)] }));
      await store.commit(batch({ log: [deviceEntry('laptop', 0), deviceEntry('laptop', 1)] }));
      await store.commit(batch({ log: [deviceEntry('phone', 3)] }));
      // (chain, seq) order: the v1 chain '' first, then each device by id.
      expect(await store.readLog()).toEqual([
        logEntry(0),
        logEntry(1),
        deviceEntry('laptop', 0),
        deviceEntry('laptop', 1),
        deviceEntry('phone', 2),
        deviceEntry('phone', 3),
      ]);
      expect(await store.lastLogEntry('phone')).toEqual(deviceEntry('phone', 3));
      expect(await store.lastLogEntry('laptop')).toEqual(deviceEntry('laptop', 1));
      // A device with no chain yet (a v1 casebook about to be upgraded) gets the v1 tip.
      expect(await store.lastLogEntry('tablet')).toEqual(logEntry(1));
      expect(await store.lastLogEntry()).toEqual(logEntry(1));
    });

    it('refuses the same (device, seq) twice, from the store or inside one batch', async () => {
      const { store } = await setup();
      await store.commit(batch({ log: [deviceEntry('laptop', 0)] }));
      const again = store.commit(
        batch({ envelopes: [env('incident', 'a', 1)], log: [deviceEntry('laptop', 0)] }),
      );
      await expect(again).rejects.toMatchObject({ name: 'StoreConflictError', store: 'log' });
      const twice = store.commit(batch({ log: [deviceEntry('pc', 0), deviceEntry('pc', 0)] }));
      await expect(twice).rejects.toMatchObject({ store: 'log' });
      expect(await store.readLog()).toEqual([deviceEntry('laptop', 0)]);
      expect(await store.listEnvelopes()).toEqual([]);
    });

    it('keeps another device’s revision beside the one at its (kind, id, rev)', async () => {
      const { store } = await setup();
      expect(await store.listSides()).toEqual([]);
      await store.commit(batch({ envelopes: [env('incident', 'a', 2)] }));
      await store.commit(
        batch({
          log: [deviceEntry('laptop', 0)],
          sides: [side('laptop', 'incident', 'a', 2), side('laptop', 'note', 'n', 1)],
        }),
      );
      await store.commit(batch({ sides: [side('desk', 'incident', 'a', 2)] }));
      expect(await store.getRevisions('incident', 'a')).toEqual([env('incident', 'a', 2)]);
      expect(await store.listSides()).toEqual([
        side('desk', 'incident', 'a', 2),
        side('laptop', 'incident', 'a', 2),
        side('laptop', 'note', 'n', 1),
      ]);
      expect(await store.listSides('note')).toEqual([side('laptop', 'note', 'n', 1)]);
      // The same device's side twice is a conflict, and nothing of that batch is written.
      const twice = store.commit(
        batch({ log: [deviceEntry('laptop', 1)], sides: [side('laptop', 'incident', 'a', 2)] }),
      );
      await expect(twice).rejects.toMatchObject({ name: 'StoreConflictError', store: 'sides' });
      const inOne = store.commit(
        batch({ sides: [side('x', 'incident', 'b', 1), side('x', 'incident', 'b', 1)] }),
      );
      await expect(inOne).rejects.toMatchObject({ store: 'sides' });
      expect(await store.readLog()).toEqual([deviceEntry('laptop', 0)]);
      expect(await store.listSides()).toHaveLength(3);
    });

    it('writes nothing of a batch holding one existing (kind, id, rev)', async () => {
      const { store } = await setup();
      await putChunks(store, 'kept', 2);
      await store.commit(
        batch({
          envelopes: [env('incident', 'a', 1)],
          log: [logEntry(1)],
          commitBlobs: ['kept'],
          meta: { header: bytes(1) },
        }),
      );
      await putChunks(store, 'new', 1);
      const attempt = store.commit(
        batch({
          envelopes: [env('incident', 'b', 1), env('incident', 'a', 1)],
          log: [logEntry(2)],
          commitBlobs: ['new'],
          purgeBlobs: ['kept'],
          meta: { header: bytes(2) },
        }),
      );
      await expect(attempt).rejects.toBeInstanceOf(StoreConflictError);
      await expect(attempt).rejects.toMatchObject({ store: 'envelopes' });
      expect(await store.listEnvelopes()).toEqual([env('incident', 'a', 1)]);
      expect(await store.readLog()).toEqual([logEntry(1)]);
      expect(await store.listBlobs()).toEqual(['kept']);
      expect(await store.countChunks('kept')).toBe(2);
      expect(await store.getMeta('header')).toEqual(bytes(1));
      // The batch's blob is still uncommitted: the sweep takes it.
      expect(await store.sweepUncommitted()).toEqual(['new']);
    });

    it('writes nothing of a batch holding an existing log seq', async () => {
      const { store } = await setup();
      await store.commit(batch({ log: [logEntry(1)] }));
      const attempt = store.commit(
        batch({ envelopes: [env('incident', 'a', 1)], log: [logEntry(2), logEntry(1)] }),
      );
      await expect(attempt).rejects.toMatchObject({ name: 'StoreConflictError', store: 'log' });
      expect(await store.listEnvelopes()).toEqual([]);
      expect(await store.readLog()).toEqual([logEntry(1)]);
    });

    it('rejects duplicates inside one batch and writes nothing', async () => {
      const { store } = await setup();
      const dupEnvelope = batch({ envelopes: [env('k', 'a', 1), env('k', 'a', 1)] });
      await expect(store.commit(dupEnvelope)).rejects.toBeInstanceOf(StoreConflictError);
      const dupSeq = batch({ envelopes: [env('k', 'b', 1)], log: [logEntry(3), logEntry(3)] });
      await expect(store.commit(dupSeq)).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.listEnvelopes()).toEqual([]);
      expect(await store.readLog()).toEqual([]);
    });

    it('rejects a blob both committed and purged, and invalid keys, writing nothing', async () => {
      const { store } = await setup();
      await putChunks(store, 'b1', 1);
      const both = batch({ log: [logEntry(1)], commitBlobs: ['b1'], purgeBlobs: ['b1'] });
      await expect(store.commit(both)).rejects.toMatchObject({ store: 'blobs' });
      await expect(store.commit(batch({ envelopes: [env('k', 'a', -1)] }))).rejects.toThrow(
        RangeError,
      );
      await expect(store.commit(batch({ log: [logEntry(Number.NaN)] }))).rejects.toThrow(
        RangeError,
      );
      await expect(store.putChunk('b1', 1.5, bytes(1))).rejects.toThrow(RangeError);
      await expect(store.getChunk('b1', -1)).rejects.toThrow(RangeError);
      expect(await store.readLog()).toEqual([]);
      expect(await store.listEnvelopes()).toEqual([]);
      expect(await store.countChunks('b1')).toBe(1);
    });

    it('stores, counts, overwrites and reads chunks of an uncommitted blob', async () => {
      const { store } = await setup();
      await store.putChunk('b1', 0, bytes(1));
      await store.putChunk('b1', 1, bytes(2, 2));
      await store.putChunk('b10', 0, bytes(3));
      await store.putChunk('b1', 1, bytes(4));
      expect(await store.getChunk('b1', 0)).toEqual(bytes(1));
      expect(await store.getChunk('b1', 1)).toEqual(bytes(4));
      expect(await store.getChunk('b1', 2)).toBeUndefined();
      expect(await store.countChunks('b1')).toBe(2);
      expect(await store.countChunks('b10')).toBe(1);
      expect(await store.countChunks('b')).toBe(0);
      expect(await store.listBlobs()).toEqual([]);
    });

    it('commits blobs with their record, then keeps them read-only', async () => {
      const { store } = await setup();
      await putChunks(store, 'b2', 1);
      await putChunks(store, 'b1', 3);
      await store.commit(
        batch({
          envelopes: [env('manifest', 'm1', 1)],
          log: [logEntry(1)],
          commitBlobs: ['b2', 'b1'],
        }),
      );
      expect(await store.listBlobs()).toEqual(['b1', 'b2']);
      expect(await store.getChunk('b1', 2)).toEqual(bytes(2, 3));
      await expect(store.putChunk('b1', 3, bytes(0))).rejects.toMatchObject({ store: 'blobs' });
      await expect(store.putChunk('b1', 0, bytes(0))).rejects.toBeInstanceOf(StoreConflictError);
      await expect(store.discardBlob('b1')).rejects.toBeInstanceOf(StoreConflictError);
      expect(await store.countChunks('b1')).toBe(3);
      expect(await store.getChunk('b1', 0)).toEqual(bytes(0, 1));
    });

    it('refuses to commit a blob whose chunks are missing or have a gap', async () => {
      const { store } = await setup();
      const none = batch({ log: [logEntry(1)], commitBlobs: ['never-written'] });
      await expect(store.commit(none)).rejects.toMatchObject({ store: 'chunks' });
      await store.putChunk('gap', 0, bytes(1));
      await store.putChunk('gap', 2, bytes(1));
      const gap = batch({ log: [logEntry(1)], commitBlobs: ['gap'] });
      await expect(store.commit(gap)).rejects.toMatchObject({ store: 'chunks' });
      expect(await store.readLog()).toEqual([]);
      expect(await store.listBlobs()).toEqual([]);
    });

    it('sweeps only the chunks of uncommitted blobs', async () => {
      const { store } = await setup();
      await putChunks(store, 'kept', 2);
      await store.commit(batch({ commitBlobs: ['kept'] }));
      await putChunks(store, 'z-partial', 2);
      await putChunks(store, 'a-partial', 1);
      expect(await store.sweepUncommitted()).toEqual(['a-partial', 'z-partial']);
      expect(await store.countChunks('z-partial')).toBe(0);
      expect(await store.countChunks('a-partial')).toBe(0);
      expect(await store.countChunks('kept')).toBe(2);
      expect(await store.getChunk('kept', 1)).toEqual(bytes(1, 2));
      expect(await store.sweepUncommitted()).toEqual([]);
    });

    it('discards one uncommitted blob and nothing else', async () => {
      const { store } = await setup();
      await putChunks(store, 'b1', 2);
      await putChunks(store, 'b10', 2);
      await store.discardBlob('b1');
      await store.discardBlob('never-written');
      expect(await store.countChunks('b1')).toBe(0);
      expect(await store.countChunks('b10')).toBe(2);
    });

    it('purges a committed blob in the same commit as its tombstone', async () => {
      const { store } = await setup();
      await putChunks(store, 'b1', 2);
      await putChunks(store, 'b2', 1);
      await store.commit(batch({ log: [logEntry(1)], commitBlobs: ['b1', 'b2'] }));
      await store.commit(
        batch({
          envelopes: [env('manifest', 'm1', 2)],
          log: [logEntry(2)],
          purgeBlobs: ['b1', 'never-written'],
        }),
      );
      expect(await store.listBlobs()).toEqual(['b2']);
      expect(await store.countChunks('b1')).toBe(0);
      expect(await store.getChunk('b1', 0)).toBeUndefined();
      expect(await store.countChunks('b2')).toBe(1);
      expect(await store.readLog()).toEqual([logEntry(1), logEntry(2)]);
      expect(await store.listEnvelopes()).toEqual([env('manifest', 'm1', 2)]);
      // Once purged, the id is an ordinary uncommitted blob again.
      await store.putChunk('b1', 0, bytes(7));
      expect(await store.sweepUncommitted()).toEqual(['b1']);
    });

    it('stores copies: changing given or returned bytes changes nothing stored', async () => {
      const { store } = await setup();
      const chunk = bytes(1, 2, 3);
      const header = bytes(4, 5);
      await store.putChunk('b1', 0, chunk);
      await store.commit(batch({ meta: { header } }));
      chunk.fill(0);
      header.fill(0);
      const readChunk = await store.getChunk('b1', 0);
      const readHeader = await store.getMeta('header');
      readChunk?.fill(9);
      readHeader?.fill(9);
      expect(await store.getChunk('b1', 0)).toEqual(bytes(1, 2, 3));
      expect(await store.getMeta('header')).toEqual(bytes(4, 5));
    });

    it('stores copies of records and only their known fields', async () => {
      const { store } = await setup();
      const given = { ...env('incident', 'a', 1), plaintext: 'canary-7f3a' };
      const entry = { ...logEntry(1), extra: 'canary-7f3a' };
      await store.commit(batch({ envelopes: [given], log: [entry] }));
      given.plaintext = 'changed';
      const [listed] = await store.listEnvelopes();
      const [logged] = await store.readLog();
      expect(listed).toEqual(env('incident', 'a', 1));
      expect(logged).toEqual(logEntry(1));
      expect(JSON.stringify(await store.listEnvelopes())).not.toContain('canary');
      expect(JSON.stringify(await store.readLog())).not.toContain('canary');
      (listed as { id: string }).id = 'mutated';
      expect(await store.getRevisions('incident', 'a')).toEqual([env('incident', 'a', 1)]);
    });

    it('stores only the viewed bytes of a view into a larger buffer', async () => {
      const { store } = await setup();
      const pool = Uint8Array.from([0xca, 0xfe, 1, 2, 3, 0xbe, 0xef]);
      const view = pool.subarray(2, 5);
      // Positive control: cloning a view as it is carries the whole buffer, secrets included.
      expect(structuredClone(view).buffer.byteLength).toBe(pool.byteLength);
      await store.putChunk('b1', 0, view);
      await store.commit(batch({ meta: { header: view } }));
      for (const read of [await store.getChunk('b1', 0), await store.getMeta('header')]) {
        expect(read).toEqual(bytes(1, 2, 3));
        expect(read?.byteOffset).toBe(0);
        expect(read?.buffer.byteLength).toBe(3);
      }
    });

    it('stores chunks as they were when putChunks was called, not as changed after', async () => {
      const { store } = await setup();
      const whole = bytes(1, 2, 3);
      const writing = store.putChunks('b1', [{ index: 0, bytes: whole }]);
      whole[0] = 0xee; // the caller reuses its buffer at once
      await writing;
      expect(await store.getChunk('b1', 0)).toEqual(bytes(1, 2, 3));
    });

    it('refuses every operation after close', async () => {
      const { store } = await setup();
      await store.close();
      const closed = { name: 'StoreUnavailableError', reason: 'closed' };
      await expect(store.listEnvelopes()).rejects.toMatchObject(closed);
      await expect(store.getChunk('b1', 0)).rejects.toMatchObject(closed);
      await expect(store.commit(batch({ log: [logEntry(1)] }))).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      await expect(store.putChunk('b1', 0, bytes(1))).rejects.toMatchObject(closed);
      await expect(store.sweepUncommitted()).rejects.toMatchObject(closed);
    });

    // Only a persistent adapter has anything to reopen; the memory store is not asked to.
    if (options.persistent) {
      it('keeps everything across close and reopen', async () => {
        const { store, reopen } = await setup();
        if (reopen === undefined) throw new Error('a persistent store must offer reopen');
        await putChunks(store, 'b1', 2);
        await putChunks(store, 'b2', 1);
        await store.commit(
          batch({
            envelopes: [env('incident', 'a', 1)],
            log: [logEntry(1), deviceEntry('laptop', 1)],
            sides: [side('laptop', 'incident', 'a', 1)],
            commitBlobs: ['b1'],
            meta: { header: bytes(1, 2) },
          }),
        );
        await store.close();
        const again = await reopen();
        opened.push(again);
        expect(await again.listEnvelopes()).toEqual([env('incident', 'a', 1)]);
        expect(await again.readLog()).toEqual([logEntry(1), deviceEntry('laptop', 1)]);
        expect(await again.listSides()).toEqual([side('laptop', 'incident', 'a', 1)]);
        expect(await again.getMeta('header')).toEqual(bytes(1, 2));
        expect(await again.listBlobs()).toEqual(['b1']);
        expect(await again.getChunk('b1', 1)).toEqual(bytes(1, 2));
        expect(await again.sweepUncommitted()).toEqual(['b2']);
      });
    }
  });
}
