/**
 * How fast this Chromium reads a chosen File in a worker, by method: `npx tsx bench/file-read-web.ts [MiB]`
 * (default 512). The default stream reader, a BYOB reader with one reused buffer, `slice().arrayBuffer()`
 * and FileReaderSync, at several piece sizes, twice each. Nothing else is done with the bytes, so this is
 * the floor any intake, restore or reference pays to read a file. Figures in bench/README.md.
 */
import { randomFillSync } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkerPage } from './support/worker-page';

const MiB = 1024 * 1024;
const SIZE = Number(process.argv[2] ?? 512);
const port = Number(process.env.BENCH_PORT ?? 8599);
const dir = mkdtempSync(join(tmpdir(), 'casebook-read-'));
const path = join(dir, 'file.bin');
const fd = openSync(path, 'w');
const block = Buffer.alloc(MiB);
for (let i = 0; i < SIZE; i++) writeSync(fd, randomFillSync(block));
closeSync(fd);

// Runs in the worker: reads the whole file one way, touching every piece, and replies { ms, n }.
const worker = `self.onmessage = async (event) => {
  const { file, how, piece } = event.data;
  const t = performance.now();
  let n = 0;
  if (how === 'stream') {
    const r = file.stream().getReader();
    for (;;) { const { done, value } = await r.read(); if (done) break; n += value.length; }
  } else if (how === 'byob') {
    const r = file.stream().getReader({ mode: 'byob' });
    let buffer = new ArrayBuffer(piece);
    for (;;) {
      const { done, value } = await r.read(new Uint8Array(buffer));
      if (done) break;
      buffer = value.buffer;
      n += value.length;
    }
  } else if (how === 'slice') {
    for (let at = 0; at < file.size; at += piece) n += (await file.slice(at, at + piece).arrayBuffer()).byteLength;
  } else {
    const reader = new FileReaderSync();
    for (let at = 0; at < file.size; at += piece) n += reader.readAsArrayBuffer(file.slice(at, at + piece)).byteLength;
  }
  self.postMessage({ ms: performance.now() - t, n });
};`;
const bench = await openWorkerPage(worker, port);
try {
  await bench.chooseFile(path);
  const ways: [string, number][] = [
    ['stream', 0],
    ['byob', MiB],
    ['byob', 4 * MiB],
    ['slice', MiB],
    ['slice', 16 * MiB],
    ['sync', MiB],
    ['sync', 4 * MiB],
  ];
  console.log(`| way | piece | MiB/s (two runs), ${SIZE} MiB |`);
  console.log('|---|---|---|');
  for (const [how, piece] of ways) {
    const speeds: number[] = [];
    for (let run = 0; run < 2; run++) {
      const { ms, n } = await bench.inWorker<{ ms: number; n: number }>({ how, piece });
      if (n !== SIZE * MiB) throw new Error(`${how} read ${n} bytes`);
      speeds.push(Math.round(SIZE / (ms / 1000)));
    }
    console.log(`| ${how} | ${piece ? `${piece / MiB} MiB` : 'as given'} | ${speeds.join(', ')} |`);
  }
} finally {
  await bench.close();
  rmSync(dir, { recursive: true, force: true });
}
