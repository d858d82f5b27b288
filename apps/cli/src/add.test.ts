import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { verifyBackup } from '@casebook/vault';
import sodium from 'libsodium-wrappers-sumo';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  editJsonFrame,
  envelopeRefs,
  parseBackup,
  reforge,
  serialiseBackup,
} from '../test/support/backup-frames';
import { defaultOutPath } from './commands/add';
import type { Output } from './io';
import { main } from './main';

const PASS = 'a demo passphrase for tests';
const FIXTURE_JPEG = new URL('../../../fixtures/images/img_1771.jpg', import.meta.url).pathname;

async function run(...argv: string[]) {
  const lines = { out: [] as string[], err: [] as string[] };
  const output: Output = { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) };
  const code = await main(argv, output);
  return { code, out: lines.out.join('\n'), err: lines.err.join('\n') };
}

const sha256Of = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

let dir = '';
let original = '';
let originalBytes: Buffer;
let random = '';
let photo = '';

/** A fresh directory holding a copy of the demo casebook; returns its path and the copy's. */
async function workDir(name: string) {
  const here = join(dir, name);
  await rm(here, { recursive: true, force: true });
  await mkdir(here);
  const casebook = join(here, 'mine.casebook');
  await copyFile(original, casebook);
  return { here, casebook };
}

beforeAll(async () => {
  process.env.CASEBOOK_PASSPHRASE = PASS;
  dir = await mkdtemp(join(tmpdir(), 'casebook-add-'));
  original = join(dir, 'demo.casebook');
  const made = await run('demo', original, '--incidents', '10', '--weeks', '2');
  expect(made.code, made.err).toBe(0);
  originalBytes = await readFile(original);
  // Over two 1 MiB chunks, so the file spans several chunks and a short last one.
  random = join(dir, 'recording.bin');
  // Random bytes, except the first: one in a few thousand random files begins with an MP3 or
  // AAC frame sync (0xFF 0xEx/0xFx) and is rightly sniffed as audio. A zero first byte is no
  // signature the sniffer knows, so the file is always "application/octet-stream".
  const bytes = randomBytes(2 * 1024 * 1024 + 12345);
  bytes[0] = 0;
  await writeFile(random, bytes);
  photo = join(dir, 'IMG_1771.jpg');
  await copyFile(FIXTURE_JPEG, photo);
});

afterAll(async () => {
  delete process.env.CASEBOOK_PASSPHRASE;
  await rm(dir, { recursive: true, force: true });
});

describe('casebook add', () => {
  it('takes files in as evidence, prints each exhibit number and SHA-256, and info and verify agree', async () => {
    const { here, casebook } = await workDir('ok');
    const before = await run('info', casebook);
    const count = (text: string, label: string) =>
      Number(new RegExp(`${label}: (\\d+)`).exec(text)?.[1]);
    const [itemsBefore, files] = [count(before.out, 'Evidence items'), count(before.out, 'Files')];
    expect(itemsBefore).toBeGreaterThan(0);

    const added = await run('add', casebook, random, photo, '--initials', 'a.b');
    expect(added.code, added.err).toBe(0);
    const out = join(here, 'mine.new.casebook');
    const [first, second] = [await sha256Of(random), await sha256Of(photo)];
    expect(added.out).toContain(`AB/1  ${first}  recording.bin (2.0 MB, application/octet-stream)`);
    expect(added.out).toContain(`AB/2  ${second}  IMG_1771.jpg`);
    expect(added.out).toContain(`Wrote ${out} with 2 new files. ${casebook} is unchanged.`);
    // The original is byte for byte as it was, and only the new file appeared beside it.
    expect(await readFile(casebook)).toEqual(originalBytes);
    expect((await readdir(here)).sort()).toEqual(['mine.casebook', 'mine.new.casebook']);

    const info = await run('info', out);
    expect(info.code).toBe(0);
    expect(count(info.out, 'Evidence items')).toBe(itemsBefore + 2);
    expect(count(info.out, 'Files')).toBe(files + 2);
    const verify = await run('verify', out);
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toMatch(new RegExp(`No problems found.* ${files + 2} files`));

    // The records are what the web app's intake writes.
    const opened = await verifyBackup(
      createReadStream(out),
      { passphrase: PASS },
      { checkFiles: false },
    );
    if (!opened.ok) throw new Error(opened.message);
    const items = opened.value.records
      .flatMap((r) =>
        r.kind === 'evidence' && !r.deleted ? [r.body as Record<string, unknown>] : [],
      )
      .filter((body) => body.source === 'import');
    expect(items).toHaveLength(2);
    expect(items.find((i) => i.exhibitRef === 'AB/1')).toMatchObject({
      sha256: first,
      size: 2 * 1024 * 1024 + 12345,
      originalName: 'recording.bin',
      mediaType: 'application/octet-stream',
      incidents: [],
    });
    expect(items.find((i) => i.exhibitRef === 'AB/2')).toMatchObject({
      sha256: second,
      mediaType: 'image/jpeg',
      extracted: { takenAt: { source: 'exif' } },
    });
    expect(opened.value.files.map((f) => f.sha256)).toEqual(
      expect.arrayContaining([first, second]),
    );
  });

  it('derives the passphrase key once (Argon2id): the verify pass hands its account key to the unlock', async () => {
    const { casebook } = await workDir('one-kdf');
    await sodium.ready;
    const argon2id = vi.spyOn(sodium, 'crypto_pwhash');
    try {
      const added = await run('add', casebook, photo, '--initials', 'AB');
      expect(added.code, added.err).toBe(0);
      // The spy sees the one derivation (so a second one would show), and no other.
      expect(argon2id).toHaveBeenCalledTimes(1);
    } finally {
      argon2id.mockRestore();
    }
  });

  // Linux's count of this process's reads; vitest runs each file in a process of its own.
  it.runIf(existsSync('/proc/self/io'))(
    'reads the casebook once: the restore checks it as it streams in',
    async () => {
      const { casebook } = await workDir('one-read');
      // A casebook far larger than everything else an add reads, so a second read shows.
      const big = join(dirname(casebook), 'big.bin');
      await writeFile(big, randomBytes(8 * 1024 * 1024));
      expect(
        (await run('add', casebook, big, '--initials', 'AB', '--out', `${casebook}.2`)).code,
      ).toBe(0);
      const size = (await stat(`${casebook}.2`)).size;
      const readSoFar = async () =>
        Number(/rchar: (\d+)/.exec(await readFile('/proc/self/io', 'utf8'))?.[1]);
      const before = await readSoFar();
      const added = await run('add', `${casebook}.2`, photo, '--initials', 'AB');
      expect(added.code, added.err).toBe(0);
      const read = (await readSoFar()) - before;
      // Once is the casebook and the photo; twice (positive control: 2 × size) would be over.
      expect(read).toBeGreaterThan(size);
      expect(read).toBeLessThan(1.5 * size);
    },
  );

  it('continues the numbering of the initials already used, and honours --out', async () => {
    const { here, casebook } = await workDir('numbering');
    const out = join(here, 'elsewhere.casebook');
    // The demo numbers its exhibits CB/1, CB/2, ...; the next is one past the highest.
    const opened = await verifyBackup(
      createReadStream(casebook),
      { passphrase: PASS },
      { checkFiles: false },
    );
    if (!opened.ok) throw new Error(opened.message);
    const highest = Math.max(
      ...opened.value.records.map((r) => {
        const ref = r.deleted ? undefined : (r.body as { exhibitRef?: unknown }).exhibitRef;
        return Number(/^CB\/(\d+)$/.exec(String(ref))?.[1] ?? 0);
      }),
    );
    expect(highest).toBeGreaterThan(0);
    const added = await run('add', casebook, photo, '--initials', 'CB', '--out', out);
    expect(added.code, added.err).toBe(0);
    expect(added.out).toMatch(new RegExp(`^CB/${highest + 1}  `));
    expect((await readdir(here)).sort()).toEqual(['elsewhere.casebook', 'mine.casebook']);
  });

  it('refuses a wrong passphrase with exit 2 and writes nothing', async () => {
    const { here, casebook } = await workDir('wrong');
    process.env.CASEBOOK_PASSPHRASE = 'not the passphrase';
    try {
      const result = await run('add', casebook, photo, '--initials', 'AB');
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/passphrase did not open.*Nothing was written\.$/);
    } finally {
      process.env.CASEBOOK_PASSPHRASE = PASS;
    }
    expect(await readdir(here)).toEqual(['mine.casebook']);
    expect(await readFile(casebook)).toEqual(originalBytes);
  });

  it('says plainly when a file to add is missing, or is a folder, and writes nothing', async () => {
    const { here, casebook } = await workDir('missing');
    const missing = join(here, 'no-such-photo.jpg');
    expect(await run('add', casebook, photo, missing, '--initials', 'AB')).toMatchObject({
      code: 2,
      err: `There is no file at ${missing}. Check the name and try again. Nothing was written.`,
    });
    expect(await run('add', casebook, dir, '--initials', 'AB')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/is not a file/),
    });
    expect(await readdir(here)).toEqual(['mine.casebook']);
  });

  it('never overwrites a file, the original included', async () => {
    const { here, casebook } = await workDir('taken');
    const taken = join(here, 'mine.new.casebook');
    await writeFile(taken, 'someone else’s file');
    for (const out of [undefined, casebook]) {
      const result = await run(
        'add',
        casebook,
        photo,
        '--initials',
        'AB',
        ...(out ? ['--out', out] : []),
      );
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/already exists.*never overwrites/);
    }
    expect(await readFile(taken, 'utf8')).toBe('someone else’s file');
    expect(await readFile(casebook)).toEqual(originalBytes);
  });

  it('refuses what it cannot work with, in one sentence each', async () => {
    const { casebook } = await workDir('args');
    const cases: [string[], RegExp][] = [
      [['add', casebook, photo], /needs your initials/],
      [['add', casebook, photo, '--initials', 'A1'], /Initials must be 1 to 4 letters/],
      [['add', casebook], /needs at least one file/],
      [['add'], /needs a file name/],
      [['add', join(dir, 'nope.casebook'), photo, '--initials', 'AB'], /no file at/],
    ];
    for (const [argv, message] of cases) {
      const result = await run(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err, argv.join(' ')).toMatch(message);
    }
  });

  it('verifies first: a casebook with problems is refused, each problem named, nothing written', async () => {
    const { here, casebook } = await workDir('tampered');
    // One record's ciphertext changed by a byte, and the END checksum forged to match.
    const backup = parseBackup(originalBytes);
    const target = envelopeRefs(backup).find((e) => e.kind === 'incident');
    if (!target) throw new Error('the demo has no incident');
    const tampered = reforge(
      editJsonFrame(backup, target.index, (env) => {
        const e = env as { ct: string };
        const ct = Buffer.from(e.ct, 'base64');
        ct[3] = (ct[3] as number) ^ 0x01;
        e.ct = ct.toString('base64');
      }),
    );
    await writeFile(casebook, serialiseBackup(tampered));
    const verify = await run('verify', casebook);
    expect(verify.code, 'verify sees the tampering (positive control)').toBe(1);

    const result = await run('add', casebook, photo, '--initials', 'AB');
    expect(result.code).toBe(2);
    const [first, ...problems] = result.err.split('\n');
    expect(first).toBe(
      `Casebook did not add anything: ${casebook} has problems, so adding to it would hide them. Run casebook verify ${casebook} to see them.`,
    );
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.startsWith('- '))).toBe(true);
    expect(problems.join('\n')).toContain(target.id.slice(0, 8));
    expect(result.out).toBe('');
    expect(await readdir(here)).toEqual(['mine.casebook']);
  });

  it('refuses a damaged casebook with exit 2 before writing anything', async () => {
    const { here, casebook } = await workDir('damaged');
    const damaged = Uint8Array.from(originalBytes);
    const at = Math.floor(damaged.length * 0.7);
    damaged[at] = (damaged[at] as number) ^ 0x40;
    await writeFile(casebook, damaged);
    const result = await run('add', casebook, photo, '--initials', 'AB');
    // Refused either way: as a damaged container, or for the damaged file verify names.
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/damaged.*Nothing was written\.$|has problems[\s\S]*damaged/);
    expect(await readdir(here)).toEqual(['mine.casebook']);
  });

  it('names the new file beside the original', () => {
    expect(defaultOutPath('/a/b/diary.casebook')).toBe('/a/b/diary.new.casebook');
    expect(defaultOutPath('diary.CASEBOOK')).toBe('diary.new.casebook');
    expect(defaultOutPath('backup')).toBe('backup.new.casebook');
  });
});
