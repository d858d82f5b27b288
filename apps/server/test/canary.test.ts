/**
 * Nothing a person wrote reaches the server in a form it can read. A fresh marker goes into
 * every field and file a client would send (titles, notes, kinds, file names, file bytes);
 * every flow runs; then the SQLite file, its WAL and SHM, a pg_dump, PostgreSQL's data
 * directory and pg_wal (after CHECKPOINT, when TEST_PG_DATA_DIR names it), the chunk store
 * and the server's log lines are scanned raw, as UTF-16 and as base64: zero hits. The same
 * scan first finds the marker when a client sends it unencrypted (the positive control).
 */
import { execFile } from 'node:child_process';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomId, TestDevice } from './client';
import { META_ENGINES } from './engines';
import { type Harness, startServer } from './harness';

const run = promisify(execFile);
// A fresh marker for each pair of engines, so one suite's positive control (which leaves the
// marker in PostgreSQL's shared data directory) cannot be found by the next suite's scan.
let MARKER = '';
let FORMS: Buffer[] = [];
function newMarker() {
  MARKER = `Canary${randomBytes(6).toString('hex')}`;
  FORMS = forms(MARKER);
}

/**
 * The marker as bytes the scan looks for: UTF-8, UTF-16LE, hex (pg_dump writes bytea so) and
 * base64 at each alignment.
 */
function forms(marker: string): Buffer[] {
  const out = [
    Buffer.from(marker, 'utf8'),
    Buffer.from(marker, 'utf16le'),
    Buffer.from(Buffer.from(marker).toString('hex')),
  ];
  for (let shift = 0; shift < 3; shift += 1) {
    const b64 = Buffer.from(`${'..'.slice(0, shift)}${marker}`).toString('base64');
    // Drop the characters that depend on the bytes around the marker.
    out.push(Buffer.from(b64.slice(shift === 0 ? 0 : 4, -4)));
  }
  return out;
}

function hitsIn(bytes: Buffer): number {
  return FORMS.reduce((n, form) => n + (bytes.includes(form) ? 1 : 0), 0);
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    // A database another suite dropped while we walked PostgreSQL's data directory.
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

async function scanFiles(paths: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const path of paths) {
    try {
      if (hitsIn(await readFile(path))) hits.push(path);
    } catch {
      // A file PostgreSQL removed while we walked: nothing to read.
    }
  }
  return hits;
}

function pgBin(name: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort() : [];
  const last = versions[versions.length - 1];
  return last ? join(root, last, 'bin', name) : name;
}

/** A client's stand-in encryption (the vault's is XChaCha20/AES; the server cannot tell). */
function seal(plain: Buffer, key: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}
const pad = (bytes: Buffer) => {
  const out = Buffer.alloc(Math.ceil((bytes.length + 1) / 256) * 256);
  bytes.copy(out);
  return out;
};

/** Every flow a person's devices run, with the marker in everything they would send. */
async function everyFlow(server: Harness, encrypt: boolean) {
  const key = randomBytes(32);
  const wrap = (plain: Buffer) => pad(encrypt ? seal(plain, key) : plain);
  const phone = new TestDevice(server.app);
  const laptop = new TestDevice(server.app);
  expect((await phone.send('POST', '/v1/enrol', { v: 1 })).status).toBe(201);
  const code = (await phone.send('POST', '/v1/link-codes', {})).json.code;
  expect((await laptop.send('POST', '/v1/link', { v: 1, code })).status).toBe(201);
  const record = (n: number) =>
    Buffer.from(
      JSON.stringify({
        kind: `incident ${MARKER}`,
        title: `${MARKER} followed me home ${n}`,
        notes: `${MARKER} `.repeat(20),
        file: { name: `${MARKER}-photo.jpg`, type: 'image/jpeg' },
      }),
    );
  const envelopes = [1, 2, 3].map((n) => ({
    id: randomId(),
    data: wrap(record(n)).toString('base64'),
  }));
  expect((await phone.send('POST', '/v1/push', { v: 1, envelopes })).status).toBe(200);
  expect((await phone.send('POST', '/v1/push', { v: 1, envelopes })).status).toBe(200);
  const edit = { id: randomId(), data: wrap(record(4)).toString('base64') };
  expect((await laptop.send('POST', '/v1/push', { v: 1, envelopes: [edit] })).status).toBe(200);
  const file = Buffer.from(`${MARKER} photo bytes `.repeat(2000));
  const chunkId = randomId();
  expect((await phone.send('PUT', `/v1/chunks/${chunkId}`, wrap(file))).status).toBe(201);
  await laptop.send('POST', '/v1/chunks/missing', { v: 1, ids: [chunkId] });
  expect((await laptop.send('GET', `/v1/chunks/${chunkId}`)).status).toBe(200);
  expect((await laptop.send('GET', '/v1/changes?since=0')).json.changes).toHaveLength(4);
  const hashes = [0, 1, 2].map((n) => createHash('sha256').update(`e${n}`).digest('hex'));
  const checkpoint = Buffer.from(
    JSON.stringify({ v: 2, case: randomId(), device: randomId(), seq: 2 }),
  );
  const posted = await phone.send('POST', '/v1/checkpoints', {
    v: 1,
    chain: randomId(),
    seq: 2,
    head: hashes[2],
    from: 0,
    hashes,
    checkpoint: checkpoint.toString('base64'),
  });
  expect(posted.status).toBe(201);
  expect((await laptop.send('GET', '/v1/checkpoints')).status).toBe(200);
  expect((await phone.send('GET', `/v1/nothing-${MARKER}`)).status).toBe(404);
  expect((await laptop.send('DELETE', `/v1/devices/${laptop.key.keyId}`)).status).toBe(200);
}

/** Everything the server wrote, scanned: which places hold the marker. */
async function scanServer(server: Harness, metaEngine: string): Promise<string[]> {
  const hits: string[] = [];
  if (metaEngine === 'sqlite') {
    const files = (await filesUnder(server.meta.dir)).filter((f) => f.includes('meta.sqlite'));
    expect(files.map((f) => f.replace(/.*meta\.sqlite/, 'meta.sqlite')).sort()).toEqual([
      'meta.sqlite',
      'meta.sqlite-shm',
      'meta.sqlite-wal',
    ]);
    hits.push(...(await scanFiles(files)).map(() => 'sqlite'));
  } else {
    const url = server.meta.dir;
    const dump = await run(pgBin('pg_dump'), ['--dbname', url], {
      maxBuffer: 256 * 1024 * 1024,
      encoding: 'buffer',
    });
    expect(dump.stdout.length).toBeGreaterThan(1000);
    if (hitsIn(dump.stdout)) hits.push('pg_dump');
    const dataDir = process.env.TEST_PG_DATA_DIR;
    if (dataDir) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('checkpoint');
      await client.end();
      const files = await filesUnder(dataDir);
      expect(files.some((f) => f.includes('pg_wal'))).toBe(true);
      hits.push(
        ...(await scanFiles(files)).map((f) => (f.includes('pg_wal') ? 'pg_wal' : 'pg_data')),
      );
    } else if (process.env.CI === 'true') {
      throw new Error('TEST_PG_DATA_DIR must be set in CI so the canary scans PostgreSQL’s files.');
    }
  }
  hits.push(...(await scanFiles(await filesUnder(server.blobs.dir))).map(() => 'blobs'));
  if (hitsIn(Buffer.from(server.logs.join('')))) hits.push('logs');
  return [...new Set(hits)].sort();
}

const pairs = META_ENGINES.flatMap((m) => (['fs', 's3'] as const).map((b) => [m, b] as const));

describe.each(pairs)('canary on %s + %s', (metaEngine, blobEngine) => {
  const servers: Harness[] = [];
  beforeAll(newMarker);
  afterAll(async () => {
    for (const server of servers) await server.close();
  });

  it('the scan reads every form of the marker (positive control of the encodings)', () => {
    const inside = (s: Buffer) => Buffer.concat([randomBytes(7), s, randomBytes(5)]);
    expect(hitsIn(inside(Buffer.from(`x${MARKER}y`, 'utf16le')))).toBeGreaterThan(0);
    for (const prefix of ['', 'a', 'ab']) {
      expect(
        hitsIn(inside(Buffer.from(Buffer.from(`${prefix}${MARKER}!`).toString('base64')))),
      ).toBeGreaterThan(0);
    }
    expect(hitsIn(randomBytes(100_000))).toBe(0);
  });

  it('finds it nowhere when the client encrypts, as it always does (scanned before the control runs)', async () => {
    const server = await startServer(metaEngine, blobEngine, { openEnrolment: true });
    servers.push(server);
    await everyFlow(server, true);
    expect(await scanServer(server, metaEngine)).toEqual([]);
  });

  it('finds the marker everywhere when a client sends it in clear (positive control)', async () => {
    const server = await startServer(metaEngine, blobEngine, { openEnrolment: true });
    servers.push(server);
    await everyFlow(server, false);
    server.app.log.info({ note: MARKER }, 'a line the scan must see');
    const expected =
      metaEngine === 'sqlite'
        ? ['blobs', 'logs', 'sqlite']
        : [
            'blobs',
            'logs',
            'pg_dump',
            ...(process.env.TEST_PG_DATA_DIR ? ['pg_data', 'pg_wal'] : []),
          ];
    expect(await scanServer(server, metaEngine)).toEqual(expect.arrayContaining(expected));
  });
});
