/**
 * Taking in another device's changes: `npx tsx bench/sync-apply.ts [records]` (default 2,000).
 * A casebook and a second device of it (`sync.copyToNewDevice`), in memory; the second writes
 * `records` incidents (one signed entry each), sealed as sync envelopes. Measured in the same
 * run: check (open, walk both chains, match every revision to its entry) + apply (one commit);
 * the same pull applied again (nothing to store); and, as the reference, `verify` of the
 * result, which walks the same chains and hashes the same revisions.
 */
import { sync, Vault } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { demoData } from '../apps/cli/src/demo/populate-vault';
import { KDF_FLOOR } from '../packages/vault/src/kdf';

const count = Number(process.argv[2] ?? 2_000);
const passphrase = 'benchmark passphrase of reasonable length';
const ms = (t0: number) => Math.round(performance.now() - t0);

const { vault: phone } = await Vault.create(createMemoryStore(), passphrase, { kdf: KDF_FLOOR });
const laptopStore = createMemoryStore();
const made = await sync.copyToNewDevice(phone, laptopStore);
if (!made.ok) throw new Error(made.message);
const opened = await Vault.unlock(laptopStore, passphrase);
if (!opened.ok) throw new Error(opened.message);
const laptop = opened.value;
for (const incident of demoData({ incidents: count, weeks: 52, seed: 7 }).incidents) {
  await laptop.put('incident', incident.id, incident);
}
const changes = await sync.outgoingChanges(laptop.internals, new Set());
const sealed = await Promise.all(
  changes.map((c) => sync.sealSyncEnvelope(phone.internals.keys.ck, c.change)),
);

let t0 = performance.now();
const checked = await sync.checkIncoming(phone.internals, sealed);
if (!checked.ok) throw new Error(checked.message);
const checkMs = ms(t0);
t0 = performance.now();
const applied = await sync.applyIncoming(phone.internals, checked.value);
const applyMs = ms(t0);
t0 = performance.now();
const again = await sync.checkIncoming(phone.internals, sealed);
if (!again.ok) throw new Error(again.message);
const twice = await sync.applyIncoming(phone.internals, again.value);
const againMs = ms(t0);
t0 = performance.now();
const report = await phone.verify();
const verifyMs = ms(t0);

console.log(
  JSON.stringify({
    records: count,
    envelopes: sealed.length,
    applied,
    twice,
    checkMs,
    applyMs,
    againMs,
    verifyMs,
    verifyOk: report.ok,
    listed: (await phone.list('incident')).length,
  }),
);
