#!/usr/bin/env node
// Issue 13: the Evidence screen with many exhibits on a phone. In headless Debian Chromium at
// 390×844: a demo casebook plus small distinct PNGs taken in with `casebook add` (so thumbnails
// are made while scrolling, as they would be), then the Evidence screen's first paint from Help
// and a fling of its list (frame gaps, long tasks), at full speed and with the CPU slowed 4×.
// Run from the repo root after `npm run build -w @casebook/web`:
//   node bench/evidence-list-web.mjs [exhibits=200]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const EXHIBITS = Number(process.argv[2] ?? 200);
const PASSPHRASE = 'orbit lantern velvet quarry meadow thimble';
const PORT = Number(process.env.BENCH_PORT ?? 8284);
const root = new URL('../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const startLoad = load();

/** A w×h PNG of one colour (RGB, no filter), distinct per `seed`. */
function png(seed, w = 200, h = 150) {
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const at = y * (w * 3 + 1) + 1 + x * 3;
      raw[at] = (seed * 37) % 256;
      raw[at + 1] = (seed * 91 + x) % 256;
      raw[at + 2] = (seed * 53 + y) % 256;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const cli = join(root, 'apps/cli/bin/casebook.mjs');
const env = { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE };
const base = join(work, 'base.casebook');
const file = join(work, 'many.casebook');
// The demo brings 12 files of its own; PNGs make up the rest.
execFileSync(process.execPath, [cli, 'demo', base, '--incidents', '200'], { env, stdio: 'ignore' });
const pngs = [];
for (let i = 0; i < EXHIBITS - 12; i++) {
  const p = join(work, `photo-${String(i).padStart(3, '0')}.png`);
  writeFileSync(p, png(i));
  pngs.push(p);
}
execFileSync(process.execPath, [cli, 'add', base, ...pngs, '--initials', 'AB', '--out', file], {
  env,
  stdio: 'ignore',
});

const server = spawn(process.execPath, [join(root, 'apps/web/server/serve.mjs')], {
  env: { ...process.env, PORT: String(PORT) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve) => server.stdout.once('data', resolve));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
const cdp = await page.context().newCDPSession(page);
const pct = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : 0;
};

/** A steady fling of the window, then jumps to the end and the top; frame gaps and long tasks. */
function scrollRun(px, frames) {
  return page.evaluate(
    ([px, frames]) =>
      new Promise((resolve) => {
        const longTasks = [];
        const po = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) longTasks.push(e.duration);
        });
        po.observe({ type: 'longtask' });
        const gaps = [];
        let last = 0;
        let n = 0;
        const jumps = [
          () => window.scrollTo(0, document.documentElement.scrollHeight),
          () => window.scrollTo(0, 0),
        ];
        const step = (t) => {
          gaps.push(t - last);
          last = t;
          if (n < frames) window.scrollBy(0, px);
          else jumps[n - frames]?.();
          n++;
          if (n < frames + jumps.length + 1) requestAnimationFrame(step);
          else
            setTimeout(() => {
              po.disconnect();
              resolve({ gaps, longTasks });
            }, 100);
        };
        requestAnimationFrame((t) => {
          last = t;
          requestAnimationFrame(step);
        });
      }),
    [px, frames],
  );
}

function timeClick(name, doneSelector) {
  return page.evaluate(
    ([name, doneSelector]) =>
      new Promise((resolve) => {
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelector(doneSelector)) {
            observer.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          }
        });
        observer.observe(document.body, { childList: true, subtree: true });
        [...document.querySelectorAll('nav[aria-label=Sections] button')]
          .find((b) => b.textContent.trim() === name)
          .click();
      }),
    [name, doneSelector],
  );
}

/** A card's row in the (windowed) list: its spacers are rows too, without a position. */
const ROW = 'ul[aria-label="Evidence items"] > li[aria-posinset]';
const rows = [];
const add = (what, ms) => {
  rows.push({ what, ms });
  console.log(`${what}: ${Math.round(ms)}`);
};
try {
  await page.goto(`http://localhost:${PORT}/`);
  await page.getByRole('button', { name: 'Restore from a backup' }).click();
  await page.getByLabel('Backup file', { exact: true }).setInputFiles(file);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Restore backup' }).click();
  await page.getByText(/incidents, newest first/).waitFor({ timeout: 600_000 });
  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const tag = rate === 1 ? 'full speed' : 'CPU 4× slower';
    const painted = [];
    for (let run = 0; run < 3; run++) {
      await page.getByRole('button', { name: 'Help', exact: true }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Help' }).waitFor();
      painted.push(await timeClick('Evidence', ROW));
    }
    await page.getByText(`${EXHIBITS} exhibits, newest first.`).waitFor({ timeout: 60_000 });
    add(`${tag}: Evidence screen painted from Help (median of 3)`, pct(painted, 50));
    add(`${tag}: cards in the DOM`, await page.locator(ROW).count());
    add(
      `${tag}: items in the list (aria-setsize)`,
      Number(await page.locator(ROW).first().getAttribute('aria-setsize')),
    );
    const fling = await scrollRun(120, 300);
    add(`${tag}: scroll 300 frames × 120 px + jumps: frame p50`, pct(fling.gaps, 50));
    add(`${tag}: … frame p95`, pct(fling.gaps, 95));
    add(`${tag}: … frame max`, Math.max(...fling.gaps));
    add(`${tag}: … long tasks (count)`, fling.longTasks.length);
    add(`${tag}: … thumbnails drawn`, await page.locator('.evidence-thumb img').count());
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
console.log(`\n| ${EXHIBITS} exhibits, 390×844 | ms (or count) |\n| --- | ---: |`);
for (const r of rows) console.log(`| ${r.what} | ${Math.round(r.ms)} |`);
console.log(`\nload average at the start: ${startLoad}; at the end: ${load()}`);
