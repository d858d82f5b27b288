import { describe, expect, it } from 'vitest';
import { createMemoryStore } from './store/memory-store';
import { newTestVault, PASSPHRASE, testOptions } from './testing/test-vault';
import type { Envelope, VaultStore } from './types';
import { type ReadAhead, readAhead } from './unlock-read-ahead';
import { Vault } from './vault';

/** A store that counts the listings read from it. */
function counted(store: VaultStore) {
  const lists: string[] = [];
  const wrapped: VaultStore = {
    ...store,
    listEnvelopes(kind) {
      lists.push(String(kind));
      return store.listEnvelopes(kind);
    },
  };
  return { store: wrapped, lists };
}

async function seeded() {
  const { vault, store } = await newTestVault();
  await vault.put('incident', 'a', { whatHappened: 'Outside the gym' });
  await vault.put('incident', 'b', { whatHappened: 'Texted at 3am' });
  await vault.put('incident', 'a', { whatHappened: 'Outside the gym, in the red car' });
  vault.lock();
  return store;
}

async function unlockWith(store: VaultStore, ahead: ReadAhead): Promise<Vault> {
  const opened = await Vault.unlock(store, PASSPHRASE, { ...testOptions(), readAhead: ahead });
  if (!opened.ok) throw new Error(opened.message);
  return opened.value;
}

const ids = async (vault: Vault) =>
  (await vault.list('incident')).map((s) => `${s.id}@${s.rev}`).sort();

/** The same read ahead with its incident listing swapped for `listing`. */
const withListing = (ahead: ReadAhead, listing: Envelope[]): ReadAhead => ({
  ...ahead,
  listings: new Map([['incident', Promise.resolve(listing)]]),
});

describe('unlock with what was read before the passphrase', () => {
  it('uses the listing read ahead when nothing changed: the store is not listed again', async () => {
    const w = counted(await seeded());
    const ahead = readAhead(w.store, ['incident']);
    await ahead.listings.get('incident');
    expect(w.lists).toEqual(['incident']);
    const vault = await unlockWith(w.store, ahead);
    expect(await ids(vault)).toEqual(['a@2', 'b@1']);
    expect(w.lists).toEqual(['incident']);
  });

  it('positive control: a listing that passes the checks is what the timeline shows', async () => {
    // Proves the tests below can see a stale listing being used: this one has the right count,
    // header and tip, but holds revision 1 of `a` twice over instead of revisions 1 and 2.
    const store = await seeded();
    const ahead = readAhead(store, ['incident']);
    const real = (await ahead.listings.get('incident')) ?? [];
    const a1 = real.find((e) => e.id === 'a' && e.rev === 1);
    if (!a1) throw new Error('no revision 1 of a');
    const forged = real.map((e) => (e.id === 'a' ? a1 : e));
    expect(forged).toHaveLength(real.length);
    const vault = await unlockWith(store, withListing(ahead, forged));
    expect(await ids(vault)).toEqual(['a@1', 'b@1']);
  });

  it('reads again when a record was saved since (another tab)', async () => {
    const w = counted(await seeded());
    const ahead = readAhead(w.store, ['incident']);
    await ahead.listings.get('incident');
    const other = await Vault.unlock(w.store, PASSPHRASE, testOptions());
    if (!other.ok) throw new Error(other.message);
    await other.value.put('incident', 'c', { whatHappened: 'At the school gate' });
    other.value.lock();
    const vault = await unlockWith(w.store, ahead);
    expect(await ids(vault)).toEqual(['a@2', 'b@1', 'c@1']);
    expect(w.lists).toEqual(['incident', 'incident']);
  });

  it('reads again when an envelope arrived without this device writing its log (sync)', async () => {
    const store = await seeded();
    const ahead = readAhead(store, ['incident']);
    const listed = (await ahead.listings.get('incident')) ?? [];
    const b = listed.find((e) => e.id === 'b');
    if (!b) throw new Error('no b');
    // Another device's revision, as a sync stores it: no entry on this device's chain.
    await store.commit({ envelopes: [{ ...b, rev: 2 }], log: [] });
    const vault = await unlockWith(store, ahead);
    // It does not decrypt (it was copied from revision 1), so b shows as unreadable: the new
    // revision was seen. With the stale listing b would have shown at revision 1.
    expect(await ids(vault)).toEqual(['a@2']);
    expect(vault.unreadable('incident')).toEqual([{ kind: 'incident', id: 'b', rev: 2 }]);
  });

  it('each check alone makes it read again: count, header, tip', async () => {
    const store = await seeded();
    const ahead = readAhead(store, ['incident']);
    const real = (await ahead.listings.get('incident')) ?? [];
    const short = real.filter((e) => !(e.id === 'a' && e.rev === 2));
    const a1 = real.find((e) => e.id === 'a' && e.rev === 1);
    if (!a1) throw new Error('no revision 1 of a');
    const forged = real.map((e) => (e.id === 'a' ? a1 : e));
    const header = (await ahead.header) ?? new Uint8Array();
    const tip = await ahead.tip;
    if (!tip) throw new Error('no tip');

    const cases: [string, ReadAhead][] = [
      ['count', withListing(ahead, short)],
      ['header', { ...withListing(ahead, forged), header: Promise.resolve(header.slice(0, -1)) }],
      ['no header', { ...withListing(ahead, forged), header: Promise.resolve(undefined) }],
      [
        'tip',
        { ...withListing(ahead, forged), tip: Promise.resolve({ ...tip, seq: tip.seq - 1 }) },
      ],
      [
        'tip hash',
        {
          ...withListing(ahead, forged),
          tip: Promise.resolve({ ...tip, h: tip.h.replace(/^./, 'x') as typeof tip.h }),
        },
      ],
      [
        'failed read',
        { ...ahead, listings: new Map([['incident', Promise.reject(new Error('gone'))]]) },
      ],
    ];
    for (const [what, stale] of cases) {
      const vault = await unlockWith(store, stale);
      expect({ what, ids: await ids(vault) }).toEqual({ what, ids: ['a@2', 'b@1'] });
      vault.lock();
    }
  });

  it('a wrong passphrase leaves it usable for the next attempt', async () => {
    const w = counted(await seeded());
    const ahead = readAhead(w.store, ['incident']);
    const wrong = await Vault.unlock(w.store, 'not the passphrase at all', {
      ...testOptions(),
      readAhead: ahead,
    });
    expect(wrong.ok).toBe(false);
    // The wrong attempt was noted (meta only): the listing still stands.
    const vault = await unlockWith(w.store, ahead);
    expect(await ids(vault)).toEqual(['a@2', 'b@1']);
    expect(w.lists).toEqual(['incident']);
  });

  it('lists nothing where there is no casebook yet', async () => {
    const w = counted(createMemoryStore());
    const ahead = readAhead(w.store, ['incident']);
    expect(await ahead.listings.get('incident')).toEqual([]);
    expect(await ahead.tip).toBeUndefined();
    expect(w.lists).toEqual([]);
  });
});
