import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KDF_FLOOR, Vault, writeBackup } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cutNewestHistory,
  editJsonFrame,
  endIndex,
  parseBackup,
  serialiseBackup,
} from '../test/support/backup-frames';
import type { Output } from './io';
import { main } from './main';

const PASS = 'a passphrase for the history tests';

async function run(...argv: string[]) {
  const lines = { out: [] as string[], err: [] as string[] };
  const output: Output = { out: (l) => lines.out.push(l), err: (l) => lines.err.push(l) };
  const code = await main(argv, output);
  return { code, out: lines.out.join('\n'), err: lines.err.join('\n') };
}

async function bytesOf(store: ReturnType<typeof createMemoryStore>) {
  const parts: Uint8Array[] = [];
  for await (const p of writeBackup(store)) parts.push(p);
  return Buffer.concat(parts);
}

let dir = '';
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  process.env.CASEBOOK_PASSPHRASE = PASS;
  dir = await mkdtemp(join(tmpdir(), 'casebook-history-'));
  const store = createMemoryStore();
  const { vault } = await Vault.create(store, PASS, { kdf: KDF_FLOOR });
  await vault.put('incident', 'I000000000000000000001', { whatHappened: 'Outside my work' });
  await vault.put('incident', 'I000000000000000000002', {
    whatHappened: 'Letter through the door',
  });
  const early = await bytesOf(store);
  await writeFile(path('early.casebook'), early);
  const late = [
    { kind: 'incident', id: 'I000000000000000000003', rev: 1 },
    { kind: 'incident', id: 'I000000000000000000004', rev: 1 },
    { kind: 'incident', id: 'I000000000000000000001', rev: 2 },
  ];
  for (const r of late) await vault.put(r.kind, r.id, { whatHappened: `later ${r.id} ${r.rev}` });
  const full = await bytesOf(store);
  await writeFile(path('full.casebook'), full);
  // The attack: the newest three entries cut with their records, the rest re-assembled.
  const cut = cutNewestHistory(parseBackup(full), 3, late);
  await writeFile(path('cut.casebook'), serialiseBackup(cut));
  // And the cleverer one: the early copy's genuine checkpoint put on the cut file.
  const earlyEnd = parseBackup(early).frames[endIndex(parseBackup(early))];
  const replayed = editJsonFrame(cut, endIndex(cut), (end) => ({
    ...(end as object),
    checkpoint: (JSON.parse(new TextDecoder().decode(earlyEnd?.payload)) as { checkpoint: unknown })
      .checkpoint,
  }));
  await writeFile(path('replayed.casebook'), serialiseBackup(replayed));
});

afterAll(async () => {
  delete process.env.CASEBOOK_PASSPHRASE;
  await rm(dir, { recursive: true, force: true });
});

const fingerprintIn = (text: string) => /checkpoint (\d+(?:-[0-9A-F]{4}){5})/.exec(text)?.[1] ?? '';

describe('casebook verify names a history that was cut', () => {
  it('an untouched file: the checkpoint it reached, and no problems (positive control)', async () => {
    const result = await run('verify', path('full.casebook'));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/History checked up to entry 5, signed .* UTC: checkpoint 5-/);
    expect(result.out).toMatch(/No problems found/);
  });

  it('a cut with its counts re-made is named, exit 1', async () => {
    const result = await run('verify', path('cut.casebook'));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /ends at entry 2, but its signed checkpoint .* says it reached entry 5/,
    );
  });

  it('an older genuine checkpoint put back: alone it is an older copy; --expect and --against name the cut', async () => {
    const alone = await run('verify', path('replayed.casebook'));
    expect(alone.code).toBe(0);
    expect(alone.out).toMatch(/History checked up to entry 2/);
    const full = await run('verify', path('full.casebook'));
    const printed = fingerprintIn(full.out);
    expect(printed).toMatch(/^5-/);

    const expected = await run('verify', path('replayed.casebook'), '--expect', printed);
    expect(expected.code).toBe(1);
    expect(expected.out).toMatch(/ends at entry 2, earlier than the checkpoint/);
    // Typed loosely, as a person reads it off paper.
    const loose = await run(
      'verify',
      path('full.casebook'),
      '--expect',
      printed.toLowerCase().replaceAll('-', ' '),
    );
    expect(loose.code, loose.err).toBe(0);
    expect(loose.out).toMatch(/includes the checkpoint/);

    const against = await run(
      'verify',
      path('replayed.casebook'),
      '--against',
      path('full.casebook'),
    );
    expect(against.code).toBe(1);
    expect(against.out).toMatch(/ends earlier than the copy of \d+ \w+ \d{4} at \d\d:\d\d UTC/);
    // Positive control: the full copy holds the early one.
    const holds = await run('verify', path('full.casebook'), '--against', path('early.casebook'));
    expect(holds.code, holds.err).toBe(0);
    expect(holds.out).toMatch(/includes everything in the copy of .*, and 3 entries since/);
  });

  it('refuses a fingerprint it cannot read, exit 2', async () => {
    const result = await run('verify', path('full.casebook'), '--expect', 'not-a-fingerprint');
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/not a checkpoint fingerprint/);
  });

  it('casebook add refuses the cut file and writes nothing', async () => {
    const before = await readdir(dir);
    const photo = path('note.txt');
    await writeFile(photo, 'a note');
    const added = await run('add', path('cut.casebook'), photo, '--initials', 'AB');
    expect(added.code).toBe(2);
    expect(added.err).toMatch(/has problems/);
    expect(added.err).toMatch(/ends at entry 2/);
    expect((await readdir(dir)).sort()).toEqual([...before, 'note.txt'].sort());
  });
});
