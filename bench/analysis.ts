/**
 * Pattern analysis of 10,000 incidents against a reference measured in the same run.
 * Run: npx tsx bench/analysis.ts [incidents]   (default 10000)
 * Goal: analyseCasebook ≤ 100 ms (median of 5 runs). The reference is a plain sort of the
 * incidents by start instant, so the ratio shows the cost relative to this machine's speed.
 */
import { analyseCasebook } from '../packages/core/src/analysis/index';
import { buildDemoCasebook } from '../packages/core/src/demo/build-demo-casebook';
import { instantOf } from '../packages/core/src/records/to-zoned-date-time';

const RUNS = 5;
const WARM_UPS = 3;
const count = Number(process.argv[2] ?? 10_000);
if (!Number.isInteger(count) || count < 1) throw new Error('incidents must be a whole number ≥ 1');

const zone = 'Europe/London';
const { incidents } = buildDemoCasebook({
  seed: 20250303,
  incidents: count,
  weeks: 52,
  startDate: '2024-06-03',
  zone,
});
const options = { now: new Date('2025-06-02T12:00:00Z'), zone };

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time(fn: () => unknown): number {
  for (let i = 0; i < WARM_UPS; i++) fn();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    runs.push(performance.now() - start);
  }
  return median(runs);
}

const reference = time(() =>
  incidents
    .map((incident) => ({ incident, at: instantOf(incident.when.start).getTime() }))
    .sort((a, b) => a.at - b.at),
);
const analysis = time(() => analyseCasebook(incidents, options));
const total = analyseCasebook(incidents, options).total;
if (total !== count) throw new Error(`analysed ${total} of ${count} incidents`);

console.log(
  '| incidents | analyseCasebook (median of 5) | reference: sort by instant | ratio | goal |',
);
console.log('|---:|---:|---:|---:|---|');
console.log(
  `| ${count.toLocaleString('en-GB')} | ${analysis.toFixed(1)} ms | ${reference.toFixed(1)} ms | ${(analysis / reference).toFixed(1)}× | ≤ 100 ms ${analysis <= 100 ? '✓' : '✗'} |`,
);
