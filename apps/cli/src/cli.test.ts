import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from './io';
import { main } from './main';

const PASS = 'a demo passphrase for tests';

async function run(...argv: string[]) {
  const lines = { out: [] as string[], err: [] as string[] };
  const output: Output = { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) };
  const code = await main(argv, output);
  return { code, out: lines.out.join('\n'), err: lines.err.join('\n') };
}

let dir = '';
let good = '';

beforeAll(async () => {
  process.env.CASEBOOK_PASSPHRASE = PASS;
  dir = await mkdtemp(join(tmpdir(), 'casebook-cli-'));
  good = join(dir, 'good.casebook');
  const made = await run('demo', good, '--incidents', '30', '--weeks', '4');
  expect(made.code, made.err).toBe(0);
});

afterAll(async () => {
  delete process.env.CASEBOOK_PASSPHRASE;
  await rm(dir, { recursive: true, force: true });
});

describe('casebook CLI', () => {
  it('demo writes a casebook that info describes and verify passes', async () => {
    const info = await run('info', good);
    expect(info.code).toBe(0);
    expect(info.out).toMatch(/format \d+/);
    expect(info.out).toMatch(/Incidents: 30/);
    expect(info.out).toMatch(/Incidents from \d+ Jan 2026 to \d+ (Jan|Feb) 2026/);
    const verify = await run('verify', good);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/No problems found/);
  });

  it('demo never overwrites an existing file', async () => {
    const before = await readFile(good);
    const again = await run('demo', good);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists/);
    expect(await readFile(good)).toEqual(before);
  });

  it('refuses a wrong passphrase with exit 2 and a plain message', async () => {
    process.env.CASEBOOK_PASSPHRASE = 'not the passphrase';
    try {
      const result = await run('verify', good);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/passphrase did not open/);
    } finally {
      process.env.CASEBOOK_PASSPHRASE = PASS;
    }
  });

  it('refuses corrupt, truncated and foreign files, naming what is wrong', async () => {
    const bytes = await readFile(good);
    const cases: [string, Uint8Array, RegExp][] = [
      ['truncated', bytes.subarray(0, Math.floor(bytes.length * 0.6)), /incomplete/],
      [
        'foreign',
        new TextEncoder().encode('just some text, not a casebook'),
        /not a Casebook backup/,
      ],
      ['empty', new Uint8Array(0), /not a Casebook backup/],
    ];
    const newer = Uint8Array.from(bytes);
    newer[8] = 0x7f; // the format version byte after the 8-byte magic
    cases.push(['newer', newer, /newer version of Casebook/]);
    for (const [name, content, message] of cases) {
      const path = join(dir, `${name}.casebook`);
      await writeFile(path, content);
      for (const command of ['verify', 'info']) {
        const result = await run(command, path);
        expect(result.code, `${command} ${name}`).toBe(2);
        expect(result.err, `${command} ${name}`).toMatch(message);
      }
    }
  });

  it('names damage to a file inside the backup (exit 1, or 2 where the container checks it)', async () => {
    const bytes = await readFile(good);
    const flipped = Uint8Array.from(bytes);
    const at = Math.floor(bytes.length * 0.8);
    flipped[at] = (flipped[at] as number) ^ 0x10;
    const path = join(dir, 'corrupt.casebook');
    await writeFile(path, flipped);
    const result = await run('verify', path);
    // v1 backups end with a whole-file checksum (exit 2); v2 names the damaged file (exit 1).
    expect([1, 2]).toContain(result.code);
    expect(`${result.out}\n${result.err}`).toMatch(/damaged|altered/);
    expect(result.out).not.toMatch(/No problems found/);
  });

  it('says plainly when the file does not exist or the command is unknown', async () => {
    expect(await run('verify', join(dir, 'nope.casebook'))).toMatchObject({
      code: 2,
      err: expect.stringMatching(/no file at/),
    });
    expect(await run('frobnicate')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/does not know the command/),
    });
    expect(await run('verify')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/needs a file name/),
    });
    expect(await run('help')).toMatchObject({
      code: 0,
      out: expect.stringMatching(/casebook verify/),
    });
  });
});
