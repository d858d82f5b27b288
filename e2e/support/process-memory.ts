import { readdir, readFile } from 'node:fs/promises';

async function children(): Promise<Map<number, { ppid: number; rssKiB: number }>> {
  const out = new Map<number, { ppid: number; rssKiB: number }>();
  for (const name of await readdir('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN);
    const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    if (Number.isInteger(ppid)) out.set(pid, { ppid, rssKiB });
  }
  return out;
}

/** Resident memory of a process and all its descendants, in MiB (Linux /proc). */
export async function treeRssMiB(root: number): Promise<number> {
  return (await rssMiB(root)).tree;
}

/** Resident memory of the whole tree and of the root process alone (Chromium's browser process). */
export async function rssMiB(root: number): Promise<{ tree: number; root: number }> {
  const all = await children();
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of all) {
      if (!inTree.has(pid) && inTree.has(p.ppid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  let kiB = 0;
  for (const pid of inTree) kiB += all.get(pid)?.rssKiB ?? 0;
  return { tree: kiB / 1024, root: (all.get(root)?.rssKiB ?? 0) / 1024 };
}

/**
 * Samples `rssMiB` until stopped; returns the first and the highest samples of the tree, and
 * of the other processes (renderers, where the workers run) without the browser process.
 */
export function sampleMemory(root: number, everyMs = 250) {
  const samples: { tree: number; root: number }[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      samples.push(await rssMiB(root));
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop(): Promise<{
      first: number;
      peak: number;
      samples: number;
      browser: { first: number; peak: number };
      others: { first: number; peak: number };
    }> {
      stopped = true;
      await loop;
      const first = samples[0] ?? { tree: 0, root: 0 };
      const peakOf = (pick: (s: { tree: number; root: number }) => number) =>
        Math.max(...samples.map(pick));
      return {
        first: first.tree,
        peak: peakOf((s) => s.tree),
        samples: samples.length,
        browser: { first: first.root, peak: peakOf((s) => s.root) },
        others: { first: first.tree - first.root, peak: peakOf((s) => s.tree - s.root) },
      };
    },
  };
}
