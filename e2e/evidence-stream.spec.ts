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
    const prepare = page.getByRole('button', { name: 'Prepare a copy to save' });
    await expect(prepare).toHaveAccessibleDescription(/^A saved copy is not encrypted\./);
    await prepare.click();
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

/** A long 8 kHz 8-bit WAV whose every byte depends on its offset, so a misplaced range shows. */
function patternedWav(seconds: number): Buffer {
  const wav = silentWav(seconds);
  for (let i = 44; i < wav.length; i += 1) wav[i] = Math.imul(i, 2654435761) >>> 24;
  return wav;
}

// Chromium stops a service worker when it likes (idle for 30 s, memory pressure, DevTools),
// and the worker's map of open streams goes with it. Without re-opening, the next Range
// request for the stream got 410 and the media element failed with MEDIA_ERR_NETWORK.
test('a long recording plays and seeks on when the service worker is stopped; lock ends it', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const path = join(tmpdir(), `casebook-restart-${process.pid}.wav`);
  const original = patternedWav(SECONDS);
  await writeFile(path, original);
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

    // CDP stops the service worker as Chromium would; each stop is seen before going on.
    const cdp = await page.context().newCDPSession(page);
    let runningStatus = '';
    let stops = 0;
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const version = versions.find((v) => v.status === 'activated');
      if (!version || version.runningStatus === runningStatus) return;
      runningStatus = version.runningStatus;
      if (runningStatus === 'stopped') stops += 1;
    });
    await cdp.send('ServiceWorker.enable');
    const stopServiceWorker = async () => {
      const before = stops;
      await cdp.send('ServiceWorker.stopAllWorkers');
      await expect.poll(() => stops > before || runningStatus === 'stopped').toBe(true);
    };
    // The page counts the service worker's requests to re-open a stream it has forgotten.
    await page.evaluate(() => {
      const counter = window as unknown as { reopens: number };
      counter.reopens = 0;
      navigator.serviceWorker.addEventListener('message', (event) => {
        if (event.data?.type === 'evidence-stream-reopen') counter.reopens += 1;
      });
    });
    const reopens = () => page.evaluate(() => (window as unknown as { reopens: number }).reopens);

    await evidence.openExhibit('AB/1');
    const audio = page.locator('audio');
    await expect(audio).toHaveAttribute('src', /^\/evidence-stream\/[0-9a-f]{32}$/);
    const url = (await audio.getAttribute('src')) ?? '';
    await expect
      .poll(() => audio.evaluate((el: HTMLAudioElement) => el.duration), { timeout: 30_000 })
      .toBeCloseTo(SECONDS, 0);
    await audio.evaluate((el: HTMLAudioElement) => {
      el.muted = true;
      return el.play();
    });
    const currentTime = () => audio.evaluate((el: HTMLAudioElement) => el.currentTime);
    const playsOnFrom = async (from: number) => {
      await expect.poll(currentTime, { timeout: 30_000 }).toBeGreaterThan(from + 1);
      const media = await audio.evaluate((el: HTMLAudioElement) => ({
        enoughData: el.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA,
        error: el.error?.code ?? null,
        paused: el.paused,
      }));
      expect(media).toEqual({ enoughData: true, error: null, paused: false });
    };
    /** Starts a seek; the promise settles on `seeked` (or the media element's error). */
    const seek = async (to: number) => {
      await audio.evaluate((el: HTMLAudioElement) => {
        const seen = el as HTMLAudioElement & { outcome?: Promise<number> };
        seen.outcome = new Promise<number>((resolve, reject) => {
          el.addEventListener('seeked', () => resolve(el.currentTime), { once: true });
          el.addEventListener('error', () => reject(new Error(`media error ${el.error?.code}`)), {
            once: true,
          });
        });
      });
      const started = Date.now();
      await audio.evaluate((el: HTMLAudioElement, at) => {
        el.currentTime = at;
      }, to);
      return {
        seeked: async () => {
          const at = await audio.evaluate(
            (el: HTMLAudioElement & { outcome?: Promise<number> }) => el.outcome,
          );
          return { at, ms: Date.now() - started };
        },
      };
    };
    await playsOnFrom(0);
    // Usually 0; in a few runs here the very first Range request already needed one.
    const early = await reopens();

    // A control for the timing: a seek while the service worker runs and knows the stream.
    const plain = await (await seek(SECONDS - 2700)).seeked();
    expect(plain.at).toBeCloseTo(SECONDS - 2700, 0);
    await playsOnFrom(SECONDS - 2700);
    expect(await reopens()).toBe(early);

    // Stopped while playing, then a seek far past what is buffered: the new service worker
    // does not know the stream, asks the page, and the recording plays on from there.
    await stopServiceWorker();
    const afterStop = await (await seek(SECONDS - 1800)).seeked();
    expect(afterStop.at).toBeCloseTo(SECONDS - 1800, 0);
    await playsOnFrom(SECONDS - 1800);
    expect(await reopens()).toBe(early + 1);
    test.info().annotations.push({
      type: 'seek',
      description: `${plain.ms} ms with the service worker running, ${afterStop.ms} ms after a stop`,
    });

    // Stopped again just as a seek's range is asked for: Chromium starts a new service worker
    // for the request, which re-opens the stream too.
    const seeking = await seek(SECONDS - 900);
    await stopServiceWorker();
    expect((await seeking.seeked()).at).toBeCloseTo(SECONDS - 900, 0);
    await playsOnFrom(SECONDS - 900);
    expect(await reopens()).toBeGreaterThanOrEqual(early + 2);

    // The bytes served after a restart are the recording's own, at the offset asked for.
    await stopServiceWorker();
    const start = SIZE - 3 * 1024 * 1024 + 12_345;
    const bytes = await page.evaluate(
      async ([u, from, to]) => {
        const r = await fetch(u, { headers: { Range: `bytes=${from}-${to}` } });
        return { status: r.status, bytes: [...new Uint8Array(await r.arrayBuffer())] };
      },
      [url, start, start + 65_535] as const,
    );
    expect(bytes.status).toBe(206);
    expect(Buffer.from(bytes.bytes).equals(original.subarray(start, start + 65_536))).toBe(true);
    await playsOnFrom(await currentTime());

    // A control: a token no page holds is refused, as every stream was before re-opening.
    const status = (u: string) =>
      page.evaluate(
        (address) =>
          fetch(address, { headers: { Range: 'bytes=0-99' } }).then(
            (r) => r.status,
            () => 0,
          ),
        u,
      );
    await stopServiceWorker();
    expect(await status(`/evidence-stream/${'0'.repeat(32)}`)).toBe(410);

    // Lock during playback ends the stream, and a restarted service worker cannot bring it
    // back: the page forgets its streams on lock (and the vault worker is gone).
    expect(await status(url)).toBe(206);
    expect(await audio.evaluate((el: HTMLAudioElement) => el.paused)).toBe(false);
    await app.lock();
    await expect(audio).toHaveCount(0);
    expect(await status(url)).toBe(410);
    const asked = await reopens();
    await stopServiceWorker();
    expect(await status(url)).toBe(410);
    expect(await reopens()).toBe(asked + 1);
  } finally {
    await rm(path, { force: true });
  }
});
