import type { Page } from '@playwright/test';
import { CasebookApp } from './pages/casebook-app';
import { Evidence, minimalPdf } from './pages/evidence';
import { IncidentForm } from './pages/incident-form';
import { expectAxeClean } from './support/axe-and-screens';
import { expect, test } from './support/fixtures';

// Issue 13, evidence at scale: thumbnails for videos, a labelled tile for pictures the browser
// cannot draw, thumbnails revoked when their exhibit is deleted and all of them on lock, the
// intake progress scrolled into view only when files are newly chosen, and the message when
// files attached to a new incident could not be linked back to it.

const SHOTS = process.env.SCREENS_DIR ?? 'test-results/screens';
type Upload = { name: string; mimeType: string; buffer: Buffer };

/** A PNG and a two-second WebM (VP8, recorded from a canvas), both made in the page. */
async function pictureAndVideo(page: Page): Promise<Upload[]> {
  const [png, webm] = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const g = canvas.getContext('2d') as CanvasRenderingContext2D;
    g.fillStyle = '#2a7';
    g.fillRect(0, 0, 320, 240);
    const png = canvas.toDataURL('image/png').split(',')[1] ?? '';
    const stream = canvas.captureStream(25);
    const recorder = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8' });
    const parts: Blob[] = [];
    recorder.ondataavailable = (e) => parts.push(e.data);
    const stopped = new Promise((r) => {
      recorder.onstop = r;
    });
    recorder.start(100);
    const began = performance.now();
    await new Promise<void>((resolve) => {
      const frame = () => {
        const t = performance.now() - began;
        g.fillStyle = `hsl(${Math.round(t / 10) % 360} 70% 50%)`;
        g.fillRect(0, 0, 320, 240);
        if (t < 2000) requestAnimationFrame(frame);
        else resolve();
      };
      frame();
    });
    recorder.stop();
    await stopped;
    const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return [png, btoa(binary)];
  });
  return [
    { name: 'doorstep.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') },
    { name: 'car-park.webm', mimeType: 'video/webm', buffer: Buffer.from(webm, 'base64') },
  ];
}

/** The start of a HEIC photo (an ISO-BMFF `ftyp` box of brand heic): Chromium cannot draw it. */
function heicPhoto(): Upload {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypheic', 4, 'latin1');
  ftyp.writeUInt32BE(0, 12);
  ftyp.write('mif1heic', 16, 'latin1');
  return {
    name: 'IMG_0412.HEIC',
    mimeType: 'image/heic',
    buffer: Buffer.concat([ftyp, Buffer.alloc(2000, 7)]),
  };
}

/** Whether a blob: URL still gives a picture (fetch of blob: is refused by the CSP). */
function probe(page: Page, src: string): Promise<string> {
  return page.evaluate(
    (src) =>
      new Promise<string>((resolve) => {
        const img = new Image();
        img.onload = () => resolve('readable');
        img.onerror = () => resolve('gone');
        img.src = src;
      }),
    src,
  );
}

test('video thumbnails, a labelled tile for a HEIC photo, thumbnails revoked on delete and on lock, and progress scrolled into view only for new files', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const app = new CasebookApp(page);
  const evidence = new Evidence(page);
  await app.open();
  await app.create();
  await app.goTo('Evidence');

  const files = [...(await pictureAndVideo(page)), heicPhoto()];
  await evidence.attach('Add evidence files', files);
  await expect(page.getByText('3 exhibits, newest first.')).toBeVisible();

  // The photo's thumbnail comes from the worker, the video's from a frame decoded in the page:
  // both small JPEGs behind blob: URLs. They are made as cards come near the view, and the
  // list is windowed (a card drawn afresh below the intake progress is not near yet): scrolled to.
  await evidence.list.scrollIntoViewIfNeeded();
  const photo = evidence.card('AB/1').locator('.evidence-thumb img');
  const video = evidence.card('AB/2').locator('.evidence-thumb img');
  await expect(photo).toBeVisible({ timeout: 30_000 });
  await expect(video).toBeVisible({ timeout: 30_000 });
  const videoInfo = await video.evaluate((img: HTMLImageElement) => ({
    src: img.src,
    w: img.naturalWidth,
    h: img.naturalHeight,
  }));
  expect(videoInfo.src).toMatch(/^blob:/);
  expect(Math.max(videoInfo.w, videoInfo.h)).toBe(160);
  // The frame is the video's, not a blank: a coloured pixel at its centre.
  const centre = await video.evaluate((img: HTMLImageElement) => {
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const g = c.getContext('2d') as CanvasRenderingContext2D;
    g.drawImage(img, 0, 0);
    const [r, gr, b] = g.getImageData(c.width / 2, c.height / 2, 1, 1).data;
    return Math.max(r ?? 0, gr ?? 0, b ?? 0) - Math.min(r ?? 0, gr ?? 0, b ?? 0);
  });
  expect(centre, 'a saturated colour, as drawn into the video').toBeGreaterThan(60);

  // A HEIC photo: a tile that says there is no preview, in words, and no broken image.
  const heic = evidence.card('AB/3').locator('.evidence-thumb');
  await expect(heic).toHaveAccessibleName('No preview: this browser cannot show this HEIC picture');
  await expect(heic).toContainText('HEIC');
  await expect(heic).toContainText('No preview');
  await expect(heic.locator('img')).toHaveCount(0);
  await expectAxeClean(page, 'Evidence with a video thumbnail and a HEIC tile');
  await page.screenshot({ path: `${SHOTS}/evidence-previews-phone.png` });

  // Deleting the photo revokes its thumbnail at once; the video's stays (the positive control).
  const photoSrc = await photo.getAttribute('src');
  expect(photoSrc).toMatch(/^blob:/);
  expect(await probe(page, photoSrc as string)).toBe('readable');
  await evidence.card('AB/1').getByRole('button', { name: 'Delete evidence item' }).click();
  await page.getByLabel('Reason for deleting', { exact: true }).fill('Wrong photo');
  await evidence.card('AB/1').getByRole('button', { name: 'Delete evidence item' }).click();
  await expect(page.getByText('Deleted exhibit AB/1')).toBeVisible();
  await expect.poll(() => probe(page, photoSrc as string)).toBe('gone');
  expect(await probe(page, videoInfo.src)).toBe('readable');

  // Progress: new files bring it into view; its updates do not pull the page back while the
  // person reads further down, and coming back to the screen does not jump to it.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const bottom = await page.evaluate(() => window.scrollY);
  expect(bottom).toBeGreaterThan(0);
  await app.goTo('Incidents');
  await app.goTo('Evidence');
  await expect(page.getByRole('list', { name: 'Files being added' })).toBeVisible();
  const afterReturn = await page.evaluate(() => window.scrollY);
  expect(afterReturn, 'coming back does not scroll to the old progress').toBe(0);

  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.getByLabel('Add evidence files', { exact: true }).evaluate((input) => {
    const list = new DataTransfer();
    list.items.add(new File([new Uint8Array(24 * 1024 * 1024).fill(5)], 'long-recording.bin'));
    (input as HTMLInputElement).files = list.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const progress = page.locator('.intake.pinned');
  await expect(progress).toBeInViewport();
  // While it goes in, the person scrolls to the top: updates leave the page where they put it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(1500);
  expect(await page.evaluate(() => window.scrollY), 'updates do not scroll the page').toBe(0);
  await expect(page.getByText(/^Added as exhibit AB\/4/)).toBeVisible({ timeout: 120_000 });

  // Lock revokes every thumbnail left: those drawn, and the video's, whose card may be out of
  // the list's window by now (its URL is kept for the session all the same, until lock).
  const drawn = await page
    .locator('.evidence-thumb img')
    .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src));
  const srcs = [...new Set([videoInfo.src, ...drawn])];
  expect(await probe(page, videoInfo.src), 'positive control: still readable before lock').toBe(
    'readable',
  );
  await app.lock();
  for (const src of srcs) expect(await probe(page, src), src).toBe('gone');
});

test('files attached to a new incident that cannot be linked back: the incident is saved and the message says what to do', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // The one way to make the link-back fail on purpose: once the test says so, the next save of
  // an evidence item is sent to the vault worker with a body it must refuse.
  await page.addInitScript(() => {
    const send = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const m = message as { method?: string; args?: unknown[] };
      const w = window as unknown as { __breakEvidenceSave?: boolean };
      if (w.__breakEvidenceSave && m?.method === 'put' && m.args?.[0] === 'evidence') {
        w.__breakEvidenceSave = false;
        message = { ...m, args: [m.args[0], m.args[1], { schema: 'not a body' }] };
      }
      return (send as (...a: unknown[]) => void).call(this, message, ...rest);
    } as typeof Worker.prototype.postMessage;
  });
  const app = new CasebookApp(page);
  const form = new IncidentForm(page);
  const evidence = new Evidence(page);
  await app.open();
  await app.create();
  await app.newIncident.click();
  await form.field('What happened').fill('Note left on the windscreen');
  await form.openDetails();
  await evidence.attach('Attach evidence files', [
    { name: 'note.pdf', mimeType: 'application/pdf', buffer: minimalPdf('windscreen') },
  ]);
  await page.evaluate(() => {
    (window as unknown as { __breakEvidenceSave?: boolean }).__breakEvidenceSave = true;
  });
  await form.save();
  await expect(
    page.getByText(
      'The incident is saved. Linking the files did not finish: open the incident and add them again.',
    ),
  ).toBeVisible();
  // Saved, and nothing else lost: the incident is in the timeline and the file in Evidence.
  await expect(page.getByText('Note left on the windscreen')).toBeVisible();
  await app.goTo('Evidence');
  await expect(evidence.card('AB/1')).toBeVisible();
  // The positive control: the break was used (the evidence item does not name the incident).
  await expect(evidence.card('AB/1')).not.toContainText('1 incident');
  await expectAxeClean(page, 'Evidence after a link that did not finish');
});
