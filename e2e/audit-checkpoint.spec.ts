import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { Timeline } from './pages/timeline';
import { expectAxeClean, screens } from './support/axe-and-screens';
import { expect, test } from './support/fixtures';

const FINGERPRINT = /^\d+(-[0-9A-F]{4}){5}$/;

test('the Audit log shows where the signed history ends, and Verify reaches it', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.newIncident.click();
  await new IncidentForm(page).quickAdd('A car parked outside again');
  await new Timeline(page).expectShown('A car parked outside again');

  await app.goTo('Audit log');
  const box = page.getByRole('region', { name: 'Where your history ends now' });
  const fingerprint = ((await box.locator('.fingerprint').textContent()) ?? '').trim();
  expect(fingerprint).toMatch(FINGERPRINT);
  await expect(box).toContainText('so nobody can quietly remove entries');

  await page.getByRole('button', { name: 'Verify casebook', exact: true }).click();
  const status = page.getByRole('status').filter({ hasText: 'No problems found.' });
  await expect(status).toBeVisible({ timeout: 30_000 });
  await expect(status).toContainText(`fingerprint ${fingerprint}`);
  await expectAxeClean(page, 'audit log with checkpoint');
  await screens(page, 'audit-log-checkpoint');
});
