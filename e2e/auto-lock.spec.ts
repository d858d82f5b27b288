import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { expect, test } from './support/fixtures';

test('locks itself after the idle time, and the setting changes it', async ({ page }) => {
  await page.clock.install();
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.newIncident.click();
  await new IncidentForm(page).quickAdd('Left the app open on the table');

  await app.goTo('Settings');
  await page
    .getByLabel('Lock when nothing has been pressed for', { exact: true })
    .selectOption({ label: '1 minute' });
  await app.goTo('Incidents');
  await page.clock.fastForward('00:50');
  await expect(app.lockButton).toBeVisible();
  await page.clock.fastForward('00:15');
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible();
  await expect(page.getByText('Left the app open on the table')).toHaveCount(0);
});

test('locks when the page is hidden for longer than the grace time', async ({ page }) => {
  await page.clock.install();
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  const setHidden = (hidden: boolean) =>
    page.evaluate((h) => {
      Object.defineProperty(document, 'visibilityState', {
        configurable: true,
        get: () => (h ? 'hidden' : 'visible'),
      });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  // Back within the grace time (30 s by default): still unlocked.
  await setHidden(true);
  await page.clock.fastForward('00:10');
  await setHidden(false);
  await expect(app.lockButton).toBeVisible();
  // Away for longer: locked.
  await setHidden(true);
  await page.clock.fastForward('00:31');
  await setHidden(false);
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible();
});
