import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CasebookApp } from './pages/casebook-app';
import {
  AuditLog,
  Evidence,
  type FileInput,
  minimalPdf,
  sha256Of,
  silentWav,
} from './pages/evidence';
import { IncidentForm } from './pages/incident-form';
import { Timeline } from './pages/timeline';
import { expect, test } from './support/fixtures';

const IMAGES = join(import.meta.dirname, '..', 'fixtures', 'images');
const CANON = join(IMAGES, 'img_1771.jpg');
const PIXEL = join(IMAGES, 'IMG_20180725_163423-tiny.jpg');
const WAV = { name: 'voicemail.wav', mimeType: 'audio/wav', buffer: silentWav(2) };
const PDF = { name: 'letter.pdf', mimeType: 'application/pdf', buffer: minimalPdf() };
const FILES: [string, FileInput][] = [
  ['AB/1', CANON],
  ['AB/2', PIXEL],
  ['AB/3', WAV],
  ['AB/4', PDF],
];

test('attach a photo, a recording and a PDF to an incident; after lock and unlock each opens and its SHA-256 matches', async ({
  page,
}) => {
  // Intake (WebAssembly SHA-256, exifr), the viewer and downloads all run under the strict CSP:
  // any violation, in the page or the vault worker, fails the journey.
  const violations: string[] = [];
  const watch = (where: string) => (m: { text(): string }) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`${where}: ${m.text()}`);
  };
  page.on('console', watch('page'));
  page.on('worker', (worker) => {
    worker.on('console', watch('worker'));
    void worker
      .evaluate(() => {
        self.addEventListener('securitypolicyviolation', (e) => {
          console.error(
            `Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`,
          );
        });
      })
      .catch(() => {});
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const app = new CasebookApp(page);
  const evidence = new Evidence(page);
  const timeline = new Timeline(page);
  await app.open();
  await app.create();
  await app.newIncident.click();
  await new IncidentForm(page).quickAdd('Car parked outside work again');
  await timeline.open('Car parked outside work again');

  await evidence.attach(
    'Attach evidence files',
    FILES.map(([, f]) => f),
  );
  for (const [ref] of FILES) {
    await expect(page.getByRole('button', { name: `Open ${ref}`, exact: true })).toBeVisible();
  }

  await app.lock();
  await app.unlock();
  await app.goTo('Evidence');
  await expect(page.getByLabel('Add evidence files', { exact: true })).toBeVisible();

  for (const [ref, file] of FILES) {
    const card = evidence.card(ref);
    await expect(card).toBeVisible();
    await expect(evidence.value(card, 'SHA-256')).toHaveText(await sha256Of(file));
    await expect(evidence.value(card, 'Incidents')).toContainText('Car parked outside work again');
  }
  const pixel = evidence.card('AB/2');
  await expect(evidence.value(pixel, 'Time taken')).toHaveText('2018:07:25 16:34:23');
  await expect(evidence.value(pixel, 'Time zone offset')).toHaveText('Not recorded in the file');
  await expect(evidence.value(pixel, 'Where the time came from')).toHaveText(
    'The camera information in the file (EXIF)',
  );
  await expect(evidence.value(pixel, 'Location (GPS)')).toHaveText('50.2996028, 14.8202944');
  await expect(evidence.value(evidence.card('AB/1'), 'Device')).toHaveText('Canon PowerShot S40');
  await expect(evidence.value(evidence.card('AB/3'), 'Type')).toContainText('audio/wav');
  await expect(evidence.value(evidence.card('AB/4'), 'Type')).toContainText('application/pdf');

  // The photo shows from a blob: URL, which is revoked when the viewer closes.
  await evidence.openExhibit('AB/2');
  const img = page.getByRole('img', { name: 'Exhibit AB/2' });
  await expect(img).toBeVisible();
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth))
    .toBeGreaterThan(0);
  const imgUrl = (await img.getAttribute('src')) ?? '';
  expect(imgUrl).toMatch(/^blob:/);
  await evidence.closeViewer();
  // The CSP allows blob: for images only (not fetch), so an image load is the probe.
  const fetchable = (url: string) =>
    page.evaluate(
      (u) =>
        new Promise<boolean>((resolve) => {
          const probe = new Image();
          probe.onload = () => resolve(true);
          probe.onerror = () => resolve(false);
          probe.src = u;
        }),
      url,
    );
  expect(await fetchable(imgUrl)).toBe(false);

  // The recording plays from a blob: URL.
  await evidence.openExhibit('AB/3');
  const audio = page.locator('audio');
  await expect(audio).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.duration)).toBeCloseTo(2, 1);
  await evidence.closeViewer();

  // The PDF is not shown inline: it downloads with its original name, byte for byte.
  await evidence.openExhibit('AB/4');
  await expect(page.getByText('This kind of file is not shown inside Casebook.')).toBeVisible();
  // Before saving, it says plainly that the copy leaves the encryption, and where it goes.
  const saveCopy = page.getByRole('link', { name: 'Save a copy of letter.pdf' });
  await expect(saveCopy).toHaveAccessibleDescription(
    /^A saved copy is not encrypted\. It goes to this browser’s downloads folder, .*move it somewhere safe\. .*delete it/,
  );
  const [download] = await Promise.all([page.waitForEvent('download'), saveCopy.click()]);
  expect(download.suggestedFilename()).toBe('letter.pdf');
  const saved = await readFile((await download.path()) ?? '');
  expect(await sha256Of({ ...PDF, buffer: saved })).toBe(await sha256Of(PDF));
  await evidence.closeViewer();

  // From the incident too; and locking revokes whatever was open.
  await app.goTo('Incidents');
  await timeline.open('Car parked outside work again');
  await evidence.openExhibit('AB/1');
  const canonUrl =
    (await page.getByRole('img', { name: 'Exhibit AB/1' }).getAttribute('src')) ?? '';
  expect(await fetchable(canonUrl)).toBe(true);
  await app.lock();
  expect(await fetchable(canonUrl)).toBe(false);
  await app.unlock();

  // An SVG (it could carry script) is kept but never rendered: download only.
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" onload="document.title=\'pwned\'"><script>document.title="pwned"</script></svg>',
  );
  await app.goTo('Evidence');
  await new Evidence(page).attach('Add evidence files', [
    { name: 'drawing.svg', mimeType: 'image/svg+xml', buffer: svg },
  ]);
  await expect(evidence.value(evidence.card('AB/5'), 'Type')).toContainText('image/svg+xml');
  await evidence.openExhibit('AB/5');
  await expect(page.getByText('This kind of file is not shown inside Casebook.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Save a copy of drawing.svg' })).toBeVisible();
  await expect(page.locator('main img, main object, main iframe, main embed')).toHaveCount(0);
  expect(await page.title()).not.toBe('pwned');
  await evidence.closeViewer();

  // The audit log names each added file by its exhibit and SHA-256, and verifies.
  await app.goTo('Audit log');
  const log = new AuditLog(page);
  await expect(
    log.entries.filter({
      hasText: `added photo AB/2 (IMG_20180725_163423-tiny.jpg), SHA-256 ${await sha256Of(PIXEL)}`,
    }),
  ).toHaveCount(1);
  await expect(log.entries.filter({ hasText: 'added recording AB/3 (voicemail.wav)' })).toHaveCount(
    1,
  );
  await expect(log.entries.filter({ hasText: 'added document AB/4 (letter.pdf)' })).toHaveCount(1);
  await log.expectIntact();
  expect(violations).toEqual([]);
});
