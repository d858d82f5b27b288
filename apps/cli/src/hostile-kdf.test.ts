import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  editJsonFrame,
  headerIndex,
  parseBackup,
  reforge,
  serialiseBackup,
} from '../test/support/backup-frames';
import { runChild, runMain, runMainInWorker } from '../test/support/run-cli';

// The golden v1 backup: KDF at the floor, so the unedited file opens in well under a second.
const GOLDEN = new URL('../../../packages/vault/test/golden/vault-v1.casebook', import.meta.url)
  .pathname;
const env = { CASEBOOK_PASSPHRASE: 'golden vector passphrase v1' };
const MiB = 1024 * 1024;

type Kdf = Record<string, unknown>;
/** Header KDF edits an attacker (or a damaged disk) could make; each must be refused quickly. */
const HOSTILE: [name: string, field: string, value: unknown][] = [
  ['opslimit 2^32−1', 'opslimit', 2 ** 32 - 1],
  ['opslimit 2^31−1', 'opslimit', 2 ** 31 - 1],
  ['opslimit 333', 'opslimit', 333],
  ['memlimit 2 GB', 'memlimit', 2 * 1024 * MiB],
  ['memlimit 6.7 GB', 'memlimit', 6.7e9],
  ['memlimit 640 MiB', 'memlimit', 640 * MiB],
  ['opslimit negative', 'opslimit', -3],
  ['memlimit negative', 'memlimit', -19 * MiB],
  ['opslimit float', 'opslimit', 2.5],
  ['memlimit float', 'memlimit', 19 * MiB + 0.5],
  ['opslimit string', 'opslimit', '2'],
  ['memlimit string', 'memlimit', String(19 * MiB)],
  ['salt 15 bytes', 'salt', Buffer.alloc(15, 7).toString('base64')],
  ['salt 17 bytes', 'salt', Buffer.alloc(17, 7).toString('base64')],
  ['salt empty', 'salt', ''],
];

/** Wall-clock limits: the refusal must come before any key is derived, not after hours. */
const IN_PROCESS_MS = 3_000;
const CHILD_MS = 8_000; // includes about 1.5 s to start Node and load the CLI through tsx
const NO_STACK = /\n\s+at |Error:|TypeError|node:internal/;

let dir = '';
const files = new Map<string, string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casebook-kdf-'));
  const golden = parseBackup(await readFile(GOLDEN));
  for (const [name, field, value] of HOSTILE) {
    const forged = reforge(
      editJsonFrame(golden, headerIndex(golden), (header) => {
        (header as { passphrase: { kdf: Kdf } }).passphrase.kdf[field] = value;
      }),
    );
    const path = join(dir, `${name.replace(/\W+/g, '-')}.casebook`);
    await writeFile(path, serialiseBackup(forged));
    files.set(name, path);
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const expectPlainRefusal = (
  result: { code: number | 'timeout'; err: string; out: string; ms: number },
  limit: number,
  label: string,
) => {
  expect(result.code, label).toBe(2);
  expect(result.ms, label).toBeLessThan(limit);
  expect(result.err.trim(), label).not.toBe('');
  expect(result.err, label).not.toMatch(NO_STACK);
  expect(result.out, label).not.toMatch(/No problems found/);
};

describe('a backup whose header asks for hostile KDF numbers', () => {
  it('verify, info and add refuse each quickly with exit 2 and plain words (main in-process)', async () => {
    // The unedited file first: a positive control that the same runs can succeed.
    const runs = [['verify', GOLDEN]];
    for (const [name] of HOSTILE) {
      const path = files.get(name) as string;
      runs.push(
        ['verify', path],
        ['info', path],
        ['add', path, GOLDEN, '--initials', 'AB', '--out', `${path}.out`],
      );
    }
    const results = await runMainInWorker(runs, { env, timeoutMs: 10 * IN_PROCESS_MS });
    expect(results[0]).toMatchObject({ code: 0, out: expect.stringMatching(/No problems found/) });
    // The unedited file's own time is the reference, measured in this run (the machine is
    // shared): a refusal must come in no more than three times it, or the limit if longer.
    const limit = Math.max(IN_PROCESS_MS, 3 * (results[0]?.ms ?? 0));
    results.slice(1).forEach((result, i) => {
      const argv = runs[i + 1] as string[];
      const label = `${HOSTILE[Math.floor(i / 3)]?.[0]}: ${argv[0]}`;
      expectPlainRefusal(result, limit, label);
    });
  });

  it('main() in this very process: the wrong-length salt is refused at once', async () => {
    const result = await runMain('verify', files.get('salt 15 bytes') as string);
    expectPlainRefusal(result, 2_000, 'salt 15 bytes');
  });

  // A child's start-up (Node, tsx, the CLI) can take many seconds on a loaded machine, so the
  // limit is set from a reference measured in the same run: the real command verifying the
  // unedited file, which derives a key at the floor and checks everything. A refusal does less
  // than that; a hostile KDF honoured would take minutes to hours, far past three times it.
  let childLimit = CHILD_MS;
  it('positive control: the real command in a child process verifies the unedited file', async () => {
    const reference = await runChild(['verify', GOLDEN], { env, timeoutMs: 120_000 });
    expect(reference.code).toBe(0);
    expect(reference.out).toMatch(/No problems found/);
    childLimit = Math.max(CHILD_MS, 3 * reference.ms);
  });

  for (const name of ['opslimit 2^32−1', 'memlimit 6.7 GB', 'opslimit 333']) {
    it(`${name}: the real command in a child process exits 2 quickly, no stack trace`, async () => {
      const result = await runChild(['verify', files.get(name) as string], {
        env,
        timeoutMs: childLimit,
      });
      expectPlainRefusal(result, childLimit, name);
      // Refused for what it asks, before any key is derived, whatever the machine's load.
      expect(result.err).toMatch(/far more work to open than Casebook ever sets/);
    });
  }
});
