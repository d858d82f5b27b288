/**
 * Unlock benchmark: `npx tsx bench/unlock.ts [incidents]` (default 10,000).
 * Builds a vault of demo incidents in memory, then measures, in the same run:
 *  - the KDF alone (Argon2id, m=64 MiB, t=3: the cost the passphrase buys),
 *  - unlock + decrypt and parse every incident (goal: ≤ 1.0 s beyond the KDF),
 *  - a reference: JSON.parse of the same plaintexts, the floor any design pays.
 */
import { canonicalJson } from '@casebook/core';
import { DEFAULT_KDF, Vault } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { demoData } from '../apps/cli/src/demo/populate-vault';
import { deriveKey, newKdfParams } from '../packages/vault/src/kdf';

const count = Number(process.argv[2] ?? 10_000);
const passphrase = 'benchmark passphrase of reasonable length';
const ms = (t0: number) => performance.now() - t0;

const store = createMemoryStore();
const { vault } = await Vault.create(store, passphrase);
const demo = demoData({ incidents: count, weeks: 52, seed: 7 });
let t0 = performance.now();
for (const incident of demo.incidents) await vault.put('incident', incident.id, incident);
const writeMs = ms(t0);
vault.lock();

const runs = 3;
const kdf: number[] = [];
const unlock: number[] = [];
const reference: number[] = [];
const texts = demo.incidents.map((i) =>
  canonicalJson({ at: '2026-01-01T00:00:00.000Z', deleted: false, body: i }),
);
for (let r = 0; r < runs; r++) {
  const params = await newKdfParams(DEFAULT_KDF);
  t0 = performance.now();
  await deriveKey(passphrase, params);
  kdf.push(ms(t0));

  t0 = performance.now();
  const opened = await Vault.unlock(store, passphrase);
  if (!opened.ok) throw new Error(opened.message);
  const list = await opened.value.list('incident');
  if (list.length !== count) throw new Error(`expected ${count}, got ${list.length}`);
  unlock.push(ms(t0));
  opened.value.lock();

  t0 = performance.now();
  let n = 0;
  for (const text of texts) n += (JSON.parse(text) as { deleted: boolean }).deleted ? 0 : 1;
  if (n !== count) throw new Error('reference miscounted');
  reference.push(ms(t0));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const k = median(kdf);
const u = median(unlock);
const beyond = u - k;
console.log(
  `incidents: ${count} (written in ${(writeMs / 1000).toFixed(1)} s, ${(writeMs / count).toFixed(2)} ms each)`,
);
console.log(`KDF (Argon2id 64 MiB, t=3): ${k.toFixed(0)} ms`);
console.log(
  `unlock + decrypt ${count}: ${u.toFixed(0)} ms → beyond the KDF ${beyond.toFixed(0)} ms (goal ≤ 1000 ms)`,
);
console.log(`reference JSON.parse of the same plaintexts: ${median(reference).toFixed(0)} ms`);
console.log(
  `| ${count} | ${k.toFixed(0)} ms | ${beyond.toFixed(0)} ms | ${median(reference).toFixed(0)} ms | ${beyond <= 1000 ? 'met' : 'NOT met'} |`,
);
