// The UI thread while a large file goes in and the person reads the timeline: a casebook of
// 10,000 demo incidents (restored from `casebook demo`), a file chosen on the Evidence screen,
// then straight to Incidents while it is taken in. Reports, from the page itself, the long
// tasks (over 50 ms) and the slowest frame gap over a fixed window of the intake, and how far
// the intake got. The reference is the same window with no intake running, in the same run.
// Run from the repo root after `npm run build -w @casebook/web` (CASEBOOK_WEB_ROOT=… serves
// another build):
//   npx tsx bench/intake-while-browsing.ts [file MiB=1024] [incidents=10000]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CasebookApp, PASSPHRASE } from '../e2e/pages/casebook-app';
import { launchKillable } from '../e2e/support/killable-browser';
import { writeRandomFile } from './support/test-files';

const fileMiB = Number(process.argv[2] ?? 1024);
const incidents = Number(process.argv[3] ?? 10_000);
const WINDOW_MS = 6_000;
const port = Number(process.env.BENCH_PORT ?? 8594);
const url = `http://localhost:${port}`;
const root = new URL('../', import.meta.url).pathname;
const work = await mkdtemp(join(tmpdir(), 'casebook-browsing-'));
const backup = join(work, 'demo.casebook');
const file = join(work, 'recording.mp4');
const load = () => loadavg()[0]?.toFixed(2);
console.log(`load average ${load()}`);

execFileSync(
  process.execPath,
  [join(root, 'apps/cli/bin/casebook.mjs'), 'demo', backup, '--incidents', String(incidents)],
  { env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE }, stdio: 'ignore' },
);
writeRandomFile(file, fileMiB);

const server = spawn(process.execPath, [join(root, 'apps/web/server/serve.mjs')], {
  env: { ...process.env, PORT: String(port) },
  stdio: 'ignore',
});
await new Promise((r) => setTimeout(r, 800));
const profile = await mkdtemp(join(tmpdir(), 'casebook-browsing-profile-'));
const run = await launchKillable(profile, url);

/**
 * Long tasks and the slowest gap between frames on the UI thread, over `ms`. The page's code is
 * a string: tsx would otherwise wrap its inner functions in a helper the page does not have.
 */
function watchUiThread(
  page: Page,
  ms: number,
): Promise<{ longTasks: number; longTaskMs: number; worstFrameMs: number }> {
  return page.evaluate(`new Promise((resolve) => {
    let longTasks = 0;
    let longTaskMs = 0;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        longTasks++;
        longTaskMs += entry.duration;
      }
    });
    observer.observe({ type: 'longtask' });
    let last = performance.now();
    let worst = 0;
    const end = last + ${ms};
    const frame = (now) => {
      worst = Math.max(worst, now - last);
      last = now;
      if (now < end) requestAnimationFrame(frame);
      else {
        observer.disconnect();
        resolve({ longTasks, longTaskMs: Math.round(longTaskMs), worstFrameMs: Math.round(worst) });
      }
    };
    requestAnimationFrame(frame);
  })`);
}

try {
  const page = run.page;
  const app = new CasebookApp(page);
  const cdp = await run.context.newCDPSession(page);
  // Over CDP: a browser Playwright reached over CDP takes no files through setInputFiles.
  const choose = async (label: string, path: string) => {
    const { result } = await cdp.send('Runtime.evaluate', {
      expression: `[...document.querySelectorAll('label')].find((l) => l.textContent === ${JSON.stringify(label)})?.control`,
    });
    if (!result.objectId) throw new Error(`no "${label}" input`);
    await cdp.send('DOM.setFileInputFiles', { files: [path], objectId: result.objectId });
  };
  await page.goto(url);
  await page.getByRole('button', { name: 'Restore from a backup' }).click();
  await choose('Backup file', backup);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Restore backup' }).click();
  await page.getByText(/newest first/).waitFor({ timeout: 600_000 });

  // The reference makes the same round trip (Evidence, then Incidents) before its window, so
  // both windows start on a timeline drawn afresh.
  await app.goTo('Evidence');
  await app.goTo('Incidents');
  const quiet = await watchUiThread(page, WINDOW_MS);

  await app.goTo('Evidence');
  // A demo casebook's exhibits already have initials; a fresh one asks for them.
  const initials = page.getByLabel('Your initials for exhibit references', { exact: true });
  if (await initials.isVisible()) await initials.fill('BN');
  await choose('Add evidence files', file);
  const bar = page.getByRole('progressbar', { name: /^Adding recording/ });
  await bar.waitFor();
  await app.goTo('Incidents');
  const busy = await watchUiThread(page, WINDOW_MS);
  await app.goTo('Evidence');
  // The bar is gone once the file is in; a short wait, not the default 30 s, says so.
  const reached = await bar.getAttribute('value', { timeout: 2_000 }).catch(() => null);
  await page.getByText(/^Added as exhibit /).waitFor({ timeout: 1_800_000 });
  if (reached === null) {
    console.warn(
      `The intake finished before its progress was read after the ${WINDOW_MS / 1000} s window, so part of the window may have had no intake running: use a larger file.`,
    );
  }

  const row = (what: string, m: typeof quiet) =>
    `| ${what} | ${m.longTasks} | ${m.longTaskMs} ms | ${m.worstFrameMs} ms |`;
  console.log(
    `${incidents} incidents, ${fileMiB} MiB file, ${WINDOW_MS / 1000} s on the timeline; intake at ${reached ?? 'done'} % when the window ended; load average ${load()}`,
  );
  console.log('| timeline | long tasks | their total | slowest frame gap |');
  console.log('|---|---|---|---|');
  console.log(row('no intake (reference)', quiet));
  console.log(row('while a file goes in', busy));
} finally {
  await run.kill();
  server.kill();
  await rm(work, { recursive: true, force: true });
  await rm(profile, { recursive: true, force: true });
}
