/**
 * Statelessness: two real server processes on one PostgreSQL database (and one chunk folder)
 * serve the same casebook. A device enrols on one and pushes on the other; a request replayed
 * against the second process is refused, because nonces live in the database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDeviceKey, signRequest } from '../src/protocol/sign-request';
import { envelope, randomId, TEST_AUTHORITY } from './client';
import { freshPostgres, PG_URL, tempDir } from './engines';

const root = new URL('../../..', import.meta.url).pathname;

function startProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'apps/server/src/main.ts')],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 120_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const match = /Casebook server on (http:\/\/\S+)/.exec(err);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: (match[1] as string).replace('localhost', '127.0.0.1') });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

/**
 * Sends over real HTTP with the Host a proxy in front of both processes would pass on (fetch
 * will not set Host), so both processes see the one authority the device signed for.
 */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      { method, headers: { ...headers, host: TEST_AUTHORITY } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function call(
  base: string,
  key: ReturnType<typeof newDeviceKey>,
  method: string,
  path: string,
  body?: unknown,
  reuse?: Record<string, string>,
) {
  const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
  const headers =
    reuse ?? signRequest(key, { method, authority: TEST_AUTHORITY, url: path, body: bytes });
  const res = await send(
    base,
    method,
    path,
    { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body === undefined ? undefined : bytes,
  );
  return { status: res.status, json: JSON.parse(res.body.toString('utf8')), headers };
}

describe.skipIf(!PG_URL)('two server processes on one PostgreSQL', () => {
  const children: ChildProcess[] = [];
  let db: Awaited<ReturnType<typeof freshPostgres>>;
  let dataDir: string;
  let one: string;
  let two: string;

  beforeAll(async () => {
    db = await freshPostgres();
    dataDir = await tempDir('two');
    const port = () => String(20_000 + Math.floor(Math.random() * 20_000));
    const common = {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      OPEN_ENROLMENT: '1',
      HOST: '127.0.0.1',
      PUBLIC_AUTHORITY: TEST_AUTHORITY,
    };
    // Both start at once: the migration lock lets exactly one of them migrate.
    const [a, b] = await Promise.all([
      startProcess({ ...common, PORT: port() }),
      startProcess({ ...common, PORT: port() }),
    ]);
    children.push(a.child, b.child);
    one = a.url;
    two = b.url;
  }, 150_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on('exit', r)))),
    );
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serve one casebook between them, and a replay to the other process is refused', async () => {
    const phone = newDeviceKey();
    const laptop = newDeviceKey();
    const identity = newDeviceKey().keyId;
    expect((await call(one, phone, 'POST', '/v1/enrol', { v: 1, identity })).status).toBe(201);
    const code = (await call(two, phone, 'POST', '/v1/link-codes', {})).json.code;
    expect((await call(one, laptop, 'POST', '/v1/link', { v: 1, code })).status).toBe(201);

    const batch = [envelope(256), envelope(512)];
    const pushed = await call(two, phone, 'POST', '/v1/push', { v: 1, envelopes: batch });
    expect(pushed.status).toBe(200);
    // The same signed request, sent again to the other process: the nonce is already spent.
    const replay = await call(
      one,
      phone,
      'POST',
      '/v1/push',
      { v: 1, envelopes: batch },
      pushed.headers,
    );
    expect(replay.status).toBe(401);
    expect(replay.json.error.code).toBe('replayed');

    const pulled = await call(one, laptop, 'GET', '/v1/changes?since=0');
    expect(pulled.json.changes.map((c: { id: string }) => c.id)).toEqual(batch.map((e) => e.id));

    const chunk = randomBytes(4096);
    const id = randomId();
    const headers = signRequest(phone, {
      method: 'PUT',
      authority: TEST_AUTHORITY,
      url: `/v1/chunks/${id}`,
      body: chunk,
    });
    const put = await send(
      one,
      'PUT',
      `/v1/chunks/${id}`,
      { ...headers, 'content-type': 'application/octet-stream' },
      chunk,
    );
    expect(put.status).toBe(201);
    const getHeaders = signRequest(laptop, {
      method: 'GET',
      authority: TEST_AUTHORITY,
      url: `/v1/chunks/${id}`,
    });
    const got = await send(two, 'GET', `/v1/chunks/${id}`, getHeaders);
    expect(got.body.equals(chunk)).toBe(true);

    // The laptop unlinking itself on one process stops it on the other at once.
    expect((await call(one, laptop, 'DELETE', `/v1/devices/${laptop.keyId}`)).status).toBe(200);
    expect((await call(two, laptop, 'GET', '/v1/changes?since=0')).status).toBe(403);
  });
});
