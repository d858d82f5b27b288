import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * Emits dist/sw.js: the hand-written service worker in ./service-worker.js with the list of
 * app-shell files (every built asset and public file) and a version hash filled in.
 */
export function shellServiceWorker(): Plugin {
  let publicDir = '';
  return {
    name: 'casebook-shell-service-worker',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter((name) => !name.endsWith('.map'));
      const fromPublic = publicDir ? listFiles(publicDir).map((f) => relative(publicDir, f)) : [];
      const shell = [...new Set(['/', ...[...built, ...fromPublic].map((f) => `/${f}`)])].sort();
      // The version changes whenever any file's content changes, so the old cache is replaced.
      const hash = createHash('sha256');
      for (const name of built) {
        const item = bundle[name];
        if (item?.type === 'chunk') hash.update(item.code);
        else if (item?.type === 'asset') hash.update(item.source);
      }
      for (const f of fromPublic) hash.update(readFileSync(join(publicDir, f)));
      const template = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: template
          .replace('self.__SHELL_VERSION__', JSON.stringify(hash.digest('hex').slice(0, 16)))
          .replace('self.__SHELL_FILES__', JSON.stringify(shell)),
      });
    },
  };
}
