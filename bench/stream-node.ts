/**
 * Evidence STREAM throughput and memory against `openssl dgst -sha256` of the same file.
 * Run: npx tsx bench/stream-node.ts [sizeMiB]   (default 1024; add --expose-gc for steadier memory)
 * Goals: ratio = openssl time / our time ≥ 0.5; peak extra memory ≤ 64 MiB.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  encryptBlob,
  nobleSha256,
  type Sha256HasherFactory,
} from '../packages/vault/src/blob/index';
import { sizeArgMiB, writeRandomFile } from './support/test-files';

const MiB = 1024 * 1024;
const RUNS = 2;
const sizeMiB = sizeArgMiB(1024);

const hashers: Record<string, Sha256HasherFactory> = {
  'node:crypto': () => createHash('sha256'),
  noble: nobleSha256,
};

interface Run {
  seconds: number;
  sha256: string;
  peakRssMiB: number;
  peakHeapMiB: number;
}

function opensslSha256(path: string): { seconds: number; sha256: string } {
  const start = performance.now();
  const out = execFileSync('openssl', ['dgst', '-sha256', '-r', path], { encoding: 'utf8' });
  return { seconds: (performance.now() - start) / 1000, sha256: out.split(' ')[0] ?? '' };
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function encryptFile(path: string, hasher: Sha256HasherFactory): Promise<Run> {
  collectGarbage();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed + base.external;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
  };
  const timer = setInterval(sample, 5);
  const start = performance.now();
  let sha256 = '';
  try {
    const source = createReadStream(path, { highWaterMark: MiB });
    const items = encryptBlob(source, {
      dek: new Uint8Array(32).fill(1),
      blobId: new Uint8Array(16).fill(2),
      hasher,
      onProgress: sample,
    });
    for await (const item of items) {
      if (item.type === 'end') sha256 = item.sha256;
    }
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    seconds,
    sha256,
    peakRssMiB: (peakRss - base.rss) / MiB,
    peakHeapMiB: (peakHeap - base.heapUsed - base.external) / MiB,
  };
}

function hashOnlyMiBps(hasher: Sha256HasherFactory): number {
  const block = randomFillSync(Buffer.alloc(MiB));
  const h = hasher();
  const start = performance.now();
  for (let i = 0; i < 256; i++) h.update(block);
  h.digest();
  return 256 / ((performance.now() - start) / 1000);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
  const path = join(dir, 'random.bin');
  try {
    writeRandomFile(path, sizeMiB);
    const openssl = Array.from({ length: RUNS }, () => opensslSha256(path));
    const opensslBest = Math.min(...openssl.map((r) => r.seconds));
    const expected = openssl[0]?.sha256;

    console.log(`\nEvidence STREAM v1 encrypt + SHA-256, ${sizeMiB} MiB, Node ${process.version}`);
    console.log(`openssl dgst -sha256: ${opensslBest.toFixed(3)} s (best of ${RUNS})\n`);
    console.log(
      '| size | hasher | openssl s | encryptBlob s | MiB/s | ratio | peak extra RSS MiB | peak extra heap+external MiB |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const [name, hasher] of Object.entries(hashers)) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await encryptFile(path, hasher));
      for (const run of runs) {
        if (run.sha256 !== expected) throw new Error(`${name}: SHA-256 differs from openssl's`);
      }
      const best = Math.min(...runs.map((r) => r.seconds));
      const rss = Math.max(...runs.map((r) => r.peakRssMiB));
      const heap = Math.max(...runs.map((r) => r.peakHeapMiB));
      console.log(
        `| ${sizeMiB} MiB | ${name} | ${opensslBest.toFixed(2)} | ${best.toFixed(2)} | ${(sizeMiB / best).toFixed(0)} | ${(opensslBest / best).toFixed(2)} | ${rss.toFixed(1)} | ${heap.toFixed(1)} |`,
      );
    }
    const hashOnly = Object.entries(hashers)
      .map(([name, hasher]) => `${name} ${hashOnlyMiBps(hasher).toFixed(0)} MiB/s`)
      .join(', ');
    console.log(`\nSHA-256 alone, in memory: ${hashOnly}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
