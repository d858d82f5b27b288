/**
 * Two devices of one casebook through the real server (a process of its own, SQLite and files
 * in a temporary directory): what one adds lands in the other's casebook; both edit one
 * incident offline and both revisions are kept, listed, settled on one device and taken by the
 * other; a delete against an edit is shown; a retried sync takes nothing twice; both files
 * verify and hold the same history.
 *
 * Linking a device does not yet carry the casebook to it, so the second device is made from
 * the first one's file with `sync.copyToNewDevice` (its own device key, certified by the
 * casebook's identity) and joined to the server with a real linking code from the first.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SyncClient } from '@casebook/sync';
import { restoreBackup, syncSigner, Vault, sync as vaultSync, writeBackup } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from './io';
import { main } from './main';
import { nodeFetch } from './sync/node-fetch';
import { freePort } from './testing/free-port';

const PASS = 'a demo passphrase for tests';
const PORT = Number(process.env.SYNC_DEVICES_PORT ?? (await freePort()));
const SERVER = `http://127.0.0.1:${PORT}`;
const ROOT = new URL('../../../', import.meta.url).pathname;

async function run(...argv: string[]) {
  const lines = { out: [] as string[], err: [] as string[] };
  const output: Output = { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) };
  const code = await main(argv, output);
  return { code, out: lines.out.join('\n'), err: lines.err.join('\n') };
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

async function gather(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

/** The casebook in a file, opened in memory (as the app would hold it). */
async function open(path: string): Promise<Vault> {
  const store = createMemoryStore();
  const bytes = await readFile(path);
  const restored = await restoreBackup(
    (async function* () {
      yield new Uint8Array(bytes);
    })(),
    store,
  );
  if (!restored.ok) throw new Error(restored.message);
  const opened = await Vault.unlock(store, PASS);
  if (!opened.ok) throw new Error(opened.message);
  return opened.value;
}

/** A change made in the app on that device, offline: the file is replaced by the new state. */
async function edit(path: string, change: (vault: Vault) => Promise<unknown>): Promise<void> {
  const vault = await open(path);
  await change(vault);
  await writeFile(`${path}.editing`, await gather(writeBackup(vault.internals.store)));
  await rename(`${path}.editing`, path);
  await vault.lock();
}

/** One device: its current file moves on whenever sync or resolve writes a new one. */
class Device {
  #n = 1;
  constructor(
    readonly name: string,
    public file: string,
  ) {}
  next(): string {
    this.#n += 1;
    return join(dir, `${this.name}${this.#n}.casebook`);
  }
  async sync(...extra: string[]) {
    const out = this.next();
    const result = await run('sync', this.file, '--server', SERVER, '--out', out, ...extra);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const wrote = await exists(out);
    expect(wrote).toBe(result.out.includes(`Wrote ${out}`));
    if (wrote) this.file = out;
    return { ...result, wrote };
  }
}

let dir = '';
let server: ChildProcess | undefined;

beforeAll(async () => {
  process.env.CASEBOOK_PASSPHRASE = PASS;
  dir = await mkdtemp(join(tmpdir(), 'casebook-devices-'));
  server = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'apps/server/src/main.ts')], {
    env: {
      ...Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'S3_BUCKET'].includes(k)),
      ),
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: join(dir, 'server-data'),
      OPEN_ENROLMENT: '1',
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
}, 60_000);

afterAll(async () => {
  delete process.env.CASEBOOK_PASSPHRASE;
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server?.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
});

/** A phone enrolled on the server and a laptop made from its file, linked with a real code. */
async function twoDevices(prefix: string) {
  const a = new Device(`${prefix}phone`, join(dir, `${prefix}phone1.casebook`));
  expect((await run('demo', a.file, '--incidents', '3', '--weeks', '1')).code).toBe(0);
  const enrolled = await a.sync();
  expect(enrolled.out).toMatch(/^Sent \d+ changes, received 0;/);
  expect(enrolled.wrote).toBe(false);

  // The second device: a copy made a device of its own, linked with a code from the first.
  const b = new Device(`${prefix}laptop`, join(dir, `${prefix}laptop1.casebook`));
  const phone = await open(a.file);
  const laptopStore = createMemoryStore();
  const made = await vaultSync.copyToNewDevice(phone, laptopStore);
  if (!made.ok) throw new Error(made.message);
  const laptop = await Vault.unlock(laptopStore, PASS);
  if (!laptop.ok) throw new Error(laptop.message);
  await writeFile(b.file, await gather(writeBackup(laptopStore)));
  const laptopId = made.value.device;
  await laptop.value.lock();
  const state = JSON.parse(await readFile(`${a.file}.sync.json`, 'utf8'));
  const client = new SyncClient({
    server: SERVER,
    signer: syncSigner(phone),
    fetch: nodeFetch,
    serverKey: state.serverKey,
    space: state.space,
  });
  const code = await client.linkCode();
  if (!code.ok) throw new Error(code.message);
  const phoneId = phone.internals.header.v === 2 ? phone.internals.header.device.id : '';
  await phone.lock();
  const linked = await b.sync('--link', code.value.code);
  expect(linked.out).toMatch(/^Sent 1 change, received 0;/);
  expect(JSON.parse(await readFile(`${b.file}.sync.json`, 'utf8')).space).toBe(state.space);
  return { a, b, phoneId, laptopId };
}

describe('casebook sync between two devices of one casebook', () => {
  it('takes in, keeps both edits, settles one, shows a delete against an edit', async () => {
    const { a, b, phoneId, laptopId } = await twoDevices('');

    // The phone adds an incident and syncs; it takes in the laptop's first entry too.
    await edit(a.file, (v) =>
      v.put('incident', 'bus-stop', { whatHappened: 'waiting at the stop' }),
    );
    const added = await a.sync();
    expect(added.out).toMatch(/^Sent 1 change, received 1;/);
    expect(added.wrote).toBe(true);
    const laptopTakes = await b.sync();
    expect(laptopTakes.out).toMatch(/^Sent 0 changes, received 1;/);
    expect(await (await open(b.file)).get('incident', 'bus-stop')).toMatchObject({
      rev: 1,
      body: { whatHappened: 'waiting at the stop' },
    });

    // Both edit it offline, then both sync: both revisions kept and listed on both.
    await edit(a.file, (v) =>
      v.put('incident', 'bus-stop', { whatHappened: 'phone: he followed' }),
    );
    await edit(b.file, (v) =>
      v.put('incident', 'bus-stop', { whatHappened: 'laptop: he shouted' }),
    );
    const phoneFirst = await a.sync();
    expect(phoneFirst.out).toMatch(/^Sent 1 change, received 0;/);
    expect(phoneFirst.wrote).toBe(false);
    const laptopSees = await b.sync();
    expect(laptopSees.out).toMatch(/^Sent 1 change, received 1;/);
    expect(laptopSees.out).toContain(
      'Edited on two devices: incident bus-stop (revision 2). Both are kept.',
    );
    expect(laptopSees.out).toContain(`device ${phoneId.slice(0, 8)} edited it on`);
    expect(laptopSees.out).toContain('this device edited it on');
    const keeps = [
      [phoneId, `--keep=${phoneId.slice(0, 8)}`],
      [laptopId, '--keep=this'],
    ].sort(([x = ''], [y = '']) => (x < y ? -1 : 1));
    expect(laptopSees.out).toContain(
      `casebook resolve ${b.file} incident/bus-stop ${keeps.map(([, k]) => k).join(' or ')}`,
    );
    const phoneSees = await a.sync();
    expect(phoneSees.out).toContain('Edited on two devices: incident bus-stop (revision 2).');
    for (const file of [a.file, b.file]) {
      const held = await (await open(file)).internals.store.listSides();
      expect(held).toHaveLength(1);
    }

    // The laptop chooses the phone's; the phone takes the choice in.
    const chosen = b.next();
    const settled = await run(
      'resolve',
      b.file,
      'incident/bus-stop',
      `--keep=${phoneId.slice(0, 8)}`,
      '--out',
      chosen,
    );
    expect(settled.err).toBe('');
    expect(settled.out).toMatch(/^Kept what device \w+ wrote, as revision 3 of incident bus-stop/);
    b.file = chosen;
    expect((await b.sync()).out).toMatch(/^Sent 1 change, received 0;/);
    const phoneTakes = await a.sync();
    expect(phoneTakes.out).toMatch(/^Sent 0 changes, received 1;/);
    expect(phoneTakes.out).not.toContain('Edited on two devices');
    for (const file of [a.file, b.file]) {
      const vault = await open(file);
      expect(await vault.get('incident', 'bus-stop')).toMatchObject({
        rev: 3,
        body: { whatHappened: 'phone: he followed' },
      });
      expect(await vaultSync.listConflicts(vault.internals)).toEqual([]);
    }

    // A delete on the phone against an edit on the laptop: shown, neither lost.
    const [other] = (await (await open(a.file)).list('incident')).filter(
      (r) => r.id !== 'bus-stop',
    );
    if (!other) throw new Error('the demo has incidents');
    await edit(a.file, (v) => v.remove('incident', other.id, 'added twice by mistake'));
    await edit(b.file, (v) => v.put('incident', other.id, { whatHappened: 'more detail' }));
    expect((await a.sync()).wrote).toBe(false);
    const laptopDelete = await b.sync();
    expect(laptopDelete.out).toContain(
      `Deleted on one device, edited on another: incident ${other.id} (revision ${other.rev + 1}).`,
    );
    expect(laptopDelete.out).toContain('deleted it (“added twice by mistake”)');
    const phoneEdit = await a.sync();
    expect(phoneEdit.out).toContain('Deleted on one device, edited on another');

    // A retried sync takes nothing twice and writes no new file.
    const retried = await a.sync();
    expect(retried.out).toMatch(/^Sent 0 changes, received 0;/);
    expect(retried.wrote).toBe(false);
    expect((await b.sync()).wrote).toBe(false);

    for (const file of [a.file, b.file]) {
      const verified = await run('verify', file);
      expect(verified.err).toBe('');
      expect(verified.code).toBe(0);
    }
    const history = async (file: string) =>
      (await (await open(file)).internals.store.readLog()).map(
        (e) => `${e.device ?? ''} ${e.seq} ${e.h}`,
      );
    expect(await history(a.file)).toEqual(await history(b.file));
  }, 240_000);

  it('a push that fails after changes came in still leaves them in the new file, and says so', async () => {
    const { a, b } = await twoDevices('refused-');
    await edit(a.file, (v) => v.put('incident', 'park', { whatHappened: 'seen in the park' }));
    await a.sync();
    await edit(b.file, (v) => v.put('incident', 'shop', { whatHappened: 'seen at the shop' }));
    // The laptop's pushes are refused on the way (a server having a bad minute); the rest passes.
    let refused = 0;
    const proxy = createServer((req, res) => {
      const body: Buffer[] = [];
      req.on('data', (c: Buffer) => body.push(c));
      req.on('end', () => {
        if (req.url === '/v1/push') {
          refused += 1;
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'busy', message: 'The server is busy.' } }));
          return;
        }
        const forward = httpRequest(
          {
            host: '127.0.0.1',
            port: PORT,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.end(Buffer.concat(body));
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const via = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const out = join(dir, 'refused-laptop-after.casebook');
    try {
      // The sync state names the real server's origin, so point that at the proxy too.
      const statePath = `${b.file}.sync.json`;
      const state = JSON.parse(await readFile(statePath, 'utf8'));
      await writeFile(statePath, JSON.stringify({ ...state, server: via }));
      const failed = await run('sync', b.file, '--server', via, '--out', out);
      expect(refused).toBeGreaterThan(0);
      expect(failed.code).not.toBe(0);
      expect(failed.err).toContain(`What your other devices sent was written to ${out} first`);
      expect(await (await open(out)).get('incident', 'park')).toMatchObject({ rev: 1 });
      expect((await run('verify', out)).code).toBe(0);
      // Control: the file given is as it was, without the phone's change.
      expect(await (await open(b.file)).get('incident', 'park')).toBeUndefined();
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  }, 120_000);
});
