import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { Timeline } from './pages/timeline';
import { expect, test } from './support/fixtures';

test('deleting an incident asks why and leaves a visible tombstone', async ({ page }) => {
  const app = new CasebookApp(page);
  const form = new IncidentForm(page);
  const timeline = new Timeline(page);

  await app.open();
  await app.create();
  await app.newIncident.click();
  await form.quickAdd('Logged twice by mistake');
  await app.newIncident.click();
  await form.quickAdd('Note left on the windscreen');

  await timeline.open('Logged twice by mistake');
  await page.getByRole('button', { name: 'Delete incident' }).click();
  // A reason is required.
  await page.getByRole('button', { name: 'Delete incident' }).click();
  await expect(page.getByRole('alert')).toContainText('Say why');
  await page
    .getByLabel('Reason for deleting', { exact: true })
    .fill('Duplicate of the entry above');
  await page.getByRole('button', { name: 'Delete incident' }).click();

  await expect(timeline.card('Deleted incident')).toBeVisible();
  await expect(timeline.card('Deleted incident')).toContainText(
    'Reason: Duplicate of the entry above',
  );
  await expect(page.getByText('Logged twice by mistake')).toHaveCount(0);
  await timeline.expectShown('Note left on the windscreen');

  await app.lock();
  await app.unlock();
  await expect(timeline.card('Deleted incident')).toContainText('Duplicate of the entry above');
  await timeline.card('Deleted incident').getByRole('button', { name: 'See its history' }).click();
  await expect(page.getByRole('heading', { name: 'Version 2: deleted' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Version 1: created' })).toBeVisible();
  await expect(page.getByText('Logged twice by mistake')).toBeVisible();
});
