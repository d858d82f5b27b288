import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromBase64, fromUtf8, toBase64, utf8 } from './encoding';
import { sealEnvelope } from './envelope';
import type { RecordState } from './revision';
import { getSodium } from './sodium';
import {
  compareKeyed,
  openSortHint,
  SORT_HINT_KIND,
  type SortOrder,
  sealSortHint,
  sortHintMetaKey,
  sortInOrder,
} from './sort-hint';
import { newTestVault, PASSPHRASE, testOptions } from './testing/test-vault';
import type { VaultStore } from './types';
import { Vault } from './vault';

/** Newest first by the body's `t`; a tombstone by 0. */
const BY_T: SortOrder = {
  label: 'test-by-t/1',
  keysOf: (s) => [s.deleted ? 0 : Number((s.body as { t?: number }).t ?? 0)],
};

async function unlock(store: VaultStore): Promise<Vault> {
  const opened = await Vault.unlock(store, PASSPHRASE, testOptions());
  if (!opened.ok) throw new Error(opened.message);
  return opened.value;
}

/** A casebook of `n` incidents with t = 0 … n−1, locked, its hint written. */
async function hinted(n: number) {
  const { vault, store } = await newTestVault();
  await vault.createMany(
    Array.from({ length: n }, (_, t) => ({ kind: 'incident', id: `i${t}`, body: { t } })),
  );
  await vault.list('incident');
  expect(await vault.keepSortHint('incident', BY_T)).toBe(true);
  await vault.lock();
  return store;
}

/** Counts the envelopes opened through libsodium's raw decryption (what a batch calls). */
async function countOpens() {
  const raw = (await getSodium()) as unknown as {
    libsodium: { _crypto_aead_xchacha20poly1305_ietf_decrypt: (...a: number[]) => number };
  };
  return vi.spyOn(raw.libsodium, '_crypto_aead_xchacha20poly1305_ietf_decrypt');
}

const idsOf = (states: readonly RecordState[] | undefined) => states?.map((s) => s.id);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sort hint: the first screen without decrypting the whole kind', () => {
  it('gives the first records in order, opening only those (and the hint itself)', async () => {
    const store = await hinted(200);
    const vault = await unlock(store);
    const opens = await countOpens();
    const first = await vault.firstInOrder('incident', BY_T, 10);
    expect(idsOf(first?.states)).toEqual(Array.from({ length: 10 }, (_, i) => `i${199 - i}`));
    expect(first?.total).toBe(200);
    // The hint and the ten first envelopes.
    expect(opens.mock.calls.length).toBe(11);
    opens.mockClear();
    const all = await vault.list('incident');
    // The rest of the kind, the first ten not opened twice.
    expect(opens.mock.calls.length).toBe(190);
    expect(all).toHaveLength(200);
    expect(idsOf(sortInOrder(all, BY_T).slice(0, 10))).toEqual(idsOf(first?.states));
    // The same state objects: what the first screen showed is what the listing holds.
    expect(first?.states.every((s) => all.includes(s))).toBe(true);
    // Positive control: without a first screen, the whole kind opens 200.
    const fresh = await unlock(store);
    opens.mockClear();
    expect(await fresh.list('incident')).toEqual(expect.arrayContaining(all));
    expect(opens.mock.calls.length).toBe(200);
  });

  it('has nothing to offer without a hint, or once the kind is decrypted anyway', async () => {
    const { vault } = await newTestVault();
    await vault.put('incident', 'a', { t: 1 });
    expect(await vault.firstInOrder('incident', BY_T, 10)).toBeUndefined();
    const store = await hinted(30);
    const again = await unlock(store);
    await again.list('incident');
    expect(await again.firstInOrder('incident', BY_T, 10)).toBeUndefined();
  });

  it('decrypts what was saved since the hint: new, edited and deleted records take their place', async () => {
    const store = await hinted(100);
    const vault = await unlock(store);
    await vault.put('incident', 'new', { t: 1000 });
    await vault.put('incident', 'i3', { t: 500 });
    await vault.remove('incident', 'i99', 'Logged twice');
    await vault.lock();
    const next = await unlock(store);
    const opens = await countOpens();
    const first = await next.firstInOrder('incident', BY_T, 4);
    expect(idsOf(first?.states)).toEqual(['new', 'i3', 'i98', 'i97']);
    expect(first?.total).toBe(101);
    // The hint, the three not covered, and the two first that were covered.
    expect(opens.mock.calls.length).toBe(6);
    opens.mockClear();
    const all = await next.list('incident');
    expect(all).toHaveLength(101);
    // None of the five already decrypted is opened again.
    expect(opens.mock.calls.length).toBe(96);
    const edited = all.find((s) => s.id === 'i3');
    expect(edited?.deleted === false && edited.body).toEqual({ t: 500 });
    expect(all.find((s) => s.id === 'i99')?.deleted).toBe(true);
  });

  it('opens every envelope again when the kind was written to between the first screen and the rest', async () => {
    const store = await hinted(50);
    const vault = await unlock(store);
    await vault.firstInOrder('incident', BY_T, 5);
    await vault.put('incident', 'late', { t: 2000 });
    const opens = await countOpens();
    const all = await vault.list('incident');
    // The write dropped the early listing, so the store is read afresh and all 51 are opened.
    expect(all).toHaveLength(51);
    expect(opens.mock.calls.length).toBe(51);
  });

  it('is not used when it was made under another order, moved to another kind or altered', async () => {
    const store = await hinted(60);
    const vault = await unlock(store);
    expect(await vault.firstInOrder('incident', { ...BY_T, label: 'test-by-t/2' }, 5)).toBe(
      undefined,
    );
    const bytes = (await store.getMeta(sortHintMetaKey('incident'))) as Uint8Array;
    const write = (key: string, value: Uint8Array) =>
      store.commit({ envelopes: [], log: [], meta: { [key]: value } });
    // The incident hint under another kind's key: its associated data names the incident.
    await write(sortHintMetaKey('person'), bytes);
    await vault.createMany(
      Array.from({ length: 60 }, (_, t) => ({ kind: 'person', id: `i${t}`, body: { t } })),
    );
    const later = await unlock(store);
    expect(await later.firstInOrder('person', BY_T, 5)).toBeUndefined();
    // The same, renamed to pass the outer check: now its associated data refuses it.
    const env = JSON.parse(fromUtf8(bytes));
    await write(sortHintMetaKey('person'), utf8(JSON.stringify({ ...env, id: 'person' })));
    expect(await (await unlock(store)).firstInOrder('person', BY_T, 5)).toBeUndefined();
    // Sealed for the person slot but saying it orders incidents: its own kind refuses it.
    const ck = later.internals.keys.ck;
    const inner = await openSortHint(ck, 'incident', BY_T.label, bytes);
    const { envelope } = await sealEnvelope(ck, SORT_HINT_KIND, 'person', 1, inner);
    await write(sortHintMetaKey('person'), utf8(JSON.stringify(envelope)));
    expect(await (await unlock(store)).firstInOrder('person', BY_T, 5)).toBeUndefined();
    // Control: a hint made from the persons themselves is used.
    const keeper = await unlock(store);
    await keeper.list('person');
    expect(await keeper.keepSortHint('person', BY_T)).toBe(true);
    expect(await (await unlock(store)).firstInOrder('person', BY_T, 2)).toBeDefined();
    // Control: the incident hint itself still works in the same unlock.
    expect(idsOf((await later.firstInOrder('incident', BY_T, 2))?.states)).toEqual(['i59', 'i58']);
    const ct = fromBase64(env.ct) as Uint8Array;
    ct[10] = (ct[10] as number) ^ 1;
    await write(sortHintMetaKey('incident'), utf8(JSON.stringify({ ...env, ct: toBase64(ct) })));
    await write(sortHintMetaKey('call'), utf8('not json'));
    const third = await unlock(store);
    expect(await third.firstInOrder('incident', BY_T, 5)).toBeUndefined();
    expect(await third.firstInOrder('call', BY_T, 5)).toBeUndefined();
  });

  it('covers an entry only for the very envelope it was made from (its nonce)', async () => {
    const { vault, store } = await newTestVault();
    await vault.createMany(
      Array.from({ length: 20 }, (_, t) => ({ kind: 'incident', id: `i${t}`, body: { t } })),
    );
    await vault.keepSortHint('incident', BY_T);
    const ck = vault.internals.keys.ck;
    const key = sortHintMetaKey('incident');
    const hint = await openSortHint(ck, 'incident', BY_T.label, await store.getMeta(key));
    if (!hint) throw new Error('no hint');
    // A hint that says i0 (same id and revision, another envelope) is the newest of all.
    const lying = { ...hint, nonces: hint.nonces.slice(), keys: hint.keys.slice() };
    const at = hint.ids.indexOf('i0');
    lying.keys[at] = 10_000;
    const forge = async (nonce: string) => {
      lying.nonces[at] = nonce;
      await store.commit({
        envelopes: [],
        log: [],
        meta: { [key]: await sealSortHint(ck, lying) },
      });
      return idsOf((await (await unlock(store)).firstInOrder('incident', BY_T, 2))?.states);
    };
    // Another envelope's nonce: i0 is not covered, so it is decrypted and sorts by its own t.
    expect(await forge('ZZZZZZZZZZZZZZZZ')).toEqual(['i19', 'i18']);
    // Control: with i0's own nonce the lie is taken up to the check of the first record's
    // keys, which refuses the whole hint.
    expect(await forge(hint.nonces[at] as string)).toBeUndefined();
  });

  it('writes the hint only when it would say something new', async () => {
    const store = await hinted(20);
    const vault = await unlock(store);
    await vault.firstInOrder('incident', BY_T, 5);
    expect(await vault.keepSortHint('incident', BY_T)).toBe(false);
    await vault.put('incident', 'i4', { t: 4.5 });
    expect(await vault.keepSortHint('incident', BY_T)).toBe(true);
    expect(await vault.keepSortHint('incident', BY_T)).toBe(false);
    // A fresh unlock that never read the hint still finds it unchanged.
    const next = await unlock(store);
    expect(await next.keepSortHint('incident', BY_T)).toBe(false);
  });

  it('leaves out a record that cannot be read, as list does', async () => {
    const store = await hinted(12);
    const listing = await store.listEnvelopes('incident');
    const victim = listing.find((e) => e.id === 'i11');
    if (!victim) throw new Error('no i11');
    const ct = fromBase64(victim.ct) as Uint8Array;
    ct[0] = (ct[0] as number) ^ 1;
    const broken = { ...victim, id: 'i11', rev: 2, ct: toBase64(ct) };
    await store.commit({ envelopes: [broken], log: [] });
    const vault = await unlock(store);
    const first = await vault.firstInOrder('incident', BY_T, 3);
    expect(idsOf(first?.states)).toEqual(['i10', 'i9', 'i8']);
    expect(first?.total).toBe(11);
    expect((await vault.list('incident')).length).toBe(11);
  });

  it('forgets what it read on lock, and refuses to be used locked', async () => {
    const store = await hinted(20);
    const vault = await unlock(store);
    await vault.firstInOrder('incident', BY_T, 5);
    await vault.lock();
    await expect(vault.firstInOrder('incident', BY_T, 5)).rejects.toThrow(/locked/);
    await expect(vault.keepSortHint('incident', BY_T)).rejects.toThrow(/locked/);
  });

  it('gives the same first page as sorting the whole kind, whatever was saved between unlocks', async () => {
    const used = { runs: 0, hinted: 0 };
    const op = fc.oneof(
      fc.record({ put: fc.integer({ min: 0, max: 30 }), t: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ remove: fc.integer({ min: 0, max: 30 }) }),
      fc.constant({ keep: true as const }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 12 }),
        async (sessions, count) => {
          used.runs++;
          const { vault: first, store } = await newTestVault();
          await first.createMany(
            Array.from({ length: 16 }, (_, i) => ({
              kind: 'incident',
              id: `i${i}`,
              body: { t: i % 7 },
            })),
          );
          await first.list('incident');
          await first.keepSortHint('incident', BY_T);
          await first.lock();
          for (const session of sessions) {
            const vault = await unlock(store);
            const hintedFirst = await vault.firstInOrder('incident', BY_T, count);
            const whole = sortInOrder(await vault.list('incident'), BY_T);
            if (hintedFirst) {
              used.hinted++;
              expect(idsOf(hintedFirst.states)).toEqual(idsOf(whole.slice(0, count)));
              expect(hintedFirst.states.map((s) => s.rev)).toEqual(
                whole.slice(0, count).map((s) => s.rev),
              );
              expect(hintedFirst.total).toBe(whole.length);
            }
            for (const step of session) {
              if ('keep' in step) await vault.keepSortHint('incident', BY_T);
              else if ('put' in step) await vault.put('incident', `i${step.put}`, { t: step.t });
              else {
                const id = `i${step.remove}`;
                const now = await vault.get('incident', id);
                if (now && !now.deleted) await vault.remove('incident', id, 'Test');
              }
            }
            await vault.lock();
          }
        },
      ),
      { numRuns: 25 },
    );
    // The hint was used in most sessions, so the comparison above was really made.
    expect(used.hinted).toBeGreaterThan(used.runs);
  }, 60_000);

  it('names records written with files in one commit by their own envelopes', async () => {
    const { vault, store } = await newTestVault();
    await vault.list('incident');
    const staged = await vault.stageFile(
      (async function* () {
        yield new Uint8Array(3000).fill(9);
      })(),
      { chunkSize: 1024 },
    );
    await vault.createMany(
      Array.from({ length: 30 }, (_, t) => ({ kind: 'incident', id: `i${t}`, body: { t } })),
      { files: [staged] },
    );
    // Kept from the cache the commit filled, without reading the kind again.
    expect(await vault.keepSortHint('incident', BY_T)).toBe(true);
    await vault.lock();
    const next = await unlock(store);
    const opens = await countOpens();
    const first = await next.firstInOrder('incident', BY_T, 3);
    expect(idsOf(first?.states)).toEqual(['i29', 'i28', 'i27']);
    // The hint and three: every record is covered (a wrong nonce would leave all 30 uncovered).
    expect(opens.mock.calls.length).toBe(4);
  });

  it('keeps its envelope kind to itself: no record may be called a sort hint', async () => {
    const { vault } = await newTestVault();
    await expect(async () => vault.put(SORT_HINT_KIND, 'incident', { t: 1 })).rejects.toThrow(
      /reserved/,
    );
    await expect(vault.put('incident', 'a', { t: 1 })).resolves.toBeDefined();
  });

  it('sorts by every key, largest first, then by id', () => {
    const rows = [
      { id: 'b', keys: [1, 2] },
      { id: 'a', keys: [1, 2] },
      { id: 'c', keys: [1, 3] },
      { id: 'd', keys: [2, 0] },
    ];
    expect(rows.sort(compareKeyed).map((r) => r.id)).toEqual(['d', 'c', 'a', 'b']);
  });
});

describe('golden sort hint v1', () => {
  it('opens, byte for byte as first written', async () => {
    const golden = JSON.parse(
      await readFile(new URL('../test/golden/sort-hint-v1.json', import.meta.url), 'utf8'),
    );
    const ck = new Uint8Array(Buffer.from(golden.ckHex, 'hex'));
    const bytes = fromBase64(golden.storedBase64) as Uint8Array;
    expect(golden.metaKey).toBe(sortHintMetaKey('incident'));
    expect(await openSortHint(ck, 'incident', golden.hint.label, bytes)).toEqual(golden.hint);
    // Control: the same bytes under another key do not open.
    expect(await openSortHint(new Uint8Array(32), 'incident', golden.hint.label, bytes)).toBe(
      undefined,
    );
  });
});
