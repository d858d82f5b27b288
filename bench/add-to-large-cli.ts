/**
 * Adding a small file to a large casebook through the CLI: `casebook add` of a 1 MiB file to
 * a casebook that already holds `sizeMiB` of evidence. The command reads, checks and writes
 * the whole casebook again, so its reference is a durable copy of that casebook in the same
 * run (`dd bs=1M conv=fsync`), the floor for any command that writes it out anew.
 * Run: npx tsx bench/add-to-large-cli.ts [sizeMiB]   (default 1024; Linux: peak RSS from /proc)
 * BENCH_BASE_BIN=<another checkout>/apps/cli/bin/casebook.mjs also times that build's `add`,
 * alternating with this one's. No goal yet (issue 14 sets one for a large file, not for this).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sizeArgMiB, writeRandomFile } from './support/test-files';
import { load, type Timed, timed } from './support/timed-child';

const MiB = 1024 * 1024;
const RUNS = 3;
const sizeMiB = sizeArgMiB(1024);
const BIN = new URL('../apps/cli/bin/casebook.mjs', import.meta.url).pathname;
const BASE_BIN = process.env.BENCH_BASE_BIN;

const secondsOf = (runs: readonly Timed[]) => runs.map((r) => r.seconds.toFixed(2)).join(', ');
const best = (runs: readonly Timed[]) => Math.min(...runs.map((r) => r.seconds));
const peak = (runs: readonly Timed[]) => Math.max(...runs.map((r) => r.peakRssMiB ?? 0));

async function main(): Promise<void> {
  // The CLI as it runs once built (`npm run build -w @casebook/cli`): the bundle, not tsx.
  await timed(process.execPath, [new URL('../apps/cli/bin/bundle.mjs', import.meta.url).pathname]);
  const loadAtStart = load();
  const dir = mkdtempSync(join(tmpdir(), 'casebook-bench-add-large-'));
  const demo = join(dir, 'demo.casebook');
  const large = join(dir, 'large.casebook');
  const evidence = join(dir, 'evidence.bin');
  const small = join(dir, 'small.bin');
  try {
    await timed(process.execPath, [BIN, 'demo', demo, '--incidents', '100', '--weeks', '8']);
    writeRandomFile(evidence, sizeMiB);
    await timed(process.execPath, [BIN, 'add', demo, evidence, '--initials', 'AB', '--out', large]);
    rmSync(evidence);
    writeRandomFile(small, 1);
    const casebookMiB = statSync(large).size / MiB;

    await timed('sync', []);
    const copy = join(dir, 'copy.casebook');
    const dd: Timed[] = [];
    for (let i = 0; i < 2; i++) {
      dd.push(
        await timed('dd', [`if=${large}`, `of=${copy}`, 'bs=1M', 'conv=fsync', 'status=none']),
      );
      rmSync(copy);
    }

    const add = async (n: number, bin: string) => {
      const out = join(dir, `out-${n}.casebook`);
      const run = await timed(process.execPath, [
        bin,
        'add',
        large,
        small,
        '--initials',
        'AB',
        '--out',
        out,
      ]);
      rmSync(out);
      return run;
    };
    const runs: Timed[] = [];
    const baseRuns: Timed[] = [];
    for (let i = 1; i <= RUNS; i++) {
      if (BASE_BIN) baseRuns.push(await add(100 + i, BASE_BIN));
      runs.push(await add(i, BIN));
    }

    console.log(
      `\nAdding 1 MiB to a casebook of ${casebookMiB.toFixed(0)} MiB, Node ${process.version}`,
    );
    console.log(`load average at the start ${loadAtStart}, at the end ${load()}\n`);
    console.log(
      '| build | casebook add s (runs) | dd conv=fsync of the casebook s | ratio to dd | peak RSS |',
    );
    console.log('|---|---|---|---|---|');
    const row = (what: string, r: readonly Timed[]) =>
      console.log(
        `| ${what} | ${best(r).toFixed(2)} (${secondsOf(r)}) | ${best(dd).toFixed(2)} (${secondsOf(dd)}) | ${(best(dd) / best(r)).toFixed(2)} | ${peak(r).toFixed(0)} MiB |`,
      );
    row('this build', runs);
    if (BASE_BIN) row(`base (${BASE_BIN})`, baseRuns);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
