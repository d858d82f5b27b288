import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Data flows one way (ARCHITECTURE.md): core <- vault <- apps; core <- report <- handover
 * <- apps, where handover (which reads the vault into a report) is the one place both meet.
 * A lower package never imports a higher one, and the server never imports the vault.
 */
const ALLOWED: Record<string, readonly string[]> = {
  'packages/core': [],
  'packages/vault': ['@casebook/core'],
  'packages/importers': ['@casebook/core'],
  'packages/report': ['@casebook/core'],
  'packages/handover': ['@casebook/core', '@casebook/vault', '@casebook/report'],
  'packages/sync': [],
  'apps/cli': [
    '@casebook/core',
    '@casebook/vault',
    '@casebook/report',
    '@casebook/importers',
    '@casebook/handover',
    '@casebook/sync',
  ],
  'apps/web': [
    '@casebook/core',
    '@casebook/vault',
    '@casebook/report',
    '@casebook/importers',
    '@casebook/handover',
    // The protocol client, in the vault worker (ARCHITECTURE.md: sync <- apps/cli, apps/web).
    '@casebook/sync',
  ],
  // The server's tests drive it through the real client; its src imports core only.
  'apps/server': ['@casebook/core', '@casebook/sync'],
};

const root = new URL('..', import.meta.url).pathname;
const IMPORT =
  /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

async function sourceFiles(dir: string): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(path)));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** The package-level imports of a file: our own packages, or a relative path leaving the package. */
function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? '');
}

function violations(pkg: string, file: string, specifiers: string[]): string[] {
  const allowed = ALLOWED[pkg] ?? [];
  const out: string[] = [];
  for (const spec of specifiers) {
    if (spec.startsWith('@casebook/')) {
      const name = spec.split('/').slice(0, 2).join('/');
      if (!allowed.includes(name)) out.push(`${relative(root, file)} imports ${spec}`);
    } else if (spec.startsWith('.')) {
      const target = relative(join(root, pkg), join(file, '..', spec));
      // Reaching into another package by relative path (fixtures at the repo root are fine).
      if (target.startsWith('..') && !target.includes('fixtures')) {
        out.push(`${relative(root, file)} reaches outside ${pkg}: ${spec}`);
      }
    }
  }
  return out;
}

/** Resolves a relative import to a source file of the same package, or undefined. */
function resolveRelative(
  file: string,
  spec: string,
  known: ReadonlySet<string>,
): string | undefined {
  const base = join(file, '..', spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}

/** Every cycle of relative imports (type-only imports count: a circle is a circle). */
function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('architecture', () => {
  it('the cycle finder sees a circle (positive control)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(importCycles(graph)).toEqual([['a', 'b', 'c']]);
    expect(importCycles(new Map([['a', ['b']]]))).toEqual([]);
  });

  it('no package imports in a circle', async () => {
    const graph = new Map<string, string[]>();
    for (const pkg of Object.keys(ALLOWED)) {
      const files = (await sourceFiles(join(root, pkg))).filter((f) => !/\.test\.tsx?$/.test(f));
      const known = new Set(files);
      for (const file of files) {
        const specs = importsOf(await readFile(file, 'utf8')).filter((s) => s.startsWith('.'));
        graph.set(
          file,
          specs.flatMap((spec) => resolveRelative(file, spec, known) ?? []),
        );
      }
    }
    const cycles = importCycles(graph).map((c) => c.map((f) => relative(root, f)).join(' -> '));
    expect(cycles).toEqual([]);
  });

  it('the checker sees a forbidden import (positive control)', () => {
    const bad =
      "import { Vault } from '@casebook/vault';\nexport * from '../../apps/cli/src/main';";
    expect(
      violations('packages/core', join(root, 'packages/core/src/x.ts'), importsOf(bad)),
    ).toHaveLength(2);
    expect(
      violations(
        'packages/vault',
        join(root, 'packages/vault/src/x.ts'),
        importsOf("import type { A } from '@casebook/core';"),
      ),
    ).toEqual([]);
  });

  it('the server may not import the vault (positive control)', () => {
    const file = join(root, 'apps/server/src/x.ts');
    expect(
      violations('apps/server', file, importsOf("import { openVault } from '@casebook/vault';")),
    ).toHaveLength(1);
    expect(
      violations('apps/server', file, importsOf("import { canonicalJson } from '@casebook/core';")),
    ).toEqual([]);
  });

  it('every package imports only what is below it', async () => {
    const found: string[] = [];
    let files = 0;
    for (const pkg of Object.keys(ALLOWED)) {
      for (const file of await sourceFiles(join(root, pkg))) {
        files += 1;
        found.push(...violations(pkg, file, importsOf(await readFile(file, 'utf8'))));
      }
    }
    expect(files).toBeGreaterThan(50);
    expect(found).toEqual([]);
  });

  it('each package declares the workspace packages it imports', async () => {
    for (const pkg of [
      'packages/vault',
      'packages/importers',
      'packages/report',
      'packages/handover',
      'apps/cli',
      'apps/web',
      'apps/server',
    ]) {
      const manifest = JSON.parse(await readFile(join(root, pkg, 'package.json'), 'utf8'));
      const declared = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
      const used = new Set<string>();
      for (const file of await sourceFiles(join(root, pkg))) {
        for (const spec of importsOf(await readFile(file, 'utf8'))) {
          if (spec.startsWith('@casebook/')) used.add(spec.split('/').slice(0, 2).join('/'));
        }
      }
      for (const name of used) expect(declared, `${pkg} uses ${name}`).toContain(name);
    }
  });
});
