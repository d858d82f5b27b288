import { createHash, randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from '@playwright/test';
import { CasebookApp } from './pages/casebook-app';
import { AuditLog, Evidence } from './pages/evidence';
import { expect, test } from './support/fixtures';
import { chunkCensus, fileCensus } from './support/idb-probe';
import { type KillableBrowser, launchKillable } from './support/killable-browser';
import { newProfileDir, removeProfileDir } from './support/persistent';
import { sampleMemory } from './support/process-memory';

// A large file goes in with a progress bar, in flat memory (the free-space refusal is a unit
// test: this Chromium ignores CDP's quota override); Cancel leaves nothing; killing the browser mid-intake leaves nothing half-added.
const MB = 1_000_000;
const SIZE_MB = Number(process.env.EVIDENCE_BIG_MB ?? 500);

/**
 * Playwright will not hand files over 50 MB to a browser it reached over CDP, so the file is
 * given by path through CDP itself (as choosing it in the file picker would).
 */
async function chooseFile(cdp: CDPSession, label: string, path: string): Promise<void> {
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: `[...document.querySelectorAll('label')].find((l) => l.textContent === ${JSON.stringify(label)})?.control`,
  });
  if (!result.objectId) throw new Error(`no file input labelled ${label}`);
  await cdp.send('DOM.setFileInputFiles', { files: [path], objectId: result.objectId });
}

async function writeBigFile(path: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const file = await open(path, 'w');
  const piece = randomBytes(16 * 1024 * 1024);
  try {
    for (let written = 0; written < bytes; ) {
      const n = Math.min(piece.length, bytes - written);
      const part = piece.subarray(0, n);
      // Vary each piece a little so no two chunks are alike.
      part.writeUInt32LE(written >>> 0, 0);
      hash.update(part);
      await file.write(part);
      written += n;
    }
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}

test(`a ${SIZE_MB} MB intake: progress, flat memory, cancel, and a crash mid-intake`, async ({
  baseURL,
}) => {
  test.setTimeout(900_000);
  const dir = await newProfileDir('large');
  const big = join(tmpdir(), `casebook-big-${process.pid}.mp4`);
  const url = baseURL ?? 'http://localhost:8181';
  let run: KillableBrowser | undefined;
  try {
    const sha = await writeBigFile(big, SIZE_MB * MB);
    run = await launchKillable(dir, url);
    let app = new CasebookApp(run.page);
    let page = run.page;
    await app.create();
    await app.goTo('Evidence');
    await page.getByLabel('Your initials for exhibit references', { exact: true }).fill('JS');
    let cdp = await run.context.newCDPSession(page);
    const addBig = () => chooseFile(cdp, 'Add evidence files', big);

    // The intake itself: progress shown, memory sampled, time taken.
    const memory = sampleMemory(run.pid ?? 0);
    const started = Date.now();
    await addBig();
    const bar = page.getByRole('progressbar', { name: /^Adding casebook-big/ });
    await expect(bar).toBeVisible();
    await expect
      .poll(async () => Number(await bar.getAttribute('value')), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await expect(page.getByText(/^Added as exhibit JS\/1/)).toBeVisible({ timeout: 600_000 });
    const seconds = (Date.now() - started) / 1000;
    const mem = await memory.stop();
    const evidence = new Evidence(page);
    await expect(evidence.value(evidence.card('JS/1'), 'SHA-256')).toHaveText(sha);
    const figures = `${SIZE_MB} MB in ${seconds.toFixed(1)} s = ${((SIZE_MB * MB) / 2 ** 20 / seconds).toFixed(1)} MiB/s; browser RSS ${mem.first.toFixed(0)} → peak ${mem.peak.toFixed(0)} MiB (+${(mem.peak - mem.first).toFixed(0)} MiB, ${mem.samples} samples)`;
    test.info().annotations.push({ type: 'intake', description: figures });
    console.log(figures);
    // The file is not held in memory: growth stays far below its size.
    expect(mem.peak - mem.first).toBeLessThan(300);
    await page.getByRole('button', { name: 'Clear this list' }).click();

    // Cancel part-way: nothing is kept.
    await addBig();
    await expect
      .poll(async () => Number(await bar.getAttribute('value')), { timeout: 60_000 })
      .toBeGreaterThan(5);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(page.getByText(/was cancelled\. Nothing of it was kept\./)).toBeVisible();
    await expect(evidence.cards).toHaveCount(1);
    expect(await chunkCensus(page)).toEqual({ committed: 1, orphanChunks: 0 });
    expect(await fileCensus(page)).toEqual({ files: 1, orphanFiles: 0 });

    // Kill the browser part-way through another intake.
    await addBig();
    await expect
      .poll(async () => Number(await bar.getAttribute('value')), { timeout: 60_000 })
      .toBeGreaterThan(10);
    expect((await chunkCensus(page)).orphanChunks).toBeGreaterThan(0); // positive control
    expect((await fileCensus(page)).orphanFiles).toBe(1); // positive control: bytes in a file
    await run.kill();
    expect(run.offHostRequests).toEqual([]);

    run = await launchKillable(dir, url);
    page = run.page;
    cdp = await run.context.newCDPSession(page);
    app = new CasebookApp(page);
    await app.unlock();
    await app.goTo('Evidence');
    await expect(new Evidence(page).cards).toHaveCount(1);
    await expect(new Evidence(page).card('JS/1')).toBeVisible();
    expect(await chunkCensus(page)).toEqual({ committed: 1, orphanChunks: 0 });
    expect(await fileCensus(page)).toEqual({ files: 1, orphanFiles: 0 });
    await app.goTo('Audit log');
    await new AuditLog(page).expectIntact();
    expect(run.offHostRequests).toEqual([]);
    await run.kill();
  } finally {
    // A failed step must not leave its browser running.
    await run?.kill();
    await rm(big, { force: true });
    await removeProfileDir(dir);
  }
});
