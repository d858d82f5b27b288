import { join } from 'node:path';
import { CasebookApp } from './pages/casebook-app';
import { Evidence, minimalPdf, silentWav } from './pages/evidence';
import { IncidentForm } from './pages/incident-form';
import { Timeline } from './pages/timeline';
import { test } from './support/fixtures';

const IMAGES = join(import.meta.dirname, '..', 'fixtures', 'images');
for (const vp of [
  { w: 390, h: 844 },
  { w: 1280, h: 800 },
]) {
  test(`shots ${vp.w}`, async ({ page }) => {
    await page.setViewportSize({ width: vp.w, height: vp.h });
    const app = new CasebookApp(page);
    const ev = new Evidence(page);
    await app.open();
    await app.create();
    await app.newIncident.click();
    await new IncidentForm(page).quickAdd('Car parked outside work again');
    await new Timeline(page).open('Car parked outside work again');
    await ev.attach('Attach evidence files', [join(IMAGES, 'IMG_20180725_163423-tiny.jpg'), join(IMAGES, 'img_1771.jpg')]);
    await page.screenshot({ path: `/tmp/shots/incident-${vp.w}.png`, fullPage: true });
    await app.goTo('Evidence');
    await ev.attach('Add evidence files', [
      { name: 'voicemail.wav', mimeType: 'audio/wav', buffer: silentWav(2) },
      { name: 'letter.pdf', mimeType: 'application/pdf', buffer: minimalPdf() },
    ]);
    await page.screenshot({ path: `/tmp/shots/evidence-${vp.w}.png`, fullPage: false });
    await page.screenshot({ path: `/tmp/shots/evidence-full-${vp.w}.png`, fullPage: true });
    await ev.openExhibit('AB/1');
    await page.getByRole('img', { name: 'Exhibit AB/1' }).waitFor();
    await page.screenshot({ path: `/tmp/shots/viewer-${vp.w}.png`, fullPage: true });
    await ev.closeViewer();
    await ev.openExhibit('AB/3');
    await page.screenshot({ path: `/tmp/shots/viewer-audio-${vp.w}.png`, fullPage: false });
    await ev.closeViewer();
    await app.goTo('Audit log');
    await page.getByRole('button', { name: 'Verify casebook' }).click();
    await page.getByText('No problems found').waitFor();
    await page.screenshot({ path: `/tmp/shots/audit-${vp.w}.png`, fullPage: true });
  });
}
