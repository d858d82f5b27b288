/**
 * The PDF report of a large case in Node: N incidents with 100 image exhibits, then 2N, in
 * the same run (each size in a fresh child process, so its peak memory is its own), so the
 * second figure shows whether the cost grows linearly.
 * Run: npx tsx bench/report-pdf.ts [incidents]   (default 1000)
 * Goals (issue 10): N = 1,000 in ≤ 10 s with peak RSS ≤ 500 MiB; 2N ≤ 2.2 × the time of N.
 * Timed: buildSnapshot + renderPdf, after one small warm-up render (pdfmake's first call
 * compiles); the photos are a 311 kB fixture JPEG, embedded 100 times.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { renderPdf } from '../packages/report/src/pdf/render-pdf';
import { buildSnapshot } from '../packages/report/src/snapshot';
import { demoInput, kitInput } from '../packages/report/src/test-kit';
import { loadFonts, loadImage } from '../packages/report/test/node-assets';

const IMAGES = 100;

interface Figures {
  incidents: number;
  images: number;
  pages: number;
  snapshotMs: number;
  ms: number;
  cpuS: number;
  bytes: number;
  peakRss: number;
}

async function measure(incidents: number): Promise<Figures> {
  const fonts = loadFonts();
  const photo = loadImage('IMG_20180725_163423-tiny.jpg');
  await renderPdf(buildSnapshot(kitInput()), { fonts });
  const input = demoInput(incidents, IMAGES, photo);
  const images = new Map(input.evidence.map((e) => [e.body.id as string, photo.bytes]));
  const cpu = process.cpuUsage();
  const start = performance.now();
  const snapshot = buildSnapshot(input);
  const built = performance.now();
  const pdf = await renderPdf(snapshot, { fonts, images });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  // Counted after the peak is read: the count itself needs a copy of the PDF as text.
  const pages = new TextDecoder('latin1').decode(pdf).match(/\/Type \/Page\b/g)?.length ?? 0;
  return {
    incidents: snapshot.incidents.length,
    images: images.size,
    pages,
    snapshotMs: built - start,
    ms,
    cpuS: (used.user + used.system) / 1e6,
    bytes: pdf.length,
    peakRss,
  };
}

const [, , first, second] = process.argv;
if (first === '--child') {
  console.log(JSON.stringify(await measure(Number(second))));
} else {
  const n = Number(first ?? 1000);
  if (!Number.isInteger(n) || n < 1) throw new Error('incidents must be a whole number ≥ 1');
  const script = fileURLToPath(import.meta.url);
  const run = (count: number): Figures => {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, script, '--child', String(count)],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    if (child.status !== 0) throw new Error(`the run with ${count} incidents failed`);
    return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Figures;
  };
  const load = () => loadavg()[0]?.toFixed(1);
  console.log(
    `load average before: ${load()} (2 cores: above 2, wall time is inflated; CPU-s less so)`,
  );
  const one = run(n);
  const two = run(2 * n);
  const mib = (b: number) => (b / 2 ** 20).toFixed(0);
  for (const r of [one, two]) {
    console.log(
      `${r.incidents} incidents, ${r.images} images, ${r.pages} pages: ${(r.ms / 1000).toFixed(2)} s wall (snapshot ${r.snapshotMs.toFixed(0)} ms), ${r.cpuS.toFixed(2)} CPU-s, PDF ${mib(r.bytes)} MiB, peak RSS ${mib(r.peakRss)} MiB`,
    );
  }
  console.log(
    `time ${2 * n} / ${n}: ${(two.ms / one.ms).toFixed(2)} wall, ${(two.cpuS / one.cpuS).toFixed(2)} CPU (goal ≤ 2.2)`,
  );
  const met = one.ms <= 10_000 && one.peakRss <= 500 * 2 ** 20;
  console.log(`${n} incidents ≤ 10 s and ≤ 500 MiB: ${met ? 'met' : 'not met'}`);
}
