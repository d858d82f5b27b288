/**
 * A file smuggled in as a "folder": zip.js reads an entry whose DOS folder bit is set as a
 * folder whatever its name and bytes, while unzip writes it out as a file. A bundle with one
 * must never be called intact (found by the review of the bundle verifier).
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Uint8ArrayReader, ZipReader, ZipWriter } from '@zip.js/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../test/support/run-cli';
import { FileHandleReader } from './file-handle-reader';
import { newFileWritable } from './file-writable';
import { makeKey, syntheticExhibit, writeBundleFile } from './test-bundle';

let dir = '';
let bundle = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casebook-folder-bit-'));
  bundle = join(dir, 'bundle.zip');
  const outcome = await writeBundleFile(
    bundle,
    [await syntheticExhibit('JD/1', 'IMG_2041.jpg', 5000)],
    makeKey(),
  );
  expect(outcome.ok).toBe(true);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The bundle with one more entry, its DOS folder bit set (0x10), holding bytes. */
async function withFolderBitEntry(name: string, to: string): Promise<void> {
  const handle = await open(bundle, 'r');
  try {
    const { writable, done } = newFileWritable(to);
    const writer = new ZipWriter(writable, { zip64: true, useWebWorkers: false });
    await writer.appendZip(new FileHandleReader(handle));
    await writer.add(name, new Uint8ArrayReader(new TextEncoder().encode('SMUGGLED '.repeat(50))), {
      level: 0,
      msDosCompatible: true,
      externalFileAttributes: 0x10,
    });
    await writer.close();
    const written = await done;
    if (!written.ok) throw new Error(written.message);
  } finally {
    await handle.close();
  }
}

async function entryIsFolder(path: string, name: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const entries = await new ZipReader(new FileHandleReader(handle), {
      useWebWorkers: false,
    }).getEntries();
    return entries.find((e) => e.filename === name)?.directory === true;
  } finally {
    await handle.close();
  }
}

describe('a file with the folder bit set', () => {
  it('the untouched bundle is intact (positive control)', async () => {
    expect((await runMain('verify', bundle)).code).toBe(0);
  });

  it.each([
    ['an extra exhibit', 'evidence/JD-9_threat-from-her.jpg'],
    ['a second copy of a real exhibit, in other capitals', 'evidence/jd-1_img_2041.JPG'],
  ])('%s smuggled in is named, never intact', async (_what, name) => {
    const altered = join(dir, `${name.replace(/\W/g, '_')}.zip`);
    await withFolderBitEntry(name, altered);
    // The attack is real: zip.js takes the entry for a folder.
    expect(await entryIsFolder(altered, name)).toBe(true);
    const result = await runMain('verify', altered);
    expect(result.code).toBe(1);
    expect(result.out).toContain(name);
    expect(result.out).not.toMatch(/Bundle intact/);
  });
});
