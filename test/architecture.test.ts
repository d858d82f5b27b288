import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Data flows one way (ARCHITECTURE.md): core <- vault <- apps; report <- apps.
 * A lower package never imports a higher one, and the server never imports the vault.
 */
const ALLOWED: Record<string, readonly string[]> = {
  'packages/core': [],
  'packages/vault': ['@casebook/core'],
  'packages/importers': ['@casebook/core'],
  'packages/report': ['@casebook/core'],
  'apps/cli': ['@casebook/core', '@casebook/vault', '@casebook/report', '@casebook/importers'],
  'apps/web': ['@casebook/core', '@casebook/vault', '@casebook/report', '@casebook/importers'],
  'apps/server': ['@casebook/core'],
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

describe('architecture', () => {
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
    for (const pkg of ['packages/vault', 'packages/importers', 'apps/cli', 'apps/web']) {
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
