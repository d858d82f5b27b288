import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CasebookApp } from './pages/casebook-app';
import { Evidence, sha256Of, silentWav } from './pages/evidence';
import { expect, test } from './support/fixtures';

// Long audio and video stream through the service worker: the media element's Range requests
// get just those bytes, decrypted in the vault worker, so seeking to the end of a long
// recording does not decrypt the whole file. The stream ends on close and on lock.
const SECONDS = 5400; // 90 minutes of 8 kHz audio: 43.2 MB, above the 32 MiB threshold
const SIZE = 44 + 8000 * SECONDS;

test('a long recording seeks to its end without decrypting the whole file', async ({ page }) => {
  test.setTimeout(300_000);
  const path = join(tmpdir(), `casebook-long-${process.pid}.wav`);
  await writeFile(path, silentWav(SECONDS));
  try {
    const app = new CasebookApp(page);
    const evidence = new Evidence(page);
    await app.open();
    await app.create();
    await page.waitForFunction(async () => {
      await navigator.serviceWorker.ready;
      return navigator.serviceWorker.controller !== null;
    });
    await app.goTo('Evidence');
    await evidence.attach('Add evidence files', [path]);

    const served: number[] = [];
    page.on('response', (response) => {
      if (!response.url().includes('/evidence-stream/')) return;
      const range = /bytes (\d+)-(\d+)\//.exec(response.headers()['content-range'] ?? '');
      if (range) served.push(Number(range[2]) - Number(range[1]) + 1);
    });

    await evidence.openExhibit('AB/1');
    const audio = page.locator('audio');
    await expect(audio).toHaveAttribute('src', /^\/evidence-stream\/[0-9a-f]{32}$/);
    await expect(page.getByText('Opening the file')).toHaveCount(0);
    await expect
      .poll(() => audio.evaluate((el: HTMLAudioElement) => el.duration), { timeout: 30_000 })
      .toBeCloseTo(SECONDS, 0);
    const seeked = await audio.evaluate(
      (el: HTMLAudioElement, to) =>
        new Promise<number>((resolve) => {
          el.addEventListener('seeked', () => resolve(el.currentTime), { once: true });
          el.currentTime = to;
        }),
      SECONDS - 60,
    );
    expect(seeked).toBeCloseTo(SECONDS - 60, 0);
    const total = served.reduce((a, b) => a + b, 0);
    test.info().annotations.push({ type: 'served', description: `${total} of ${SIZE} bytes` });
    expect(served.length).toBeGreaterThan(0);
    expect(total).toBeLessThan(SIZE / 2);

    // A copy to save is decrypted only when asked for; it is the original, byte for byte.
    await page.getByRole('button', { name: 'Prepare a copy to save' }).click();
    const link = page.getByRole('link', { name: /^Save a copy of casebook-long/ });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(await sha256Of((await download.path()) ?? '')).toBe(await sha256Of(path));

    // The stream answers while open (a control), and not after lock.
    const url = (await audio.getAttribute('src')) ?? '';
    const status = () =>
      page.evaluate(
        (u) =>
          fetch(u, { headers: { Range: 'bytes=0-99' } }).then(
            (r) => r.status,
            () => 0,
          ),
        url,
      );
    expect(await status()).toBe(206);
    await app.lock();
    expect(await status()).toBe(410);
  } finally {
    await rm(path, { force: true });
  }
});
