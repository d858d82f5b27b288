/**
 * For the CLI's sync tests: the real server on a free port (a process of its own, SQLite and
 * files in a temporary directory), casebooks in files opened in memory, commands run through
 * `main`, and a phone and a laptop of one casebook linked with a real code. Each test file
 * calls `useSyncServer` once; the port is `SYNC_TEST_PORT` when set.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SyncClient } from '@casebook/sync';
import { restoreBackup, syncSigner, Vault, sync as vaultSync, writeBackup } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Output } from '../io';
import { main } from '../main';
import { nodeFetch } from '../sync/node-fetch';
import { freePort } from './free-port';

export const PASS = 'a demo passphrase for tests';
export const PORT = Number(process.env.SYNC_TEST_PORT ?? (await freePort()));
export const SERVER = `http://127.0.0.1:${PORT}`;
const ROOT = new URL('../../../../', import.meta.url).pathname;

export async function run(...argv: string[]) {
  const lines = { out: [] as string[], err: [] as string[] };
  const output: Output = { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) };
  const code = await main(argv, output);
  return { code, out: lines.out.join('\n'), err: lines.err.join('\n') };
}

export const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

export async function gather(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

/** The casebook in a file, opened in memory (as the app would hold it). */
export async function open(path: string): Promise<Vault> {
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
export async function edit(
  path: string,
  change: (vault: Vault) => Promise<unknown>,
): Promise<void> {
  const vault = await open(path);
  await change(vault);
  await writeFile(`${path}.editing`, await gather(writeBackup(vault.internals.store)));
  await rename(`${path}.editing`, path);
  await vault.lock();
}

/** One device: its current file moves on whenever sync or resolve writes a new one. */
export class Device {
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

/** The test file's temporary directory (the server's data is under `server-data`). */
export let dir = '';
let server: ChildProcess | undefined;
let said = '';

/** Everything the server process wrote (its request log on stdout, its notices on stderr). */
export const serverOutput = (): string => said;

/**
 * Starts the real server (its own process, SQLite and files under `dir`) before the test
 * file's tests and stops it after; call once, at the top of the file.
 */
export function useSyncServer(tmpPrefix: string): void {
  beforeAll(async () => {
    process.env.CASEBOOK_PASSPHRASE = PASS;
    dir = await mkdtemp(join(tmpdir(), tmpPrefix));
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
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    said = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      said += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
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
}

/** A phone enrolled on the server and a laptop made from its file, linked with a real code. */
export async function twoDevices(prefix: string) {
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
  // The whole code, as the app shows it: the server's part and the phone's own.
  const shown = await vaultSync.extendLinkCode(code.value.code);
  const phoneId = phone.internals.header.v === 2 ? phone.internals.header.device.id : '';
  await phone.lock();
  const linked = await b.sync('--link', shown);
  expect(linked.out).toMatch(/^Sent 1 change, received 0;/);
  expect(JSON.parse(await readFile(`${b.file}.sync.json`, 'utf8')).space).toBe(state.space);
  return { a, b, phoneId, laptopId };
}
