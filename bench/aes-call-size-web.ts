/**
 * WebCrypto AES-256-GCM in a Chromium worker, by call size: `npx tsx bench/aes-call-size-web.ts`.
 * One reused buffer sealed again and again (128 MiB a size, after a warm-up pass), one call in
 * flight and four, so the figure is the primitive and its call overhead alone: no file reading,
 * no allocation a chunk, no storage. Why the browser seals in 512 KiB chunks (BROWSER_CHUNK_SIZE).
 */
import { openWorkerPage } from './support/worker-page';

const port = Number(process.env.BENCH_PORT ?? 8598);
const worker = `self.onmessage = async (event) => {
  const { size, inFlight, total } = event.data;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const plaintext = new Uint8Array(size);
  crypto.getRandomValues(plaintext.subarray(0, 65536));
  const calls = Math.round(total / size);
  const run = async () => {
    const waiting = [];
    const t = performance.now();
    for (let i = 0; i < calls; i++) {
      const iv = new Uint8Array(12);
      new DataView(iv.buffer).setUint32(8, i);
      if (waiting.length >= inFlight) await waiting.shift();
      waiting.push(crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plaintext));
    }
    await Promise.all(waiting);
    return performance.now() - t;
  };
  await run();
  self.postMessage(total / 1048576 / ((await run()) / 1000));
};`;
const bench = await openWorkerPage(worker, port);
try {
  console.log('| call size | 1 in flight, MiB/s | 4 in flight, MiB/s |');
  console.log('|---|---|---|');
  for (const size of [64, 128, 256, 512, 1024].map((k) => k * 1024)) {
    const speeds: number[] = [];
    for (const inFlight of [1, 4]) {
      const speed = await bench.inWorker<number>({ size, inFlight, total: 128 * 1024 * 1024 });
      speeds.push(Math.round(speed));
    }
    console.log(`| ${size / 1024} KiB | ${speeds.join(' | ')} |`);
  }
} finally {
  await bench.close();
}
