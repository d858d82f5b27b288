import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KDF_FLOOR, Vault, writeBackup } from '@casebook/vault';
import { createMemoryStore } from '@casebook/vault/memory';
import {
  BlobReader,
  BlobWriter,
  TextReader,
  Uint8ArrayWriter,
  ZipReader,
  ZipWriter,
} from '@zip.js/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutNewestHistory, parseBackup, serialiseBackup } from '../../test/support/backup-frames';
import { runMain } from '../../test/support/run-cli';

const PASS = 'a passphrase for the bundle history tests';

const run = runMain;

async function bytesOf(store: ReturnType<typeof createMemoryStore>) {
  const parts: Uint8Array[] = [];
  for await (const p of writeBackup(store)) parts.push(p);
  return Buffer.concat(parts);
}

let dir = '';
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  process.env.CASEBOOK_PASSPHRASE = PASS;
  dir = await mkdtemp(join(tmpdir(), 'casebook-against-bundle-'));
  const store = createMemoryStore();
  const { vault } = await Vault.create(store, PASS, { kdf: KDF_FLOOR });
  const late = [
    { kind: 'incident', id: 'I000000000000000000001', rev: 1 },
    { kind: 'incident', id: 'I000000000000000000002', rev: 1 },
  ];
  for (const r of late) await vault.put(r.kind, r.id, { whatHappened: `seen ${r.id}` });
  const full = await bytesOf(store);
  await writeFile(path('full.casebook'), full);
  // The attack: the newest entries cut, after a bundle holding them was handed over.
  await writeFile(
    path('cut.casebook'),
    serialiseBackup(cutNewestHistory(parseBackup(full), 2, late)),
  );
  const other = createMemoryStore();
  await Vault.create(other, PASS, { kdf: KDF_FLOOR });
  await writeFile(path('other.casebook'), await bytesOf(other));
  const made = await run('export', path('full.casebook'), '--bundle', path('handed.zip'));
  expect(made.code, made.err).toBe(0);
});

afterAll(async () => {
  delete process.env.CASEBOOK_PASSPHRASE;
  await rm(dir, { recursive: true, force: true });
});

describe('casebook verify <file.casebook> --against <bundle.zip>', () => {
  it('the casebook the bundle came from still holds its history (positive control)', async () => {
    const result = await run('verify', path('full.casebook'), '--against', path('handed.zip'));
    expect(result.err).toBe('');
    expect(result.out).toMatch(/Its history includes the checkpoint 2-/);
    expect(result.code).toBe(0);
  });

  it('names a history cut after the bundle was handed over', async () => {
    const result = await run('verify', path('cut.casebook'), '--against', path('handed.zip'));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      /Its history ends at entry 0, earlier than the checkpoint 2-[0-9A-F]{4}/,
    );
    expect(result.out).not.toMatch(/Its history includes the checkpoint/);
  });

  it('says a bundle from another casebook says nothing about this one', async () => {
    const result = await run('verify', path('other.casebook'), '--against', path('handed.zip'));
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/made from a different casebook/);
  });

  it('refuses a bundle whose audit log does not check (exit 2)', async () => {
    const reader = new ZipReader(
      new BlobReader(
        new Blob([await import('node:fs/promises').then((f) => f.readFile(path('handed.zip')))]),
      ),
    );
    const writer = new ZipWriter(new BlobWriter('application/zip'));
    for (const entry of await reader.getEntries()) {
      if (entry.directory || !('getData' in entry) || !entry.getData) continue;
      const bytes = await entry.getData(new Uint8ArrayWriter());
      if (entry.filename === 'audit/chain.jsonl') {
        const lines = new TextDecoder().decode(bytes).trimEnd().split('\n');
        await writer.add(entry.filename, new TextReader(`${lines.slice(0, -1).join('\n')}\n`));
      } else {
        await writer.add(
          entry.filename,
          new BlobReader(new Blob([bytes as Uint8Array<ArrayBuffer>])),
        );
      }
    }
    await reader.close();
    await writeFile(path('broken.zip'), new Uint8Array(await (await writer.close()).arrayBuffer()));
    const result = await run('verify', path('full.casebook'), '--against', path('broken.zip'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/does not check/);
  });
});
