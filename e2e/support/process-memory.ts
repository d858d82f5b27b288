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
  return kiB / 1024;
}

/** Samples `treeRssMiB` until stopped; returns the first and the highest samples. */
export function sampleMemory(root: number, everyMs = 250) {
  const samples: number[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      samples.push(await treeRssMiB(root));
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop(): Promise<{ first: number; peak: number; samples: number }> {
      stopped = true;
      await loop;
      return { first: samples[0] ?? 0, peak: Math.max(...samples), samples: samples.length };
    },
  };
}
