/**
 * The Pattern screen with 10,000 incidents, in Debian's Chromium, against the Timeline screen
 * (the reference) measured in the same run.
 *
 *   CASEBOOK_PASSPHRASE='…' npx casebook demo bench/out/10k.casebook --incidents 10000 --weeks 52
 *   npm run build -w @casebook/web
 *   CASEBOOK_PASSPHRASE='…' npx tsx bench/pattern-web.ts [bench/out/10k.casebook] [rounds]
 *
 * Each round unlocks afresh (a new session, nothing cached), opens Incidents, then Pattern on
 * its first visit, then Incidents and Pattern again (render only). The app works the analysis
 * out once when the browser is idle after unlocking; "analysis" is how long that took and
 * "in visit" says whether the first Pattern visit had to wait for it. Times run
 * from the click on the nav button to the screen's text being in the page and a frame
 * painted. Goal: Pattern ≤ 500 ms.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/browser';

const file = process.argv[2] ?? 'bench/out/10k.casebook';
const rounds = Number(process.argv[3] ?? 3);
const passphrase = process.env.CASEBOOK_PASSPHRASE;
const port = Number(process.env.BENCH_PORT ?? 8585);
const base = `http://localhost:${port}`;

if (!passphrase) throw new Error('Set CASEBOOK_PASSPHRASE to the backup’s passphrase.');
if (!existsSync(file))
  throw new Error(`${file} is missing: make it with npx casebook demo (see above).`);
if (!existsSync('apps/web/dist/index.html'))
  throw new Error('Build the app first: npm run build -w @casebook/web');

function serve(): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['apps/web/server/serve.mjs'], {
    env: { ...process.env, PORT: String(port), HOST: 'localhost' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    server.stdout?.once('data', () => resolve(server));
    server.once('error', reject);
  });
}

/** Clicks a nav button and waits until `selector` matches text and a frame has painted. */
async function timeScreen(page: Page, button: string, selector: string, text: string) {
  return page.evaluate(
    async ({ button, selector, text }) => {
      const nav = document.querySelector('nav[aria-label="Sections"]');
      const target = [...(nav?.querySelectorAll('button') ?? [])].find(
        (b) => b.textContent === button,
      );
      if (!target) throw new Error(`no nav button ${button}`);
      const shown = () => document.querySelector(selector)?.textContent?.includes(text) ?? false;
      const start = performance.now();
      target.click();
      await new Promise<void>((resolve) => {
        const check = () => (shown() ? resolve() : requestAnimationFrame(check));
        check();
      });
      // The next frame: what was committed has been painted.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return performance.now() - start;
    },
    { button, selector, text },
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const server = await serve();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  // tsx keeps function names with a __name helper that the page does not have.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.goto(base);
  const restoreStart = Date.now();
  await page.getByRole('button', { name: 'Restore from a backup' }).click();
  await page.getByLabel('Backup file', { exact: true }).setInputFiles(file);
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Restore backup' }).click();
  await page.getByRole('heading', { level: 1, name: 'Incidents' }).waitFor({ timeout: 600_000 });
  console.log(`Restored ${file} in ${((Date.now() - restoreStart) / 1000).toFixed(1)} s`);

  const rows: {
    timeline: number;
    cold: number;
    warmTimeline: number;
    warm: number;
    analysis: number;
    inVisit: boolean;
    risk: number;
  }[] = [];
  let count = '';
  for (let round = 0; round < rounds; round++) {
    if (round > 0) {
      await page.getByRole('button', { name: 'Lock', exact: true }).click();
      await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
      await page.getByRole('button', { name: 'Unlock', exact: true }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Incidents' })
        .waitFor({ timeout: 120_000 });
    }
    await page.getByRole('button', { name: 'People', exact: true }).click();
    const timeline = await timeScreen(page, 'Incidents', 'main [role="status"]', 'newest first');
    const before = await page.evaluate(
      () => performance.getEntriesByName('casebook:analysis').length,
    );
    const cold = await timeScreen(page, 'Pattern', '[data-testid="pattern-summary"]', 'incidents');
    const entries = await page.evaluate(() =>
      performance.getEntriesByName('casebook:analysis').map((e) => e.duration),
    );
    const analysis = entries.at(-1) ?? Number.NaN;
    const inVisit = entries.length > before;
    await page.evaluate(() => performance.clearMeasures('casebook:analysis'));
    count = (await page.getByTestId('pattern-summary').textContent())?.split(' over')[0] ?? '';
    const warmTimeline = await timeScreen(
      page,
      'Incidents',
      'main [role="status"]',
      'newest first',
    );
    const warm = await timeScreen(page, 'Pattern', '[data-testid="pattern-summary"]', 'incidents');
    // The risk checklist works out suggestions from all 10,000 incidents on its first visit.
    const risk = await timeScreen(page, 'Risk checklist', 'main h1', 'Risk checklist');
    rows.push({ timeline, cold, warmTimeline, warm, analysis, inVisit, risk });
  }

  const f = (n: number) => `${n.toFixed(0)} ms`;
  console.log(
    `\nPattern screen, ${count}, Chromium ${browser.version()}, 390×844, ${rounds} rounds\n`,
  );
  console.log(
    '| round | reference: Incidents | Pattern, first visit | analysis (in visit?) | Incidents again | Pattern again | Risk checklist |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const [i, r] of rows.entries()) {
    console.log(
      `| ${i + 1} | ${f(r.timeline)} | ${f(r.cold)} | ${f(r.analysis)} (${r.inVisit ? 'yes' : 'no'}) | ${f(r.warmTimeline)} | ${f(r.warm)} | ${f(r.risk)} |`,
    );
  }
  const cold = median(rows.map((r) => r.cold));
  console.log(
    `| median | ${f(median(rows.map((r) => r.timeline)))} | ${f(cold)} | ${f(median(rows.map((r) => r.analysis)))} | ${f(median(rows.map((r) => r.warmTimeline)))} | ${f(median(rows.map((r) => r.warm)))} | ${f(median(rows.map((r) => r.risk)))} |`,
  );
  console.log(
    `\nGoal: Pattern ≤ 500 ms — ${cold <= 500 ? 'met' : 'NOT met'} (first visit, median).`,
  );
} finally {
  await browser.close();
  server.kill();
}
