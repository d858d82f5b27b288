#!/usr/bin/env node
// Issue 13's phone benchmarks, in headless Debian Chromium at 390×844 with a 10,000-incident
// demo casebook: the timeline's first paint once its data is in, scrolling frame times and long
// tasks, and opening an incident; each at full speed and with the CPU slowed 4× (Chromium's
// own throttling, the usual stand-in for a mid-range phone). Same-run reference: the same
// 10,000 cards drawn all at once (cloned from a drawn card), as an unwindowed list would be.
// Run from the repo root after `npm run build -w @casebook/web`:
//   node bench/timeline-scroll-web.mjs [incidents=10000]
// CASEBOOK_FILE=path reuses a demo casebook made earlier (passphrase below).
// BENCH_REFERENCE=0 skips the unwindowed reference (at 4× it runs for many minutes);
// CASEBOOK_WEB_ROOT=dir serves another build (to compare two builds in one session).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const INCIDENTS = Number(process.argv[2] ?? 10_000);
const PASSPHRASE = 'orbit lantern velvet quarry meadow thimble';
const PORT = Number(process.env.BENCH_PORT ?? 8283);
const root = new URL('../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'casebook-bench-'));
const file = process.env.CASEBOOK_FILE ?? join(work, 'demo.casebook');

if (!process.env.CASEBOOK_FILE) {
  execFileSync(
    process.execPath,
    [join(root, 'apps/cli/bin/casebook.mjs'), 'demo', file, '--incidents', String(INCIDENTS)],
    { env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE }, stdio: 'inherit' },
  );
}

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

/** Runs `action` in the page; ms until `done` is true, then one more frame (the paint). */
function timeInPage(action, done) {
  return page.evaluate(
    ([actionSrc, doneSrc]) =>
      new Promise((resolve) => {
        const check = new Function(doneSrc);
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (check()) {
            observer.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        new Function(actionSrc)();
      }),
    [action, done],
  );
}

/**
 * Scrolls the window `px` per frame for `frames` frames (a steady fling), then jumps to the
 * middle and the end; resolves with the gaps between frames and any long tasks (> 50 ms).
 */
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
          () => window.scrollTo(0, document.documentElement.scrollHeight / 2),
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

/** The reference: every card drawn at once, as a list without windowing would. */
function drawAllCards(count) {
  return page.evaluate(
    (count) =>
      new Promise((resolve) => {
        const card = document.querySelector('ul[aria-label="Incidents"] .card');
        const list = document.querySelector('ul[aria-label="Incidents"]');
        const t0 = performance.now();
        const ul = document.createElement('ul');
        ul.className = 'card-list';
        ul.id = 'bench-reference';
        for (let i = 0; i < count; i++) {
          const li = document.createElement('li');
          li.append(card.cloneNode(true));
          ul.append(li);
        }
        list.hidden = true;
        list.after(ul);
        void ul.offsetHeight;
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
      }),
    count,
  );
}

const removeAllCards = () =>
  page.evaluate(() => {
    document.getElementById('bench-reference')?.remove();
    const list = document.querySelector('ul[aria-label="Incidents"]');
    if (list) list.hidden = false;
    window.scrollTo(0, 0);
  });

const startLoad = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
const rows = [];
// Printed as they come too: a crashed page (see the reference) must not lose the rest.
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
  await page.locator('.card-text').first().waitFor({ timeout: 900_000 });
  await page.getByText(/incidents, newest first/).waitFor({ timeout: 120_000 });

  for (const rate of [1, 4]) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const tag = rate === 1 ? 'full speed' : 'CPU 4× slower';

    await page.getByLabel('Passphrase', { exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    add(
      `${tag}: unlock (Argon2id included) to the first card painted`,
      await timeInPage(
        "[...document.querySelectorAll('button')].find((b) => b.textContent === 'Unlock').click();",
        "return !!document.querySelector('.card-text');",
      ),
    );
    await page.getByText(/incidents, newest first/).waitFor({ timeout: 120_000 });

    // The timeline drawn again with its data already in: leave for Help, come back.
    const drawn = [];
    for (let run = 0; run < 5; run++) {
      await page.getByRole('button', { name: 'Help', exact: true }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Help' }).waitFor();
      drawn.push(
        await timeInPage(
          "[...document.querySelectorAll('nav[aria-label=Sections] button')].find((b) => b.textContent.trim() === 'Incidents').click();",
          "return !!document.querySelector('ul[aria-label=Incidents] .card-text');",
        ),
      );
    }
    add(`${tag}: timeline painted, data in (median of 5)`, pct(drawn, 50));
    add(`${tag}: cards in the DOM`, await page.locator('ul[aria-label="Incidents"] .card').count());

    const fling = await scrollRun(120, 300);
    add(`${tag}: scroll 300 frames × 120 px + jumps: frame p50`, pct(fling.gaps, 50));
    add(`${tag}: … frame p95`, pct(fling.gaps, 95));
    add(`${tag}: … frame p90`, pct(fling.gaps, 90));
    add(`${tag}: … frame max`, Math.max(...fling.gaps));
    add(
      `${tag}: … frames of 50 ms or more (per mille)`,
      (1000 * fling.gaps.filter((g) => g >= 49.5).length) / fling.gaps.length,
    );
    add(`${tag}: … long tasks (count)`, fling.longTasks.length);
    add(`${tag}: … longest task`, Math.max(0, ...fling.longTasks));

    const opened = [];
    for (let run = 0; run < 3; run++) {
      opened.push(
        await timeInPage(
          "document.querySelector('ul[aria-label=Incidents] .card button').click();",
          "return [...document.querySelectorAll('h1')].some((h) => h.textContent === 'Incident');",
        ),
      );
      await page.getByRole('button', { name: 'Incidents', exact: true }).first().click();
      await page.locator('ul[aria-label="Incidents"] .card-text').first().waitFor();
    }
    add(`${tag}: open an incident (median of 3)`, pct(opened, 50));
  }
  // The reference last: drawing every card at once may take the page down.
  for (const rate of process.env.BENCH_REFERENCE === '0' ? [] : [1, 4]) {
    const tag = rate === 1 ? 'full speed' : 'CPU 4× slower';
    try {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      add(
        `${tag}: reference, all ${INCIDENTS} cards drawn: to painted`,
        await drawAllCards(INCIDENTS),
      );
      const ref = await scrollRun(120, 300);
      add(`${tag}: reference scroll: frame p50`, pct(ref.gaps, 50));
      add(`${tag}: reference … frame p95`, pct(ref.gaps, 95));
      add(`${tag}: reference … frame max`, Math.max(...ref.gaps));
      add(`${tag}: reference … long tasks (count)`, ref.longTasks.length);
      await removeAllCards();
    } catch (error) {
      add(`${tag}: reference failed (${String(error).split('\n')[0]})`, 0);
      break;
    }
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}

console.log(
  `\n| ${INCIDENTS.toLocaleString('en-GB')} incidents, 390×844 | ms (or count) |\n| --- | ---: |`,
);
for (const r of rows) console.log(`| ${r.what} | ${Math.round(r.ms)} |`);
console.log(`load average at the start: ${startLoad}`);
console.log(
  `\nload average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
