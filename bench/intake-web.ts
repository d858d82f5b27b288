/**
 * Evidence intake in headless Chromium: `npm run build -w @casebook/web && npx tsx bench/intake-web.ts [MiB]`
 * (default 1024). Takes one file of that size in through the Evidence screen, exactly as a
 * person would, and measures in the same run:
 *  - intake throughput (choose the file → "Added as exhibit"), encrypt + SHA-256 + IndexedDB;
 *  - the reference: a WASM SHA-256 (hash-wasm, the one the app uses) of the same bytes, read with
 *    the default stream reader (the goal's reference, as always measured), and again read as
 *    the app reads (a BYOB reader, one reused buffer: 4-5 times faster to read here);
 *  - a second reference: WebCrypto's AES-256-GCM alone over the same bytes in the app's 512 KiB
 *    chunks (read as the app reads), and from it and the BYOB hash, the floor the intake's
 *    cryptography sets on two threads: the SHA-256 of one file cannot be split, so
 *    max(SHA-256, (SHA-256 + AES-GCM) / 2). Each reference reads the File once itself; none
 *    stores anything or passes bytes between threads;
 *  - memory growth of the whole browser process tree (renderers and workers included).
 * Goals (issue 4): throughput ≥ 0.8 × the WASM SHA-256; memory growth ≤ 100 MiB.
 */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSHA256 } from 'hash-wasm';
import { CasebookApp } from '../e2e/pages/casebook-app';
import { launchKillable } from '../e2e/support/killable-browser';
import { sampleMemory } from '../e2e/support/process-memory';
import { sizeArgMiB, writeRandomFile } from './support/test-files';

const MiB = 1024 * 1024;
const size = sizeArgMiB(1024) * MiB;
const port = Number(process.env.BENCH_PORT ?? 8590);
const url = `http://localhost:${port}`;
const root = new URL('../', import.meta.url).pathname;
const work = await mkdtemp(join(tmpdir(), 'casebook-intake-'));
const file = join(work, 'recording.mp4');

writeRandomFile(file, size / MiB);

// The reference: the same WASM SHA-256 over the same bytes, streamed from disk.
const hasher = await createSHA256();
let t0 = performance.now();
for await (const chunk of createReadStream(file, { highWaterMark: MiB }))
  hasher.update(chunk as Buffer);
const reference = hasher.digest('hex');
const refSeconds = (performance.now() - t0) / 1000;

// The in-browser reference page: a worker that reads the chosen File and hashes it.
const referenceFiles: Record<string, [string, string]> = {
  '/': ['bench/web/hash-reference.html', 'text/html'],
  '/hash-reference.js': ['bench/web/hash-reference.js', 'text/javascript'],
  '/hash-reference.worker.js': ['bench/web/hash-reference.worker.js', 'text/javascript'],
  '/seal-reference.worker.js': ['bench/web/seal-reference.worker.js', 'text/javascript'],
  '/read-file.js': ['bench/web/read-file.js', 'text/javascript'],
  '/hash-wasm-sha256.js': ['node_modules/hash-wasm/dist/sha256.umd.min.js', 'text/javascript'],
};
const referenceServer = createServer(async (request, response) => {
  const found = referenceFiles[request.url ?? ''];
  if (!found) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': found[1] }).end(await readFile(join(root, found[0])));
}).listen(port + 1);

const server = spawn(process.execPath, [join(root, 'apps/web/server/serve.mjs')], {
  env: { ...process.env, PORT: String(port) },
  stdio: 'ignore',
});
await new Promise((r) => setTimeout(r, 800));
const profile = await mkdtemp(join(tmpdir(), 'casebook-intake-profile-'));
const run = await launchKillable(profile, url);
async function inReferencePage<T>(work: string): Promise<T> {
  const page = await run.context.newPage();
  try {
    await page.goto(`http://localhost:${port + 1}/`);
    // Over CDP, as for the intake: Playwright will not hand a browser over CDP files over 50 MB.
    const cdp = await run.context.newCDPSession(page);
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: `document.getElementById('file')`,
    });
    if (!result.objectId) throw new Error('no file input on the reference page');
    await cdp.send('DOM.setFileInputFiles', { files: [file], objectId: result.objectId });
    return (await page.evaluate(
      (name) => (window as unknown as Record<string, () => Promise<unknown>>)[name]?.(),
      work,
    )) as T;
  } finally {
    await page.close();
  }
}
async function hashInBrowser(asTheAppReads = false): Promise<{ seconds: number; hex: string }> {
  const { ms, hex } = await inReferencePage<{ ms: number; hex: string }>(
    asTheAppReads ? 'hashChosenFileAsTheAppReads' : 'hashChosenFile',
  );
  return { seconds: ms / 1000, hex };
}
async function sealInBrowser(): Promise<number> {
  const { ms, bytes } = await inReferencePage<{ ms: number; bytes: number }>('sealChosenFile');
  // Each 512 KiB chunk grows by its 16-byte tag; anything else means chunks went missing.
  if (bytes !== size + 16 * Math.ceil(size / (MiB / 2))) throw new Error(`sealed ${bytes} bytes`);
  return ms / 1000;
}

try {
  const app = new CasebookApp(run.page);
  await app.create();
  await app.goTo('Evidence');
  await run.page.getByLabel('Your initials for exhibit references', { exact: true }).fill('BN');
  const cdp = await run.context.newCDPSession(run.page);
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: `[...document.querySelectorAll('label')].find((l) => l.textContent === 'Add evidence files')?.control`,
  });
  if (!result.objectId) throw new Error('no "Add evidence files" input');
  // BENCH_TRACE=file.json: a Chromium trace of the intake (CPU per thread), for the profile.
  const traceFile = process.env.BENCH_TRACE;
  const tracer = traceFile ? await run.browser.newBrowserCDPSession() : undefined;
  const traceEvents: unknown[] = [];
  if (tracer) {
    tracer.on('Tracing.dataCollected', ({ value }) => traceEvents.push(...value));
    await tracer.send('Tracing.start', {
      traceConfig: {
        includedCategories: [
          'disabled-by-default-v8.cpu_profiler',
          'toplevel',
          'devtools.timeline',
          'v8',
          'IndexedDB',
          'disabled-by-default-devtools.timeline',
        ],
      },
      transferMode: 'ReportEvents',
    });
  }
  const memory = sampleMemory(run.pid ?? 0);
  t0 = performance.now();
  await cdp.send('DOM.setFileInputFiles', { files: [file], objectId: result.objectId });
  // Polled four times a second: Playwright's own wait checks the page on every frame, which
  // on two cores took CPU from the intake it was timing (288 ms of layout in one 256 MiB run).
  await run.page.waitForFunction(
    () => /Added as exhibit BN\/1/.test(document.body.innerText),
    undefined,
    { polling: 250, timeout: 1_800_000 },
  );
  const seconds = (performance.now() - t0) / 1000;
  const mem = await memory.stop();
  if (tracer && traceFile) {
    const complete = new Promise((r) => tracer.once('Tracing.tracingComplete', r));
    await tracer.send('Tracing.end');
    await complete;
    await writeFile(traceFile, JSON.stringify({ traceEvents }));
  }
  const shown = await run.page.getByText(reference).count();
  // After the intake, so the reference page's memory is not in the intake's baseline.
  const before = await hashInBrowser();
  const after = await hashInBrowser();
  if (before.hex !== reference || after.hex !== reference) throw new Error('references disagree');
  const browserSeconds = (before.seconds + after.seconds) / 2;
  // The same hash with the file read as the app reads it (BYOB, one reused buffer): the
  // goal's reference above reads with the default reader, which costs far more here.
  const fast = [await hashInBrowser(true), await hashInBrowser(true)] as const;
  if (fast.some((f) => f.hex !== reference)) throw new Error('references disagree');
  const fastSeconds = (fast[0].seconds + fast[1].seconds) / 2;
  const sealed = [await sealInBrowser(), await sealInBrowser()] as const;
  const sealSeconds = (sealed[0] + sealed[1]) / 2;
  // Both primitives' time, each reading as the app does, shared perfectly by two threads, the
  // SHA-256 being one thread's whole: no intake on two cores beats it.
  const floorSeconds = Math.max(fastSeconds, (fastSeconds + sealSeconds) / 2);
  const mib = size / MiB;
  const rate = (s: number) => `${(mib / s).toFixed(0)} MiB/s`;
  console.log(`file: ${mib} MiB; SHA-256 shown matches the reference: ${shown > 0}`);
  console.log(
    `reference WASM SHA-256 in Chromium: ${before.seconds.toFixed(1)} s, ${after.seconds.toFixed(1)} s (mean ${rate(browserSeconds)})`,
  );
  console.log(
    `reference WASM SHA-256 in Chromium, reading as the app does (BYOB): ${fast[0].seconds.toFixed(1)} s, ${fast[1].seconds.toFixed(1)} s (mean ${rate(fastSeconds)}); intake at ${(fastSeconds / seconds).toFixed(2)} of it`,
  );
  console.log(`reference WASM SHA-256 in Node: ${refSeconds.toFixed(1)} s (${rate(refSeconds)})`);
  console.log(
    `reference WebCrypto AES-256-GCM in Chromium: ${sealed[0].toFixed(1)} s, ${sealed[1].toFixed(1)} s (mean ${rate(sealSeconds)})`,
  );
  console.log(
    `cryptography's floor on two threads, max(SHA-256, (SHA-256 + AES-GCM) / 2): ${floorSeconds.toFixed(1)} s (${rate(floorSeconds)}); intake at ${(floorSeconds / seconds).toFixed(2)} of it`,
  );
  console.log(`intake: ${seconds.toFixed(1)} s (${rate(seconds)})`);
  console.log(
    `browser memory: ${mem.first.toFixed(0)} → peak ${mem.peak.toFixed(0)} MiB (+${(mem.peak - mem.first).toFixed(0)} MiB); browser process +${(mem.browser.peak - mem.browser.first).toFixed(0)} MiB, renderers and workers +${(mem.others.peak - mem.others.first).toFixed(0)} MiB`,
  );
  console.log(
    `| ${mib} MiB | ${rate(seconds)} | ${rate(browserSeconds)} | ${(browserSeconds / seconds).toFixed(2)} | ${rate(fastSeconds)} | ${(fastSeconds / seconds).toFixed(2)} | ${rate(sealSeconds)} | ${rate(floorSeconds)} | ${(floorSeconds / seconds).toFixed(2)} | ${rate(refSeconds)} | ${(refSeconds / seconds).toFixed(2)} | +${(mem.peak - mem.first).toFixed(0)} MiB |`,
  );
} finally {
  await run.kill();
  server.kill();
  referenceServer.close();
  await rm(work, { recursive: true, force: true });
  await rm(profile, { recursive: true, force: true });
}
