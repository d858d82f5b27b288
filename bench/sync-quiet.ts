/**
 * A no-change `casebook sync` of a large casebook: `npx tsx bench/sync-quiet.ts [records]`
 * (default 10,000). The server runs in this process on 127.0.0.1 (SQLite and files in a
 * temporary directory); the casebook is a real file synced by the real command, its requests
 * counted and timed by a wrapper around the CLI's own fetch. Measured in the same run: the
 * first sync (enrol, push everything); a quiet sync from the cursor (twice, best kept); and, as
 * the reference, the same quiet sync with the cursor taken away (a full pull, as before issue
 * 12's cursor). Whole-command time includes opening the casebook (restore + unlock), which a
 * quiet sync cannot avoid; "network" is the time spent inside requests.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FetchLike } from '@casebook/sync';
import { Vault, writeBackup } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { demoData } from '../apps/cli/src/demo/populate-vault';
import { openVaultCopy } from '../apps/cli/src/open-vault';
import { nodeFetch } from '../apps/cli/src/sync/node-fetch';
import { syncCommand } from '../apps/cli/src/sync/sync-command';
import { buildApp } from '../apps/server/src/app';
import { FsBlobStore } from '../apps/server/src/blobs/fs-blob-store';
import { openDatabase } from '../apps/server/src/db/connect';
import { KDF_FLOOR } from '../packages/vault/src/kdf';

const records = Number(process.argv[2] ?? 10_000);
const passphrase = 'benchmark passphrase of reasonable length';
process.env.CASEBOOK_PASSPHRASE = passphrase;
const dir = await mkdtemp(join(tmpdir(), 'casebook-bench-quiet-'));
const database = await openDatabase(`sqlite:${join(dir, 'meta.sqlite')}`);
const app = await buildApp({
  db: database.db,
  blobs: new FsBlobStore(join(dir, 'chunks')),
  openEnrolment: true,
  limits: { perAddress: 1_000_000, perDevice: 1_000_000, codeAttemptsPerAddress: 1000 },
});
const server = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');

async function gather(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

async function timedSync(casebook: string) {
  let requests = 0;
  let changes = 0;
  let networkMs = 0;
  const fetch: FetchLike = async (url, init) => {
    requests += 1;
    const t = performance.now();
    const answer = await nodeFetch(url, init);
    const bytes = await answer.arrayBuffer();
    networkMs += performance.now() - t;
    if (new URL(url).pathname === '/v1/changes') {
      changes += (JSON.parse(new TextDecoder().decode(bytes)) as { changes: unknown[] }).changes
        .length;
    }
    return { status: answer.status, arrayBuffer: async () => bytes };
  };
  const said: string[] = [];
  const t0 = performance.now();
  const code = await syncCommand(
    { casebook, server, out: `${casebook}.new.casebook`, fetch },
    { out: (l) => said.push(l), err: (l) => said.push(l) },
  );
  const totalMs = Math.round(performance.now() - t0);
  if (code !== 0) throw new Error(said.join('\n'));
  return { totalMs, networkMs: Math.round(networkMs * 10) / 10, requests, changes };
}

try {
  const { vault } = await Vault.create(createMemoryStore(), passphrase, { kdf: KDF_FLOOR });
  for (const incident of demoData({ incidents: records, weeks: 52, seed: 7 }).incidents) {
    await vault.put('incident', incident.id, incident);
  }
  const casebook = join(dir, 'big.casebook');
  await writeFile(casebook, await gather(writeBackup(vault.internals.store)));
  await vault.lock();

  const first = await timedSync(casebook);
  const quiet = [await timedSync(casebook), await timedSync(casebook)];
  const best = quiet.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
  const statePath = `${casebook}.sync.json`;
  const state = JSON.parse(await readFile(statePath, 'utf8'));
  const { cursor, ...withoutCursor } = state;
  await writeFile(statePath, JSON.stringify(withoutCursor));
  const full = await timedSync(casebook);
  const after = await timedSync(casebook);
  // The floor under any sync of this file: opening it (restore to a working copy, unlock).
  const t0 = performance.now();
  const opened = await openVaultCopy(
    casebook,
    join(dir, 'open-only.spool'),
    { out() {}, err() {} },
    {
      refusal: 'x',
      verb: 'x',
      nothing: 'x',
    },
  );
  if (typeof opened === 'number') throw new Error('could not open');
  const openMs = Math.round(performance.now() - t0);
  await opened.close();
  console.log(
    JSON.stringify(
      {
        records,
        first,
        quiet: best,
        quietRuns: quiet,
        fullPullReference: full,
        quietAgain: after,
        openOnlyMs: openMs,
      },
      null,
      2,
    ),
  );
} finally {
  await app.close();
  await database.close();
  await rm(dir, { recursive: true, force: true });
}
