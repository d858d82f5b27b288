/**
 * Backup and restore in headless Chromium with a large evidence file:
 * `npm run build -w @casebook/web && npx tsx bench/backup-web.ts [MiB]` (default 400).
 * Takes one file of that size in through the Evidence screen, then, in the same run:
 *  - the baseline: browser memory with the casebook unlocked on the Backup screen, idle;
 *  - "Download backup" → the .casebook file saved: time, and the peak memory of the whole
 *    browser process tree, of the browser process alone (where Chromium keeps Blobs) and
 *    of the other processes (the renderer, where the vault worker runs), against the baseline;
 *  - restoring that file into a fresh profile: time and the same peaks against that
 *    profile's own idle baseline on the restore screen.
 * Goal: memory growth during export and restore far below the file's size (≤ 100 MiB).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CasebookApp, PASSPHRASE } from '../e2e/pages/casebook-app';
import { launchKillable } from '../e2e/support/killable-browser';
import { rssMiB, sampleMemory } from '../e2e/support/process-memory';
import { sizeArgMiB, writeRandomFile } from './support/test-files';

const MiB = 1024 * 1024;
const size = sizeArgMiB(400) * MiB;
const port = Number(process.env.BENCH_PORT ?? 8591);
const url = `http://localhost:${port}`;
const root = new URL('../', import.meta.url).pathname;
const work = await mkdtemp(join(tmpdir(), 'casebook-backup-'));
const file = join(work, 'recording.mp4');
const saved = join(work, 'backup.casebook');

writeRandomFile(file, size / MiB);

/** Playwright refuses files over 50 MB over CDP: set them with CDP itself. */
async function choose(page: Page, label: string, path: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: `[...document.querySelectorAll('label')].find((l) => l.textContent === ${JSON.stringify(label)})?.control`,
  });
  if (!result.objectId) throw new Error(`no file input labelled ${label}`);
  await cdp.send('DOM.setFileInputFiles', { files: [path], objectId: result.objectId });
}

/** Bytes under a directory, in MiB (0 when it does not exist). */
async function duOf(dir: string): Promise<number> {
  let total = 0;
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total / MiB;
}

/** The median of a few idle samples, after letting the page settle. */
async function baseline(pid: number): Promise<{ tree: number; root: number }> {
  await new Promise((r) => setTimeout(r, 3000));
  const samples: { tree: number; root: number }[] = [];
  for (let i = 0; i < 8; i++) {
    samples.push(await rssMiB(pid));
    await new Promise((r) => setTimeout(r, 250));
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return { tree: median(samples.map((s) => s.tree)), root: median(samples.map((s) => s.root)) };
}

function growth(
  label: string,
  seconds: number,
  base: { tree: number; root: number },
  mem: Awaited<ReturnType<ReturnType<typeof sampleMemory>['stop']>>,
): string {
  const f = (n: number) => `+${Math.max(0, n).toFixed(0)} MiB`;
  const line = `| ${label} | ${seconds.toFixed(1)} s | ${base.tree.toFixed(0)} MiB | ${f(mem.peak - base.tree)} | ${f(mem.browser.peak - base.root)} | ${f(mem.others.peak - (base.tree - base.root))} |`;
  console.log(line);
  return line;
}

const server = spawn(process.execPath, [join(root, 'apps/web/server/serve.mjs')], {
  env: { ...process.env, PORT: String(port) },
  stdio: 'ignore',
});
await new Promise((r) => setTimeout(r, 800));
const profiles = [
  await mkdtemp(join(tmpdir(), 'casebook-backup-a-')),
  await mkdtemp(join(tmpdir(), 'casebook-backup-b-')),
];
const lines: string[] = [];
let run = await launchKillable(profiles[0] as string, url);
try {
  const app = new CasebookApp(run.page);
  await app.create();
  await app.goTo('Evidence');
  await run.page.getByLabel('Your initials for exhibit references', { exact: true }).fill('BN');
  await choose(run.page, 'Add evidence files', file);
  await run.page.getByText(/^Added as exhibit BN\/1/).waitFor({ timeout: 1_800_000 });
  await app.goTo('Backup');

  const pid = run.pid ?? 0;
  const base = await baseline(pid);
  const memory = sampleMemory(pid);
  let t0 = performance.now();
  const downloading = run.page.waitForEvent('download', { timeout: 1_800_000 });
  await run.page.getByRole('button', { name: 'Download backup' }).click();
  const bar = run.page.getByRole('progressbar', { name: 'Preparing your backup' });
  await bar.waitFor({ timeout: 30_000 });
  console.log(`progress shown: ${await bar.getAttribute('value').catch(() => 'gone')}%`);
  const download = await downloading;
  await download.saveAs(saved);
  await run.page.getByText('Backup ready').waitFor({ timeout: 1_800_000 });
  let seconds = (performance.now() - t0) / 1000;
  lines.push(growth('export', seconds, base, await memory.stop()));
  const bytes = (await stat(saved)).size;
  console.log(`file ${size / MiB} MiB → backup ${(bytes / MiB).toFixed(1)} MiB`);

  // The backup Blob lives on (its URL is kept for the Backup screen). Chromium keeps Blobs
  // in the browser process up to a limit (2 GiB on 64-bit desktops, a hundredth of the RAM
  // on Android) and pages them to the profile's blob_storage beyond it or under memory
  // pressure: simulate the pressure a phone would feel and see where the bytes go.
  const held = await baseline(pid);
  const cdp = await run.browser.newBrowserCDPSession();
  await cdp.send('Memory.simulatePressureNotification', { level: 'critical' });
  const relieved = await baseline(pid);
  await new CasebookApp(run.page).goTo('Incidents');
  const left = await baseline(pid);
  const paged = await duOf(join(profiles[0] as string, 'Default', 'blob_storage'));
  const pressure = `| after export, Blob held | browser process ${held.root.toFixed(0)} MiB | under simulated pressure: ${relieved.root.toFixed(0)} MiB | blob_storage on disk: ${paged.toFixed(0)} MiB | after leaving the Backup screen: ${left.root.toFixed(0)} MiB |`;
  console.log(pressure);
  lines.push(pressure);
  await run.kill();

  run = await launchKillable(profiles[1] as string, url);
  const page = run.page;
  await page.getByRole('button', { name: 'Restore from a backup' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await choose(page, 'Backup file', saved);
  const restoreBase = await baseline(run.pid ?? 0);
  const restoring = sampleMemory(run.pid ?? 0);
  t0 = performance.now();
  await page.getByRole('button', { name: 'Restore backup' }).click();
  await new CasebookApp(page).lockButton.waitFor({ timeout: 1_800_000 });
  seconds = (performance.now() - t0) / 1000;
  lines.push(growth('restore', seconds, restoreBase, await restoring.stop()));
  console.log(
    '| step | time | baseline (tree) | peak growth: tree | browser process | renderer and others |',
  );
  for (const line of lines) console.log(line);
} finally {
  await run.kill();
  server.kill();
  await rm(work, { recursive: true, force: true });
  for (const profile of profiles) await rm(profile, { recursive: true, force: true });
}
