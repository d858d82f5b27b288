import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { IncidentView } from './pages/incident-view';
import { Timeline } from './pages/timeline';
import { expect, test } from './support/fixtures';

test('editing an incident keeps the old version and shows what changed', async ({ page }) => {
  const app = new CasebookApp(page);
  const form = new IncidentForm(page);
  const timeline = new Timeline(page);
  const view = new IncidentView(page);

  await app.open();
  await app.create();
  await app.newIncident.click();
  await form.quickAdd('A blue car parked outside again');

  await timeline.open('A blue car parked outside again');
  await view.edit();
  await form
    .field('What happened')
    .fill('A blue car parked outside again, engine running, for 40 minutes');
  await form.field('Location').fill('Opposite my flat');
  await form.save();

  await expect(page.getByText('Version 2, saved')).toBeVisible();
  await expect(view.value('What happened')).toHaveText(
    'A blue car parked outside again, engine running, for 40 minutes',
  );

  await view.history();
  const versions = page
    .getByRole('list', { name: 'Versions' })
    .getByRole('listitem')
    .filter({
      has: page.getByRole('heading', { level: 2 }),
    });
  await expect(versions).toHaveCount(2);
  const newest = versions.nth(0);
  await expect(newest.getByRole('heading', { name: 'Version 2: edited' })).toBeVisible();
  await expect(newest.locator('del')).toContainText(['A blue car parked outside again']);
  await expect(newest.locator('ins')).toContainText([
    'A blue car parked outside again, engine running, for 40 minutes',
    'Opposite my flat',
  ]);
  await expect(versions.nth(1).getByRole('heading', { name: 'Version 1: created' })).toBeVisible();
  await expect(versions.nth(1)).toContainText('A blue car parked outside again');

  // Still there after locking: history is stored, not kept in memory.
  await app.lock();
  await app.unlock();
  await timeline.open('engine running');
  await view.history();
  await expect(page.getByRole('heading', { name: 'Version 1: created' })).toBeVisible();
});
