import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreBackup, Vault } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../test/support/run-cli';
import { addCommand } from './commands/add';
import type { Output } from './io';
import { main } from './main';

const PASS = 'a demo passphrase for tests';
const MiB = 1024 * 1024;

async function run(...argv: string[]) {
  const lines = { out: [] as string[], err: [] as string[] };
  const output: Output = { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) };
  const code = await main(argv, output);
  return { code, out: lines.out.join('\n'), err: lines.err.join('\n') };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let dir = '';
let original = '';
let originalBytes: Buffer;
let evidence = '';
let evidenceBytes: Buffer;

beforeAll(async () => {
  process.env.CASEBOOK_PASSPHRASE = PASS;
  dir = await mkdtemp(join(tmpdir(), 'casebook-add-in-place-'));
  original = join(dir, 'demo.casebook');
  const made = await run('demo', original, '--incidents', '10', '--weeks', '2');
  expect(made.code, made.err).toBe(0);
  originalBytes = await readFile(original);
  evidenceBytes = randomBytes(3 * MiB + 4321);
  evidenceBytes[0] = 0; // never sniffed as audio by chance (see add.test.ts)
  evidence = join(dir, 'recording.bin');
  await writeFile(evidence, evidenceBytes);
});

afterAll(async () => {
  delete process.env.CASEBOOK_PASSPHRASE;
  await rm(dir, { recursive: true, force: true });
});

/** Restores through the web app's path (verified as it streams) and reads the file back. */
async function restoreAndRead(path: string, sha: string) {
  const store = createMemoryStore();
  const restored = await restoreBackup(createReadStream(path), store, {
    secret: { passphrase: PASS },
  });
  if (!restored.ok) throw new Error(restored.message);
  const opened = await Vault.unlock(store, PASS);
  if (!opened.ok) throw new Error(opened.message);
  const items = await opened.value.list('evidence');
  const bodies = items.flatMap((i) => (i.deleted ? [] : [i.body as Record<string, unknown>]));
  const blobId = bodies.find((b) => b.sha256 === sha)?.blobId;
  if (typeof blobId !== 'string') throw new Error('the evidence item is missing');
  const parts: Uint8Array[] = [];
  for await (const part of opened.value.readFile(blobId)) parts.push(part);
  opened.value.lock();
  return sha256(Buffer.concat(parts));
}

async function freshDir(name: string) {
  const here = join(dir, name);
  await mkdir(here);
  const out = join(here, 'new.casebook');
  return { here, out };
}

describe('casebook add writes each chunk once, in place', () => {
  it('writes a v3 file that casebook verify passes and the web app restores, reading the file back', async () => {
    const { here, out } = await freshDir('in-place');
    const added = await run('add', original, evidence, '--initials', 'AB', '--out', out);
    expect(added.code, added.err).toBe(0);
    const file = await readFile(out);
    expect(file[8]).toBe(3);
    // The spool became the new file: nothing else is left beside it.
    expect(await readdir(here)).toEqual(['new.casebook']);
    expect(await readFile(original)).toEqual(originalBytes);
    const verify = await run('verify', out);
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toContain('No problems found.');
    expect(await restoreAndRead(out, sha256(evidenceBytes))).toBe(sha256(evidenceBytes));
  });

  it('writes the file out again (v2) when the new records outgrow the room kept for them', async () => {
    const { here, out } = await freshDir('no-room');
    const lines: string[] = [];
    const output: Output = { out: (l) => lines.push(l), err: (l) => lines.push(l) };
    const code = await addCommand(
      { casebook: original, files: [evidence], initials: 'AB', out, room: 0 },
      output,
    );
    expect(code, lines.join('\n')).toBe(0);
    const file = await readFile(out);
    expect(file[8]).toBe(2);
    expect(await readdir(here)).toEqual(['new.casebook']);
    const verify = await run('verify', out);
    expect(verify.code, verify.out).toBe(0);
    expect(await restoreAndRead(out, sha256(evidenceBytes))).toBe(sha256(evidenceBytes));
  });

  it('a crash part-way leaves the original as it was and nothing under the new name', async () => {
    const { here, out } = await freshDir('crash');
    const big = join(here, 'big.bin');
    const bytes = randomBytes(96 * MiB);
    bytes[0] = 0;
    await writeFile(big, bytes);
    const spool = `${out}.spool`;
    const child = spawn(
      process.execPath,
      [BIN, 'add', original, big, '--initials', 'AB', '--out', out],
      { env: { ...process.env, CASEBOOK_PASSPHRASE: PASS }, stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    // Killed as a power cut would stop it: once a few MiB of chunks are in the new file's body.
    let seen = 0;
    for (let i = 0; i < 3000 && seen < 8 * MiB; i++) {
      seen = await stat(spool).then(
        (s) => s.size,
        () => 0,
      );
      if (seen < 8 * MiB) await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(seen).toBeGreaterThanOrEqual(8 * MiB);
    await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(original)).toEqual(originalBytes);
    // What is left is the unfinished spool, which the next attempt names rather than reuse.
    expect((await readdir(here)).sort()).toEqual(['big.bin', 'new.casebook.spool']);
    const again = await run('add', original, big, '--initials', 'AB', '--out', out);
    expect(again.code).toBe(2);
    expect(again.err).toContain(`${spool} is left over from an earlier attempt.`);
    await rm(spool);
    const retried = await run('add', original, big, '--initials', 'AB', '--out', out);
    expect(retried.code, retried.err).toBe(0);
    expect((await run('verify', out)).code).toBe(0);
  }, 120_000);
});
