/**
 * `casebook sync` and `casebook verify --server` against the real server, a process of its own
 * on a real port (SQLite and files in a temporary directory): enrol, send, send again (nothing
 * twice), the history confirmed; an older copy after a newer one is refused and said plainly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from './io';
import { main } from './main';
import { freePort } from './testing/free-port';

const PASS = 'a demo passphrase for tests';
const PORT = Number(process.env.SYNC_TEST_PORT ?? (await freePort()));
const SERVER = `http://127.0.0.1:${PORT}`;
const ROOT = new URL('../../../', import.meta.url).pathname;
const FIXTURE_JPEG = join(ROOT, 'fixtures/images/img_1771.jpg');

async function run(...argv: string[]) {
  const lines = { out: [] as string[], err: [] as string[] };
  const output: Output = { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) };
  const code = await main(argv, output);
  return { code, out: lines.out.join('\n'), err: lines.err.join('\n') };
}

const PG_URL = process.env.TEST_DATABASE_URL;
const ENGINES = PG_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);

let dir = '';
let server: ChildProcess | undefined;
let engine: 'sqlite' | 'postgres' = 'sqlite';
let pgDatabase = '';

async function pgAdmin<T>(use: (client: pg.Client) => Promise<T>, url = PG_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function pgUrlOf(name: string): string {
  const url = new URL(PG_URL ?? '');
  url.pathname = `/${name}`;
  return url.toString();
}

/** How many envelopes the server keeps for a space, read from its own database. */
async function envelopesIn(space: string): Promise<number> {
  if (engine === 'postgres') {
    return pgAdmin(async (c) => {
      const r = await c.query('select count(*)::int as n from envelopes where space_id = $1', [
        space,
      ]);
      return r.rows[0].n as number;
    }, pgUrlOf(pgDatabase));
  }
  const db = new Database(join(dir, 'server-data', 'casebook.sqlite'), { readonly: true });
  try {
    return (
      db.prepare('select count(*) as n from envelopes where space_id = ?').get(space) as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
}

async function startServer(): Promise<void> {
  process.env.CASEBOOK_PASSPHRASE = PASS;
  dir = await mkdtemp(join(tmpdir(), 'casebook-sync-'));
  if (engine === 'postgres') {
    pgDatabase = `cb_cli_${randomBytes(6).toString('hex')}`;
    await pgAdmin((c) => c.query(`create database ${pgDatabase}`));
  }
  server = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'apps/server/src/main.ts')], {
    env: {
      ...Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'S3_BUCKET'].includes(k)),
      ),
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: join(dir, 'server-data'),
      OPEN_ENROLMENT: '1',
      ...(engine === 'postgres' ? { DATABASE_URL: pgUrlOf(pgDatabase) } : {}),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let said = '';
    server?.stderr?.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('Casebook server on')) resolve();
    });
    server?.on('exit', (code) => reject(new Error(`server exited ${code}: ${said}`)));
  });
}

async function stopServer(): Promise<void> {
  delete process.env.CASEBOOK_PASSPHRASE;
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
  if (engine === 'postgres') {
    await pgAdmin((c) => c.query(`drop database if exists ${pgDatabase} with (force)`));
  }
}

describe.each(ENGINES)('casebook sync, the server on %s', (which) => {
  beforeAll(async () => {
    engine = which;
    await startServer();
  }, 60_000);
  afterAll(stopServer);

  it('enrols, sends each change once, has the history confirmed, and verify agrees', async () => {
    const casebook = join(dir, 'mine.casebook');
    expect((await run('demo', casebook, '--incidents', '6', '--weeks', '1')).code).toBe(0);
    const before = await readFile(casebook);

    const first = await run('sync', casebook, '--server', SERVER);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const sent = Number(
      /^Sent (\d+) changes, received 0; history confirmed by the server up to \d/.exec(
        first.out,
      )?.[1],
    );
    expect(sent).toBeGreaterThan(6);
    // The file is not changed; the server's key and space are kept beside it.
    expect((await readFile(casebook)).equals(before)).toBe(true);
    const state = JSON.parse(await readFile(`${casebook}.sync.json`, 'utf8'));
    expect(state).toMatchObject({ v: 2, server: SERVER, cursor: { pushed: expect.any(Number) } });

    const again = await run('sync', casebook, '--server', SERVER);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/^Sent 0 changes, received 0; history confirmed by the server up to/);

    const verified = await run('verify', casebook, '--server', SERVER);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toMatch(
      /The server confirmed this history up to entry \d+ on .*; this casebook holds it\./,
    );
    // No spool is left beside the casebook.
    expect((await readdir(dir)).filter((n) => n.includes('spool'))).toEqual([]);
  });

  it('refuses an older copy after a newer one, and verify says the server has seen more', async () => {
    const older = join(dir, 'older.casebook');
    const newer = join(dir, 'newer.casebook');
    expect((await run('demo', older, '--incidents', '3', '--weeks', '1')).code).toBe(0);
    expect((await run('sync', older, '--server', SERVER)).code).toBe(0);
    const added = await run('add', older, FIXTURE_JPEG, '--initials', 'AB', '--out', newer);
    expect(added.code, added.err).toBe(0);
    await copyFile(`${older}.sync.json`, `${newer}.sync.json`);

    const newerSync = await run('sync', newer, '--server', SERVER);
    expect(newerSync.code, newerSync.err).toBe(0);
    expect(newerSync.out).toMatch(/^Sent [1-9]\d* changes?, received 0/);

    const olderSync = await run('sync', older, '--server', SERVER);
    expect(olderSync.code).toBe(1);
    expect(olderSync.err).toMatch(/server has seen a longer history than this casebook holds/);

    const olderCheck = await run('verify', older, '--server', SERVER);
    expect(olderCheck.code).toBe(1);
    expect(olderCheck.err).toMatch(/server has seen a longer history than this casebook holds/);
    const newerCheck = await run('verify', newer, '--server', SERVER);
    expect(newerCheck.code, newerCheck.err).toBe(0);
  });

  it('a push whose answer is lost is sent again once, and kept once', async () => {
    const casebook = join(dir, 'dropped.casebook');
    expect((await run('demo', casebook, '--incidents', '2', '--weeks', '1')).code).toBe(0);
    // A path that delivers the first push to the server and then cuts the connection before
    // the answer comes back: the server has it, the client does not know.
    let dropped = 0;
    const proxy = createServer((req, res) => {
      const body: Buffer[] = [];
      req.on('data', (c: Buffer) => body.push(c));
      req.on('end', () => {
        const forward = httpRequest(
          {
            host: '127.0.0.1',
            port: PORT,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (answer) => {
            const parts: Buffer[] = [];
            answer.on('data', (c: Buffer) => parts.push(c));
            answer.on('end', () => {
              if (req.url === '/v1/push' && dropped === 0) {
                dropped += 1;
                req.socket.destroy();
                return;
              }
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(parts));
            });
          },
        );
        forward.end(Buffer.concat(body));
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const via = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const synced = await run('sync', casebook, '--server', via);
      expect(synced.code, synced.err).toBe(0);
      expect(dropped).toBe(1);
      const sent = Number(/^Sent (\d+) changes/.exec(synced.out)?.[1]);
      expect(sent).toBeGreaterThan(2);
      const state = JSON.parse(await readFile(`${casebook}.sync.json`, 'utf8'));
      expect(await envelopesIn(state.space)).toBe(sent);
      const again = await run('sync', casebook, '--server', via);
      expect(again.out).toMatch(/^Sent 0 changes/);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('says plainly what is wrong with the server address, and sends nothing', async () => {
    const casebook = join(dir, 'mine.casebook');
    const plain = await run('sync', casebook, '--server', 'http://sync.example.org');
    expect(plain.code).toBe(2);
    expect(plain.err).toMatch(/Use an https:\/\/ address/);
    const other = await run('sync', casebook, '--server', 'https://elsewhere.example.org');
    expect(other.err).toMatch(/This casebook syncs with http:\/\/127\.0\.0\.1/);
    const missing = await run('verify', join(dir, 'nowhere.casebook'), '--server', SERVER);
    expect(missing.code).toBe(2);
  });
});
