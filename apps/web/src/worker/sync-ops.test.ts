/**
 * The worker's sync against a real sync server (a child process, as `npm run server` runs
 * it): a casebook syncs and its history is confirmed; an older copy of the same device (put
 * back from a backup) finds the server's checkpoint ahead of it and says so, calmly, taking
 * nothing in. The same device synced from its newest copy is the positive control.
 */
import 'fake-indexeddb/auto';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KDF_FLOOR, restoreBackup, Vault, writeBackup } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncOps } from './sync-ops';
import { readSyncState } from './sync-state';

const PASSPHRASE = 'orbit lantern velvet quarry meadow thimble';
/** A port free on 127.0.0.1 now (as apps/cli/src/testing/free-port.ts; this package may not reach it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

let server: ChildProcess | undefined;
let dataDir = '';
let origin = '';

let requests = 0;
/** Every request the server received (method, path, body as text): the server's view. */
const sent: string[] = [];
const nodeFetch: ConstructorParameters<typeof SyncOps>[2] = async (url, init) => {
  requests += 1;
  const body = init.body ? Buffer.from(init.body).toString('utf8') : '';
  sent.push(`${init.method} ${new URL(url).pathname} ${body}`);
  return fetch(url, {
    method: init.method,
    headers: init.headers,
    ...(init.body ? { body: init.body as BodyInit } : {}),
  });
};

beforeAll(async () => {
  const port = await freePort();
  dataDir = await mkdtemp(join(tmpdir(), 'casebook-web-sync-'));
  origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: new URL('../../../../', import.meta.url).pathname,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      OPEN_ENROLMENT: '1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  server = child;
  await new Promise<void>((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`no server: ${said}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('Casebook server on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`server stopped (${code}): ${said}`)));
  });
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    const stopped = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await stopped;
  }
  await rm(dataDir, { recursive: true, force: true });
});

async function* bytesOf(source: AsyncIterable<Uint8Array>) {
  for await (const piece of source) yield piece;
}

describe('SyncOps', () => {
  it('confirms the history, and an older copy of the device says the server has seen more', async () => {
    const store = createMemoryStore();
    const { vault } = await Vault.create(store, PASSPHRASE, { kdf: KDF_FLOOR });
    await vault.put('incident', 'inc-1', { whatHappened: 'A car outside' });
    const older: Uint8Array[] = [];
    for await (const piece of writeBackup(store)) older.push(piece);
    await vault.put('incident', 'inc-2', { whatHappened: 'A call at night' });

    const ops = new SyncOps(() => vault, undefined, nodeFetch);
    const on = await ops.turnOn(origin, undefined);
    expect(on).toMatchObject({ ok: true, sent: expect.any(Number) });
    const status = await ops.status();
    expect(status.on).toBe(true);
    expect(status.confirmed?.seq).toBeGreaterThan(0);
    expect(status.serverAhead).toBeUndefined();
    // Positive control: the newest copy syncs again with nothing new, and is not "behind";
    // from the kept cursor that is one request (the pull).
    const before = requests;
    expect(await ops.syncNow()).toMatchObject({ ok: true, sent: 0, received: 0 });
    expect(requests - before).toBe(1);
    expect((await readSyncState())?.cursor?.confirmed).toBeDefined();

    // The same device's older copy, put back from the backup made before inc-2.
    const second = createMemoryStore();
    const restored = await restoreBackup(bytesOf(older.values() as never), second, {
      secret: { passphrase: PASSPHRASE },
    });
    expect(restored.ok).toBe(true);
    const unlocked = await Vault.unlock(second, PASSPHRASE, { kdf: KDF_FLOOR });
    if (!unlocked.ok) throw new Error(unlocked.message);
    const olderOps = new SyncOps(() => unlocked.value, undefined, nodeFetch);
    const behind = await olderOps.syncNow();
    expect(behind.ok).toBe(false);
    const seen = await olderOps.status();
    expect(seen.serverAhead).toBe(true);
    expect(seen.last?.ok).toBe(false);
    expect(await unlocked.value.get('incident', 'inc-2')).toBeUndefined();
    expect((await readSyncState())?.serverAhead).toBe(true);
  });

  it('a round under way when this device is unlinked writes nothing back: sync stays off', async () => {
    const { vault } = await Vault.create(createMemoryStore(), PASSPHRASE, { kdf: KDF_FLOOR });
    // Once armed: the next request waits until released, and the server cannot be told of
    // the unlink (its DELETE fails as a dropped connection).
    let gate: { release: () => void; wait: Promise<void>; used: boolean } | undefined;
    let paused: () => void = () => undefined;
    const pausedYet = new Promise<void>((resolve) => {
      paused = resolve;
    });
    const gated: typeof nodeFetch = async (url, init) => {
      if (gate && init.method === 'DELETE') throw new TypeError('fetch failed');
      if (gate && !gate.used) {
        gate.used = true;
        paused();
        await gate.wait;
      }
      return nodeFetch(url, init);
    };
    const ops = new SyncOps(() => vault, undefined, gated);
    expect(await ops.turnOn(origin, undefined)).toMatchObject({ ok: true });
    await vault.put('incident', 'inc-1', { whatHappened: 'Followed to the shop' });
    let release: () => void = () => undefined;
    const wait = new Promise<void>((resolve) => {
      release = resolve;
    });
    gate = { release, wait, used: false };
    const round = ops.syncNow();
    await pausedYet;
    const unlinked = await ops.unlink();
    expect(unlinked).toMatchObject({ ok: false, reason: 'not-told' });
    expect(await readSyncState()).toBeUndefined();
    gate.release();
    await round;
    // The round went on (the server still knew this device) but wrote no state back.
    expect(await readSyncState()).toBeUndefined();
    expect((await ops.status()).on).toBe(false);
    ops.stop();
  });

  it('links a new device with the code shown, sending the server nothing of its own part', async () => {
    const { vault: phone } = await Vault.create(createMemoryStore(), PASSPHRASE, {
      kdf: KDF_FLOOR,
    });
    await phone.put('incident', 'inc-linked', { whatHappened: 'A note left on the car' });
    const phoneOps = new SyncOps(() => phone, undefined, nodeFetch);
    expect(await phoneOps.turnOn(origin, undefined)).toMatchObject({ ok: true });
    const made = await phoneOps.linkCode();
    if (!made.ok) throw new Error(made.message);
    expect(made.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
    const serverPart = made.code.slice(0, 19);
    const devicePart = made.code.slice(20).replace(/-/g, '');

    let laptop: Vault | undefined;
    const laptopStore = createMemoryStore();
    const laptopOps = new SyncOps(() => laptop, undefined, nodeFetch);
    const unlock = async (passphrase: string) => {
      const opened = await Vault.unlock(laptopStore, passphrase, { kdf: KDF_FLOOR });
      if (!opened.ok) return opened;
      laptop = opened.value;
      return { ok: true as const };
    };
    const from = sent.length;
    // A mistyped code (a group short) is refused here: nothing at all goes to the server.
    const short = made.code.slice(0, -5);
    expect(
      await laptopOps.openFromOtherDevice(laptopStore, origin, short, PASSPHRASE, unlock),
    ).toMatchObject({ ok: false, reason: 'bad-code' });
    expect(sent.length).toBe(from);
    // A wrong passphrase first keeps the link; the right one then opens and pulls.
    const typed = made.code.toLowerCase();
    expect(
      await laptopOps.openFromOtherDevice(laptopStore, origin, typed, 'not it at all', unlock),
    ).toMatchObject({ ok: false, reason: 'wrong-passphrase' });
    expect(
      await laptopOps.openFromOtherDevice(laptopStore, origin, typed, PASSPHRASE, unlock),
    ).toEqual({ ok: true });
    expect(await laptop?.get('incident', 'inc-linked')).toMatchObject({
      body: { whatHappened: 'A note left on the car' },
    });

    // Positive control: the server was given the server's part (and the package beside it).
    const seen = sent.join('\n');
    expect(seen).toContain(`"code":"${serverPart}"`);
    expect(seen).toMatch(/PUT \/v1\/link-codes\/[0-9A-Z]{4}\/package/);
    expect(seen.toUpperCase().replace(/[\s-]/g, '')).not.toContain(devicePart);
  });
});
