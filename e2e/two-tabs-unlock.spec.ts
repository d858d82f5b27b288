import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { Timeline } from './pages/timeline';
import { expect, test } from './support/fixtures';

/**
 * A locked tab reads the timeline's ciphertext while its lock screen shows, so that unlocking
 * waits only for Argon2id. If another tab saves meanwhile, that reading is out of date: the
 * locked tab must see the new incident when it is unlocked, never the old list.
 */
test('an incident saved in another tab while this one sat locked is there on unlock', async ({
  page,
  context,
}) => {
  const first = new CasebookApp(page);
  await first.open();
  await first.create();
  await first.newIncident.click();
  await new IncidentForm(page).quickAdd('Flowers left on the doorstep');
  await new Timeline(page).expectShown('Flowers left on the doorstep');
  await first.lock();
  // Time for this tab's fresh worker to read ahead, as a person takes to look away.
  await page.waitForTimeout(2000);

  const otherPage = await context.newPage();
  const other = new CasebookApp(otherPage);
  await other.open();
  await other.unlock();
  await other.newIncident.click();
  await new IncidentForm(otherPage).quickAdd('Note through the letterbox, seen in the other tab');
  await new Timeline(otherPage).expectShown('Note through the letterbox, seen in the other tab');
  await other.lock();
  await otherPage.close();

  await first.unlock();
  const timeline = new Timeline(page);
  await timeline.expectShown('Note through the letterbox, seen in the other tab');
  await timeline.expectShown('Flowers left on the doorstep');
  await expect(page.getByText(/could not be read/i)).toHaveCount(0);
});
