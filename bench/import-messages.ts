/**
 * Importing 10,000 messages into a casebook in Node: a WhatsApp export parsed, planned (new keys
 * only, each record zod-checked) and written in one commit with its own signed audit entry per
 * message, into the memory store and into the spool store on disk (the CLI's), then verified.
 * Run: npx tsx bench/import-messages.ts [messages]   (default 10000)
 * Goal (issue #11): ≤ 10 s from the export's text to records written, logged and signed.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EvidenceId, planImport, type Random } from '../packages/core/src/index';
import { parseWhatsApp } from '../packages/importers/src/messages/parse-whatsapp';
import {
  type WrittenMessage,
  writeWhatsApp,
} from '../packages/importers/src/messages/testing/whatsapp-writer';
import { KDF_FLOOR } from '../packages/vault/src/kdf';
import { createMemoryStore } from '../packages/vault/src/store/memory-store';
import { createSpoolStore } from '../packages/vault/src/store/spool-store';
import type { VaultStore } from '../packages/vault/src/types';
import { Vault } from '../packages/vault/src/vault';

const count = Number(process.argv[2] ?? 10_000);
if (!Number.isInteger(count) || count < 1) throw new Error('messages must be a whole number ≥ 1');
const random: Random = { bytes: (n) => new Uint8Array(randomBytes(n)) };

const local = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const written: WrittenMessage[] = [];
let clock = Date.UTC(2026, 0, 4, 9, 0);
for (let n = 0; n < count; n++) {
  clock += (n % 11) * 60_000;
  const sender = n % 4 === 0 ? 'Alex Morgan' : 'Sam Carter';
  written.push({ local: local(clock), sender, text: `message ${n}: I know where you are tonight` });
}
const text = writeWhatsApp(written, {
  platform: 'android',
  order: 'day-first',
  clock: '24h',
  year: 4,
  separator: '/',
});

async function once(label: string, store: VaultStore) {
  const { vault } = await Vault.create(store, 'bench passphrase, not a secret', { kdf: KDF_FLOOR });
  const t0 = performance.now();
  const parsed = parseWhatsApp(text, { zone: 'Europe/London' });
  if (!parsed.ok) throw new Error('the bench chat did not parse');
  const t1 = performance.now();
  const plan = planImport({
    messages: parsed.value.messages,
    calls: parsed.value.calls,
    exhibit: { evidenceId: 'E'.repeat(22) as EvidenceId, exhibitRef: 'AB/1' },
    parties: { responsible: ['Sam Carter'] },
    known: new Set(),
    random,
  });
  const t2 = performance.now();
  await vault.createMany(plan.records);
  const t3 = performance.now();
  const report = await vault.verify();
  const t4 = performance.now();
  if (!report.ok) throw new Error('verify found problems');
  const log = await vault.auditLog();
  const creates = log.filter((e) => e.op === 'create' && e.kind === 'imported-message').length;
  if (creates !== count) throw new Error(`${creates} create entries for ${count} messages`);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `${label}: ${count.toLocaleString('en-GB')} messages — parse ${s(t1 - t0)}, plan ${s(t2 - t1)}, write+log+sign ${s(t3 - t2)}; total ${s(t3 - t0)} (verify afterwards ${s(t4 - t3)}); ${creates} signed create entries`,
  );
  await vault.lock();
  await store.close();
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
await once('memory store', createMemoryStore());
const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-import-'));
try {
  await once('spool store (disk)', await createSpoolStore(join(dir, 'bench.spool')));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
