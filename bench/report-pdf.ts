/**
 * The PDF report of a large case in Node: N incidents with 100 image exhibits, then 2N, in
 * the same run, so the second figure shows whether the cost grows linearly.
 * Run: npx tsx bench/report-pdf.ts [incidents]   (default 1000)
 * Goals (issue 10): N = 1,000 in ≤ 10 s with peak RSS ≤ 500 MiB; 2N ≤ 2.2 × the time of N.
 * Each size is rendered once after one small warm-up render (pdfmake's first call compiles).
 */

import { renderPdf } from '../packages/report/src/pdf/render-pdf';
import { buildSnapshot } from '../packages/report/src/snapshot';
import { demoInput, kitInput } from '../packages/report/src/test-kit';
import { loadFonts, loadImage } from '../packages/report/test/node-assets';

const IMAGES = 100;
const n = Number(process.argv[2] ?? 1000);
if (!Number.isInteger(n) || n < 1) throw new Error('incidents must be a whole number ≥ 1');

const fonts = loadFonts();
const photo = loadImage('IMG_20180725_163423-tiny.jpg');
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

async function measure(incidents: number) {
  const input = demoInput(incidents, IMAGES, photo);
  const images = new Map(input.evidence.map((e) => [e.body.id as string, photo.bytes]));
  const cpu = process.cpuUsage();
  const start = performance.now();
  const snapshot = buildSnapshot(input);
  const built = performance.now();
  const pdf = await renderPdf(snapshot, { fonts, images });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return {
    incidents: snapshot.incidents.length,
    images: images.size,
    snapshotMs: built - start,
    ms,
    cpuS: (used.user + used.system) / 1e6,
    bytes: pdf.length,
    peakRss: process.resourceUsage().maxRSS * 1024,
  };
}

await renderPdf(buildSnapshot(kitInput()), { fonts });
const one = await measure(n);
const two = await measure(2 * n);
for (const r of [one, two]) {
  console.log(
    `${r.incidents} incidents, ${r.images} images: ${(r.ms / 1000).toFixed(2)} s wall (snapshot ${r.snapshotMs.toFixed(0)} ms), ${r.cpuS.toFixed(2)} CPU-s, PDF ${mib(r.bytes)} MiB, peak RSS so far ${mib(r.peakRss)} MiB`,
  );
}
const ratio = two.ms / one.ms;
console.log(`ratio ${2 * n}/${n}: ${ratio.toFixed(2)} (goal ≤ 2.2)`);
console.log(
  `goal for ${n}: ≤ 10 s and ≤ 500 MiB: ${one.ms <= 10_000 && one.peakRss <= 500 * 2 ** 20 ? 'met' : 'NOT met'}`,
);
