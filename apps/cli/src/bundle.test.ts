import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, freshBundle } from '../bin/bundle.mjs';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..');
// Inside the repository, so the bundle finds node_modules as apps/cli/dist does.
const dist = join(CLI, '.tmp', `bundle-test-${process.pid}`);
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casebook-bundle-'));
  await buildBundle(dist);
});

afterAll(async () => {
  await rm(dist, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

/** Runs the bundled CLI's `main` in a child process, as bin/casebook.mjs does. */
async function bundled(entry: string, ...argv: string[]) {
  const script = `const { main } = await import(${JSON.stringify(pathToFileURL(entry).href)});
process.exitCode = await main(${JSON.stringify(argv)});`;
  return run(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, CASEBOOK_PASSPHRASE: 'a demo passphrase for tests' },
  });
}

describe('the bundled CLI', () => {
  it('runs from the bundle while every source in it is unchanged: demo, then verify', async () => {
    const entries = freshBundle(dist);
    expect(entries).toBeDefined();
    const out = join(dir, 'demo.casebook');
    // demo reads its fixture images relative to its own source file (import.meta.url).
    await bundled(entries?.main ?? '', 'demo', out, '--incidents', '5', '--weeks', '2');
    const verified = await bundled(entries?.main ?? '', 'verify', out);
    expect(verified.stdout).toMatch(/No problems found/);
  }, 60_000);

  it('is not used once a source file it was built from has changed', async () => {
    const manifestPath = join(dist, 'manifest.json');
    const saved = await readFile(manifestPath, 'utf8');
    const manifest = JSON.parse(saved) as { inputs: [string, string][] };
    const vault = manifest.inputs.findIndex(([path]) => path.endsWith('vault/src/kdf.ts'));
    expect(vault).toBeGreaterThanOrEqual(0);
    try {
      const [path] = manifest.inputs[vault] ?? [''];
      manifest.inputs[vault] = [path, '1:1'];
      await writeFile(manifestPath, JSON.stringify(manifest));
      expect(freshBundle(dist)).toBeUndefined();
    } finally {
      await writeFile(manifestPath, saved);
    }
    expect(freshBundle(dist)).toBeDefined();
  });

  it('is not used when there is none', () => {
    expect(freshBundle(join(dir, 'no-such-dist'))).toBeUndefined();
  });
});
