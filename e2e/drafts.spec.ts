import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { Records } from './pages/records';
import { expectAxeClean } from './support/axe-and-screens';
import { expect, test } from './support/fixtures';

/** Where a person looks at the screenshots (`SCREENS_DIR` overrides). */
const SHOTS = process.env.SCREENS_DIR ?? 'test-results/screens';
const OFFER = /You have an unsaved incident from \d\d:\d\d: carry on or discard\./;

test('an incident being written survives changing screen, Lock and unlock', async ({ page }) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.newIncident.click();
  const what = page.getByLabel('What happened', { exact: true });
  // The form opens on "What happened", ready to type.
  await expect(what).toBeFocused();
  await what.fill('He was at the bus stop again at 7:40');

  // Leaving asks first; keeping it as a draft leaves.
  await app.openSection('Evidence');
  const dialog = page.getByRole('dialog', { name: 'Leave this incident?' });
  await expect(dialog).toBeVisible();
  await expectAxeClean(page, 'leave dialog');
  await page.screenshot({ path: `${SHOTS}/drafts-leave-dialog-390.png` });
  await dialog.getByRole('button', { name: 'Keep writing' }).click();
  await expect(what).toHaveValue('He was at the bus stop again at 7:40');
  await app.openSection('Evidence');
  await dialog.getByRole('button', { name: 'Keep it as a draft' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Evidence' })).toBeVisible();

  // Offered back on Incidents, and after Lock and unlock.
  await app.goTo('Incidents');
  await expect(page.getByText(OFFER)).toBeVisible();
  await app.lock();
  await app.unlock();
  await expect(page.getByText(OFFER)).toBeVisible();
  await expectAxeClean(page, 'kept draft offered');
  await page.screenshot({ path: `${SHOTS}/drafts-offer-390.png` });
  await page.getByRole('button', { name: 'Carry on', exact: true }).click();
  await expect(page.getByLabel('What happened', { exact: true })).toHaveValue(
    'He was at the bus stop again at 7:40',
  );
  await new IncidentForm(page).save();
  await expect(page.getByText('Incident saved.')).toBeVisible();
  await expect(page.getByText(OFFER)).toHaveCount(0);
  await app.lock();
  await app.unlock();
  await expect(page.getByText('He was at the bus stop again at 7:40')).toBeVisible();
  await expect(page.getByText(OFFER)).toHaveCount(0);
});

test('Cancel asks first; Discard drops the draft and the person added for it', async ({ page }) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.newIncident.click();
  const form = new IncidentForm(page);
  await form.field('What happened').fill('A note through the door');
  await form.openDetails();
  await page.getByRole('button', { name: 'Add someone new' }).click();
  await page.getByLabel("New person's name", { exact: true }).fill('Pat Added');
  await page.getByRole('button', { name: 'Add this person' }).click();
  await expect(page.getByLabel('Pat Added', { exact: true })).toBeChecked();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Leave this incident?' })
    .getByRole('button', { name: 'Discard what I wrote' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
  await expect(page.getByText(OFFER)).toHaveCount(0);
  await app.goTo('People');
  await expect(page.getByRole('button', { name: 'Edit Pat Added' })).toHaveCount(0);

  // A kept draft discarded from the offer is gone after unlock too.
  await app.newIncident.click();
  await form.field('What happened').fill('Second note');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.getByRole('button', { name: 'Keep it as a draft' }).click();
  await expect(page.getByText(OFFER)).toBeVisible();
  await page.getByRole('button', { name: 'Discard', exact: true }).click();
  await expect(page.getByText(OFFER)).toHaveCount(0);
  await app.lock();
  await app.unlock();
  await expect(page.getByText(OFFER)).toHaveCount(0);

  // A form left without changes does not ask.
  await app.newIncident.click();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
});

test('the idle lock warns 30 seconds before, and locking keeps the draft', async ({ page }) => {
  await page.clock.install();
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.goTo('Settings');
  await page
    .getByLabel('Lock when nothing has been pressed for', { exact: true })
    .selectOption({ label: '1 minute' });
  await app.newIncident.click();
  await page.getByLabel('What happened', { exact: true }).fill('Parked outside, engine running');

  await page.clock.fastForward('00:31');
  const warning = page.getByRole('alertdialog', { name: 'Locking soon' });
  await expect(warning).toBeVisible();
  await expectAxeClean(page, 'lock warning');
  await page.screenshot({ path: `${SHOTS}/drafts-lock-warning-390.png` });
  await warning.getByRole('button', { name: 'Stay unlocked' }).click();
  await expect(warning).toBeHidden();
  await page.clock.fastForward('00:31');
  await expect(warning).toBeVisible();
  await page.clock.fastForward('00:32');
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible();
  await expect(page.getByText('Parked outside')).toHaveCount(0);

  await app.unlock();
  await expect(page.getByText(OFFER)).toBeVisible();
  await page.getByRole('button', { name: 'Carry on', exact: true }).click();
  await expect(page.getByLabel('What happened', { exact: true })).toHaveValue(
    'Parked outside, engine running',
  );
});

test('a person, a call and an item being written are kept too', async ({ page }) => {
  const app = new CasebookApp(page);
  const records = new Records(page);
  await app.open();
  await app.create();
  await app.goTo('People');
  await page.getByRole('button', { name: 'Add a person' }).click();
  await records.field('Names').fill('Sam Draft');
  await app.openSection('Calls');
  await page.getByRole('button', { name: 'Keep it as a draft' }).click();
  await records.field('What was said').fill('Silence, then laughing');
  await app.openSection('Items');
  await page.getByRole('button', { name: 'Keep it as a draft' }).click();
  await records.field('What it is').fill('A card with no name');
  await app.lock();
  await app.unlock();
  await expect(page.getByText(/You have an unsaved person from/)).toBeVisible();
  await expect(page.getByText(/You have an unsaved call from/)).toBeVisible();
  await expect(page.getByText(/You have an unsaved item from/)).toBeVisible();
  await app.goTo('Calls');
  await expect(records.field('What was said')).toHaveValue('Silence, then laughing');
  await app.openSection('Items');
  await page.getByRole('button', { name: 'Keep it as a draft' }).click();
  await expect(records.field('What it is')).toHaveValue('A card with no name');
  await app.openSection('People');
  await page.getByRole('button', { name: 'Keep it as a draft' }).click();
  await page.getByRole('button', { name: 'Add a person' }).click();
  await expect(records.field('Names')).toHaveValue('Sam Draft');
});
