/**
 * The evidence bundle: write one with N MiB of synthetic evidence (made as streams, never held
 * in memory) to a temp file, then `casebook verify` it, against `unzip` + `sha256sum -c` of
 * the unzipped files in the same run.
 * Run: npx tsx bench/bundle.ts [MiB]   (default 2048; Linux: peak RSS from /proc)
 * Goals (issue #10): memory flat while writing and verifying (≤ 200 MiB growth); verify ≥ 0.5 ×
 * the speed of sha256sum -c on the unzipped files.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeKey, syntheticExhibit, writeBundleFile } from '../apps/cli/src/bundle/test-bundle';
import { sizeArgMiB } from './support/test-files';
import { timed } from './support/timed-child';

const MiB = 1024 * 1024;
const sizeMiB = sizeArgMiB(2048);
const BIN = new URL('../apps/cli/bin/casebook.mjs', import.meta.url).pathname;

const mib = (n: number | undefined) => (n === undefined ? 'n/a' : `${n.toFixed(0)} MiB`);
const rate = (bytes: number, s: number) => `${(bytes / MiB / s).toFixed(0)} MiB/s`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-bundle-'));
  const bundle = join(dir, 'bundle.zip');
  try {
    // A few large files and some small ones, as a case with video and photos would have.
    const big = Math.floor((sizeMiB * MiB) / 4);
    const sizes = [big * 2, big, big - 40 * 100_000, ...Array(40).fill(100_000)];
    const evidence = [];
    for (const [i, size] of sizes.entries())
      evidence.push(await syntheticExhibit(`JD/${i + 1}`, `file ${i + 1}.mp4`, size));
    const evidenceBytes = sizes.reduce((n, s) => n + s, 0);
    const key = makeKey();

    globalThis.gc?.();
    const before = process.memoryUsage().rss / MiB;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss / MiB);
    }, 20);
    const start = performance.now();
    const outcome = await writeBundleFile(bundle, evidence, key);
    const writeSeconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    if (!outcome.ok) throw new Error(outcome.message);
    const zipBytes = statSync(bundle).size;

    const help = await timed(process.execPath, [BIN, 'help']);
    const verify = await timed(process.execPath, [BIN, 'verify', bundle]);
    if (!verify.stdout.startsWith('Bundle intact')) throw new Error(verify.stdout);
    const out = join(dir, 'unzipped');
    const unzip = await timed('unzip', ['-q', bundle, '-d', out]);
    const sha = await timed('sha256sum', ['-c', '--quiet', 'MANIFEST.sha256'], out);

    console.log(
      `Evidence bundle, ${sizes.length} files, ${(evidenceBytes / MiB).toFixed(0)} MiB of evidence; ZIP ${(zipBytes / MiB).toFixed(0)} MiB; load ${loadavg()[0]?.toFixed(1)} on 2 cores`,
    );
    console.log('| step | time | throughput | peak RSS | growth |');
    console.log('|---|---|---|---|---|');
    console.log(
      `| write (in process) | ${writeSeconds.toFixed(1)} s | ${rate(evidenceBytes, writeSeconds)} | ${mib(peak)} | +${mib(peak - before)} |`,
    );
    console.log(
      `| casebook verify | ${verify.seconds.toFixed(1)} s | ${rate(zipBytes, verify.seconds)} | ${mib(verify.peakRssMiB)} | +${mib((verify.peakRssMiB ?? 0) - (help.peakRssMiB ?? 0))} over \`casebook help\` (${mib(help.peakRssMiB)}) |`,
    );
    console.log(
      `| unzip -q | ${unzip.seconds.toFixed(1)} s | ${rate(zipBytes, unzip.seconds)} | ${mib(unzip.peakRssMiB)} | |`,
    );
    console.log(
      `| sha256sum -c | ${sha.seconds.toFixed(1)} s | ${rate(zipBytes, sha.seconds)} | ${mib(sha.peakRssMiB)} | |`,
    );
    console.log(
      `ratio (sha256sum -c time / verify time): ${(sha.seconds / verify.seconds).toFixed(2)}; (unzip + sha256sum -c) / verify: ${((unzip.seconds + sha.seconds) / verify.seconds).toFixed(2)} (goal ≥ 0.5)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
