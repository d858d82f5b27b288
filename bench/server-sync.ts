/**
 * Sync server benchmark over real HTTP on 127.0.0.1 (issue 12):
 *   npx tsx bench/server-sync.ts [records]          SQLite + files
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/server-sync.ts [records]
 * Reports: first sync of N records (push from one device, pull on another) — goal ≤ 10 s for
 * 10,000; a no-change sync (one signed request) — goal ≤ 50 ms; 20 devices syncing at once —
 * no errors, p95 latency reported. Bounded: it stops by itself and removes what it wrote.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../apps/server/src/app';
import { FsBlobStore } from '../apps/server/src/blobs/fs-blob-store';
import { openDatabase } from '../apps/server/src/db/connect';
import {
  type DeviceKey,
  newDeviceKey,
  signRequest,
} from '../apps/server/src/protocol/sign-request';

const records = Number(process.argv[2] ?? 10_000);
const dir = await mkdtemp(join(tmpdir(), 'casebook-bench-server-'));
const pgUrl = process.env.BENCH_DATABASE_URL;
const database = await openDatabase(pgUrl ?? `sqlite:${join(dir, 'meta.sqlite')}`);
const app = await buildApp({
  db: database.db,
  blobs: new FsBlobStore(join(dir, 'chunks')),
  openEnrolment: true,
  limits: { perAddress: 1_000_000, perDevice: 1_000_000, codeAttemptsPerAddress: 1000 },
});
const base = await app.listen({ port: 0, host: '127.0.0.1' });

async function call(key: DeviceKey, method: string, path: string, body?: unknown) {
  const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...signRequest(key, { method, authority: new URL(base).host, url: path, body: bytes }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: bytes }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const envelopes = (n: number) =>
  Array.from({ length: n }, () => ({
    id: randomBytes(16).toString('base64url'),
    data: randomBytes(512).toString('base64'),
  }));

async function pairOfDevices() {
  const a = newDeviceKey();
  const b = newDeviceKey();
  await call(a, 'POST', '/v1/enrol', { v: 1, identity: newDeviceKey().keyId });
  const { code } = (await call(a, 'POST', '/v1/link-codes', {})) as { code: string };
  await call(b, 'POST', '/v1/link', { v: 1, code });
  return { a, b };
}

async function pullAll(key: DeviceKey, since = 0) {
  let at = since;
  let count = 0;
  for (;;) {
    const page = (await call(key, 'GET', `/v1/changes?since=${at}`)) as {
      changes: { seq: number }[];
      more: boolean;
    };
    count += page.changes.length;
    at = page.changes.at(-1)?.seq ?? at;
    if (!page.more) return { count, at };
  }
}

try {
  const { a, b } = await pairOfDevices();
  const batches = Array.from({ length: Math.ceil(records / 200) }, (_, i) =>
    envelopes(Math.min(200, records - i * 200)),
  );
  const t0 = performance.now();
  for (const batch of batches) await call(a, 'POST', '/v1/push', { v: 1, envelopes: batch });
  const pushed = performance.now();
  const pulled = await pullAll(b);
  const t1 = performance.now();
  if (pulled.count !== records) throw new Error(`pulled ${pulled.count} of ${records}`);

  const idle: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const s = performance.now();
    await call(b, 'GET', `/v1/changes?since=${pulled.at}`);
    idle.push(performance.now() - s);
  }
  idle.sort((x, y) => x - y);

  const latencies: number[] = [];
  let errors = 0;
  const pairs = await Promise.all(Array.from({ length: 10 }, () => pairOfDevices()));
  const devices = pairs.flatMap((p) => [p.a, p.b]);
  const c0 = performance.now();
  await Promise.all(
    devices.map(async (key) => {
      for (let round = 0; round < 5; round += 1) {
        for (const [method, path, body] of [
          ['POST', '/v1/push', { v: 1, envelopes: envelopes(20) }],
          ['GET', '/v1/changes?since=0', undefined],
        ] as const) {
          const s = performance.now();
          try {
            await call(key, method, path, body);
          } catch {
            errors += 1;
          }
          latencies.push(performance.now() - s);
        }
      }
    }),
  );
  const c1 = performance.now();
  latencies.sort((x, y) => x - y);
  const p = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;

  const engine = database.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite';
  console.log(`engine: ${engine} + files`);
  console.log(
    `first sync of ${records} records: ${((t1 - t0) / 1000).toFixed(2)} s (push ${((pushed - t0) / 1000).toFixed(2)} s, pull ${((t1 - pushed) / 1000).toFixed(2)} s)`,
  );
  console.log(
    `no-change sync (one request): median ${idle[10]?.toFixed(1)} ms, max ${idle[19]?.toFixed(1)} ms`,
  );
  console.log(
    `20 devices at once, ${latencies.length} requests in ${((c1 - c0) / 1000).toFixed(2)} s: errors ${errors}, p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms`,
  );
} finally {
  await app.close();
  await database.close();
  await rm(dir, { recursive: true, force: true });
}
