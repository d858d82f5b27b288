import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Error messages from exifr's own code (not in any Casebook source): exifr is in a bundle. */
const EXIFR_MARKERS = ['Invalid input argument', 'Unknown file format'];

const webRoot = fileURLToPath(new URL('../..', import.meta.url));
let outDir: string;
let assets: string[];

/** A worker's entry chunk and every chunk it imports, read from the built assets. */
async function bundleOf(workerName: string): Promise<string> {
  const entry = assets.find((f) => f.startsWith(`${workerName}.worker-`) && f.endsWith('.js'));
  if (!entry) throw new Error(`no ${workerName} worker chunk among ${assets.join(', ')}`);
  const seen = new Set<string>();
  const texts: string[] = [];
  const visit = async (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = await readFile(join(outDir, 'assets', file), 'utf8');
    texts.push(text);
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["']\.\/([^"']+\.js)["']/g)) {
      if (m[1]) await visit(m[1]);
    }
  };
  await visit(entry);
  return texts.join('\n');
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'casebook-web-build-'));
  await build({
    root: webRoot,
    configFile: join(webRoot, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });
  assets = await readdir(join(outDir, 'assets'));
}, 120_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('the photo metadata parser (exifr) runs only in the keyless metadata worker', () => {
  it('positive control: the metadata worker bundle contains exifr', async () => {
    const bundle = await bundleOf('metadata');
    for (const marker of EXIFR_MARKERS) expect(bundle.includes(marker), marker).toBe(true);
  });

  it('the vault worker bundle does not', async () => {
    const bundle = await bundleOf('vault');
    expect(bundle.length).toBeGreaterThan(100_000); // the real vault worker, not an empty stub
    for (const marker of EXIFR_MARKERS) expect(bundle.includes(marker), marker).toBe(false);
  });
});
