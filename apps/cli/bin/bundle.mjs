/**
 * The CLI bundled with esbuild (already in node_modules through Vite), so a command starts
 * without tsx compiling some 250 TypeScript modules on each run (0.70 s → 0.30 s for `help`,
 * measured 2026-12-03). Only the workspace's own sources (`@casebook/*`, which export
 * TypeScript) go into the bundle; every other package is loaded from node_modules as usual.
 *
 * `npm run build -w @casebook/cli` writes apps/cli/dist/ with a manifest of every source file
 * that went in (size and mtime). bin/casebook.mjs runs the bundle only while each of them is
 * unchanged, and otherwise the sources through tsx, as before: a stale bundle is never run, and
 * a clean clone works without building.
 */
import { readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = resolve(CLI, '../..');
export const DIST = join(CLI, 'dist');
const MANIFEST = 'manifest.json';
const THIS_FILE = fileURLToPath(import.meta.url);

/** What decides a file is unchanged: its size and modification time. */
function fingerprint(path) {
  const info = statSync(path);
  return `${info.size}:${info.mtimeMs}`;
}

/**
 * The bundle's entry modules in `dist`, or undefined when there is none or any source file it
 * was built from (or this script) changed, moved or went away since.
 */
export function freshBundle(dist = DIST) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dist, MANIFEST), 'utf8'));
  } catch {
    return undefined;
  }
  if (manifest?.root !== ROOT || !Array.isArray(manifest.inputs)) return undefined;
  try {
    for (const [path, print] of manifest.inputs) {
      if (fingerprint(resolve(ROOT, path)) !== print) return undefined;
    }
  } catch {
    return undefined;
  }
  return { main: join(dist, 'main.js'), io: join(dist, 'io.js') };
}

/**
 * A source file's `import.meta.url` would name the bundle's chunk instead of the file (the demo
 * finds its fixtures relative to its own source): give each such file its own URL back.
 */
const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/** Bundles the workspace's packages; leaves every other package to node_modules. */
const onlyWorkspacePackages = {
  name: 'only-workspace-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@casebook/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** Builds the bundle into `dist` (replacing what was there), with its manifest. */
export async function buildBundle(dist = DIST) {
  const { build } = await import('esbuild');
  const staging = `${dist}.build-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: { main: join(CLI, 'src/main.ts'), io: join(CLI, 'src/io.ts') },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outdir: staging,
      plugins: [onlyWorkspacePackages, keepImportMetaUrl],
      metafile: true,
      logLevel: 'warning',
    });
    const sources = Object.keys(result.metafile.inputs).map((path) => resolve(ROOT, path));
    const inputs = [...sources, THIS_FILE].map((path) => [relative(ROOT, path), fingerprint(path)]);
    await writeFile(join(staging, MANIFEST), `${JSON.stringify({ root: ROOT, inputs })}\n`);
    await rm(dist, { recursive: true, force: true });
    await rename(staging, dist);
    return { dist, inputs: inputs.length };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] === THIS_FILE) {
  const out = process.argv[2] ? resolve(process.argv[2]) : DIST;
  const { dist, inputs } = await buildBundle(out);
  process.stdout.write(`Bundled the CLI from ${inputs} source files into ${dist}.\n`);
}
