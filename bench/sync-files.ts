/**
 * Evidence through sync (issue #12): `npx tsx bench/sync-files.ts [MiB]` (default 1024).
 * A phone's casebook (demo) is enrolled on a real server (its own process, SQLite and files),
 * a laptop is linked to it with a real code, a random file of the given size is added on the
 * phone (`casebook add`), then timed: the phone's `casebook sync` (the file's encrypted chunks
 * go up) and the laptop's (they come down, are checked and committed). Each command is its own
 * process; peak RSS is the kernel's high-water mark, sampled every 10 ms, and the server's is
 * read before and after. Goal: 1 GiB up and down ≤ 60 s, client and server memory growth
 * ≤ 150 MiB each (growth against a no-change sync of the same casebook, and the server at rest).
 * Reference in the same run: `dd bs=1M conv=fsync` of the file (best of two), and, with
 * `BENCH_IN_FLIGHT=1,3,…`, each number of chunk requests in flight in turn (a file of its own
 * each, one row each). The laptop's copy is then verified (`casebook verify`) and the files'
 * SHA-256 compared. The server listens on BENCH_PORT when set. Bounded: every process it starts
 * ends, and the directory is removed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SyncClient } from '@casebook/sync';
import { restoreBackup, syncSigner, Vault, sync as vaultSync, writeBackup } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { nodeFetch } from '../apps/cli/src/sync/node-fetch';
import { freePort } from '../apps/cli/src/testing/free-port';
import { sizeArgMiB, writeRandomFile } from './support/test-files';

const sizeMiB = sizeArgMiB(1024);
const ROOT = new URL('../', import.meta.url).pathname;
const BIN = join(ROOT, 'apps/cli/bin/casebook.mjs');
const PASS = 'bench passphrase, not a secret';
const env = { ...process.env, CASEBOOK_PASSPHRASE: PASS };
/**
 * Chunk requests in flight to try, in turn (`BENCH_IN_FLIGHT=1,3,1,3`); the CLI's default
 * once when not given. Each is passed to the CLI as CASEBOOK_SYNC_IN_FLIGHT.
 */
const SETTINGS: (number | undefined)[] = process.env.BENCH_IN_FLIGHT
  ? process.env.BENCH_IN_FLIGHT.split(',').map(Number)
  : [undefined];

function vmHwmMiB(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    return line ? Number(line[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface Timed {
  seconds: number;
  stdout: string;
  peakMiB: number;
}

function timed(
  command: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, {
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    let peak = 0;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const timer = setInterval(() => {
      peak = Math.max(peak, vmHwmMiB(child.pid) ?? 0);
    }, 10);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`${args.join(' ')} exited with ${code}: ${stdout}`));
      else resolve({ seconds: (performance.now() - start) / 1000, stdout, peakMiB: peak });
    });
  });
}

const cli = (...args: string[]) => timed(process.execPath, [BIN, ...args]);

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const piece of createReadStream(path)) hash.update(piece as Buffer);
  return hash.digest('hex');
}

async function digestOf(source: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const part of source) hash.update(part);
  return hash.digest('hex');
}

async function blobsOf(path: string): Promise<string[]> {
  const vault = await openFile(path);
  const ids = await vault.internals.store.listBlobs();
  await vault.lock();
  return ids;
}

async function gather(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

async function openFile(path: string): Promise<Vault> {
  const store = createMemoryStore();
  const bytes = readFileSync(path);
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

async function startServer(dir: string, port: number): Promise<ChildProcess> {
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'apps/server/src/main.ts')],
    {
      env: {
        ...Object.fromEntries(
          Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'S3_BUCKET'].includes(k)),
        ),
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: join(dir, 'server-data'),
        OPEN_ENROLMENT: '1',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let said = '';
    server.stderr?.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('Casebook server on')) resolve();
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${said}`)));
  });
  return server;
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');

/**
 * A fresh phone and laptop of one new casebook on the server (names prefixed `tag`), and a
 * no-change sync of each: the client's memory without a file to move. Every row gets its own,
 * so none opens or writes the evidence of the rows before it.
 */
async function pairOn(server: string, at: (name: string) => string, tag: string) {
  const p1 = at(`${tag}phone1.casebook`);
  const l1 = at(`${tag}laptop1.casebook`);
  await cli('demo', p1, '--incidents', '20', '--weeks', '2');
  await cli('sync', p1, '--server', server);
  // The laptop: a device of its own made from the phone's file, linked with a real code.
  const phone = await openFile(p1);
  const laptopStore = createMemoryStore();
  const made = await vaultSync.copyToNewDevice(phone, laptopStore);
  if (!made.ok) throw new Error(made.message);
  writeFileSync(l1, await gather(writeBackup(laptopStore)));
  const state = JSON.parse(readFileSync(`${p1}.sync.json`, 'utf8'));
  const client = new SyncClient({
    server,
    signer: syncSigner(phone),
    fetch: nodeFetch,
    serverKey: state.serverKey,
    space: state.space,
  });
  const code = await client.linkCode();
  if (!code.ok) throw new Error(code.message);
  await phone.lock();
  await cli('sync', l1, '--server', server, '--link', code.value.code);
  const quietPhone = await cli('sync', p1, '--server', server);
  const quietLaptop = await cli('sync', l1, '--server', server);
  return { phoneFile: newer(p1), laptopFile: newer(l1), quietPhone, quietLaptop };
}

/** The copy a sync wrote beside a casebook (`<name>.new.casebook`), if it wrote one. */
function newer(path: string): string {
  const next = path.replace(/\.casebook$/, '.new.casebook');
  return existsSync(next) ? next : path;
}

async function main(): Promise<void> {
  const loadAtStart = load();
  const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-sync-files-'));
  const port = Number(process.env.BENCH_PORT ?? (await freePort()));
  const server = `http://127.0.0.1:${port}`;
  const serverProcess = await startServer(dir, port);
  const at = (name: string) => join(dir, name);
  try {
    const file = at('evidence.bin');
    writeRandomFile(file, sizeMiB);
    const expected = await sha256File(file);
    await timed('sync', []);
    const dd: number[] = [];
    for (let i = 0; i < 2; i++) {
      dd.push(
        (
          await timed('dd', [
            `if=${file}`,
            `of=${at('copy.bin')}`,
            'bs=1M',
            'conv=fsync',
            'status=none',
          ])
        ).seconds,
      );
      rmSync(at('copy.bin'));
    }
    const ddBest = Math.min(...dd);

    // Each setting in turn moves a file of its own, in a casebook of its own, on one server,
    // in one run. The phone starts from the copy its no-change sync wrote, so no row pays for
    // writing a casebook it received.
    const rows: string[] = [];
    const serverAtRest = vmHwmMiB(serverProcess.pid) ?? 0;
    let round = 0;
    let intact = true;
    for (const setting of SETTINGS) {
      round += 1;
      const { phoneFile, laptopFile, quietPhone, quietLaptop } = await pairOn(
        server,
        at,
        `r${round}-`,
      );
      const withSetting = setting === undefined ? {} : { CASEBOOK_SYNC_IN_FLIGHT: String(setting) };
      const phoneNext = at(`phone-${round}.casebook`);
      await cli('add', phoneFile, file, '--initials', 'AB', '--out', phoneNext);
      await timed('cp', [`${phoneFile}.sync.json`, `${phoneNext}.sync.json`]);
      const serverBefore = vmHwmMiB(serverProcess.pid) ?? 0;
      const loadBefore = load();
      const up = await timed(
        process.execPath,
        [BIN, 'sync', phoneNext, '--server', server],
        withSetting,
      );
      const serverAfterUp = vmHwmMiB(serverProcess.pid) ?? 0;
      const laptopNext = at(`laptop-${round}.casebook`);
      const down = await timed(
        process.execPath,
        [BIN, 'sync', laptopFile, '--server', server, '--out', laptopNext],
        withSetting,
      );
      const serverAfter = vmHwmMiB(serverProcess.pid) ?? 0;
      if (!down.stdout.includes('files received whole and checked: 1')) {
        throw new Error(`the laptop did not take the file in: ${down.stdout}`);
      }
      if (up.stdout.includes('Wrote '))
        throw new Error(`the phone took something in: ${up.stdout}`);
      // The laptop's casebook verifies (exit 0): the file's SHA-256 against its signed entry;
      // the file read out of it is the original, byte for byte.
      await cli('verify', laptopNext);
      const before = new Set(await blobsOf(laptopFile));
      const laptop = await openFile(laptopNext);
      const added = (await laptop.internals.store.listBlobs()).filter((id) => !before.has(id));
      const digests = await Promise.all(added.map((id) => digestOf(laptop.readFile(id))));
      await laptop.lock();
      intact &&= digests.length === 1 && digests[0] === expected;
      for (const f of [phoneNext, laptopNext]) rmSync(f, { force: true });
      const total = up.seconds + down.seconds;
      rows.push(
        `| ${setting ?? 'default'} | ${sizeMiB} | ${up.seconds.toFixed(2)} | ${down.seconds.toFixed(2)} | ${total.toFixed(2)} | ${ddBest.toFixed(2)} (${dd.map((d) => d.toFixed(2)).join(', ')}) | ${up.peakMiB.toFixed(0)} / ${quietPhone.peakMiB.toFixed(0)} MiB (+${(up.peakMiB - quietPhone.peakMiB).toFixed(0)}) | ${down.peakMiB.toFixed(0)} / ${quietLaptop.peakMiB.toFixed(0)} MiB (+${(down.peakMiB - quietLaptop.peakMiB).toFixed(0)}) | ${serverBefore.toFixed(0)} / ${serverAfterUp.toFixed(0)} / ${serverAfter.toFixed(0)} MiB (+${(serverAfter - serverAtRest).toFixed(0)} since rest) | ${loadBefore} → ${load()} |`,
      );
      console.log(rows.at(-1));
    }
    console.log(`\nEvidence through sync, ${sizeMiB} MiB, Node ${process.version}`);
    console.log(`load average at the start ${loadAtStart}, at the end ${load()}\n`);
    console.log(
      '| chunks in flight | MiB | up (phone sync) s | down (laptop sync) s | up + down s (goal ≤ 60 for 1 GiB) | dd conv=fsync s (best of 2) | phone peak RSS / no-change sync | laptop peak RSS / no-change sync | server peak RSS before / after up / after down | load average before → after |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log(`\nlaptop verifies, every file identical: ${intact ? 'yes' : 'NO'}`);
    if (!intact) process.exitCode = 1;
  } finally {
    const exited = new Promise((resolve) => serverProcess.once('exit', resolve));
    serverProcess.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
