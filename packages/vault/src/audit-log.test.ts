import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from './encoding';
import { CHECKPOINT_META_KEY } from './log/checkpoint';
import { createMemoryStore } from './store/memory-store';
import { newTestVault, PASSPHRASE, testOptions } from './testing/test-vault';
import type { Base64, StoredLogEntry, VaultStore } from './types';
import { Vault } from './vault';
import { HEADER_META_KEY } from './vault-header';

/** A vault with a log of 1 + 6 entries, and a way to rebuild it with a doctored log. */
async function vaultWithLog() {
  const { vault, store } = await newTestVault();
  for (let i = 0; i < 3; i++) await vault.put('incident', `i${i}`, { whatHappened: `event ${i}` });
  await vault.put('incident', 'i0', { whatHappened: 'event 0, corrected' });
  await vault.put('person', 'p', { names: ['Unknown man'] });
  await vault.remove('incident', 'i2', 'Duplicate');
  return { vault, store };
}

/** Copies the store with the log replaced, then opens it. */
async function withLog(
  store: VaultStore,
  log: StoredLogEntry[],
  envelopes?: Awaited<ReturnType<VaultStore['listEnvelopes']>>,
) {
  const copy = createMemoryStore();
  await copy.commit({
    envelopes: envelopes ?? (await store.listEnvelopes()),
    log,
    meta: {
      [HEADER_META_KEY]: (await store.getMeta(HEADER_META_KEY)) as Uint8Array,
      [CHECKPOINT_META_KEY]: (await store.getMeta(CHECKPOINT_META_KEY)) as Uint8Array,
    },
  });
  const opened = await Vault.unlock(copy, PASSPHRASE, testOptions());
  if (!opened.ok) throw new Error(opened.message);
  return opened.value.verify();
}

function flip(b64: string, at: number): Base64 {
  const bytes = fromBase64(b64) as Uint8Array;
  bytes[at] = (bytes[at] as number) ^ 0x80;
  return toBase64(bytes);
}

describe('audit log verification', () => {
  it('passes an untouched casebook (positive control)', async () => {
    const { store } = await vaultWithLog();
    const report = await withLog(store, await store.readLog());
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it.each([1, 3, 6])('names entry %i when it is edited', async (k) => {
    const { store } = await vaultWithLog();
    const log = await store.readLog();
    const target = log[k] as StoredLogEntry;
    log[k] = { ...target, env: { ...target.env, ct: flip(target.env.ct, 5) } };
    const report = await withLog(store, log);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ seq: k, where: `audit log entry ${k}` });
  });

  it.each([1, 4])('names entry %i when it is removed', async (k) => {
    const { store } = await vaultWithLog();
    const log = (await store.readLog()).filter((e) => e.seq !== k);
    // Re-number nothing: the gap itself must be caught.
    const report = await withLog(store, log);
    expect(report.problems[0]).toMatchObject({ seq: k });
    expect(report.problems[0]?.message).toMatch(/missing or out of order/);
  });

  it('names the first of two reordered entries', async () => {
    const { store } = await vaultWithLog();
    const log = await store.readLog();
    [log[2], log[3]] = [log[3] as StoredLogEntry, log[2] as StoredLogEntry];
    // Stored under each other's seq, as a crude reorder would do.
    const swapped = log.map((e, i) => ({ ...e, seq: i }));
    const report = await withLog(store, swapped);
    expect(report.problems[0]).toMatchObject({ seq: 2 });
  });

  it('catches a replaced hash and a forged signature at that entry', async () => {
    const { store } = await vaultWithLog();
    const log = await store.readLog();
    const e = log[2] as StoredLogEntry;
    const badHash = [...log];
    badHash[2] = { ...e, h: `${e.h.slice(0, 63)}${e.h.endsWith('0') ? '1' : '0'}` as typeof e.h };
    expect((await withLog(store, badHash)).problems[0]).toMatchObject({ seq: 2 });
    const badSig = [...log];
    badSig[2] = { ...e, sig: flip(e.sig, 10) };
    const report = await withLog(store, badSig);
    expect(report.problems[0]).toMatchObject({ seq: 2 });
    expect(report.problems[0]?.message).toMatch(/not signed/);
  });

  it('catches a log entry moved to another seq (re-numbered)', async () => {
    const { store } = await vaultWithLog();
    const log = await store.readLog();
    const moved = log.map((e) => (e.seq === 3 ? { ...e, seq: 4 } : e)).filter((_e, i) => i !== 4);
    const report = await withLog(store, moved);
    expect(report.problems[0]).toMatchObject({ seq: 3 });
  });

  it('catches a record revision removed, altered or added outside Casebook', async () => {
    const { store } = await vaultWithLog();
    const log = await store.readLog();
    const envelopes = await store.listEnvelopes();
    const removed = envelopes.filter(
      (e) => !(e.kind === 'incident' && e.id === 'i0' && e.rev === 2),
    );
    const r1 = await withLog(store, log, removed);
    expect(r1.problems.map((p) => p.message).join('\n')).toMatch(
      /incident i0 revision 2 is missing/,
    );

    const altered = envelopes.map((e) => (e.id === 'p' ? { ...e, ct: flip(e.ct, 3) } : e));
    const r2 = await withLog(store, log, altered);
    expect(r2.problems[0]?.where).toBe('person p revision 1');

    const extra = [...envelopes, { ...(envelopes[0] as (typeof envelopes)[number]), rev: 9 }];
    const r3 = await withLog(store, log, extra);
    expect(r3.ok).toBe(false);
  });
});
