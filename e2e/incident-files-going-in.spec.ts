import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { expect, test } from './support/fixtures';

/** Big enough to take a while to go in, so Save is pressed while they still are. */
const BIG = 32 * 1024 * 1024;

test('a new incident waits for its files still going in, then is saved once with every file linked both ways', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const app = new CasebookApp(page);
  const form = new IncidentForm(page);
  await app.open();
  await app.create();

  await app.newIncident.click();
  await form.field('What happened').fill('Two long recordings left on the phone');
  await form.openDetails();
  // Made in the page: large buffers are slow to send through the driver.
  await page.getByLabel('Attach evidence files', { exact: true }).evaluate((input, size) => {
    const list = new DataTransfer();
    list.items.add(new File([new Uint8Array(size).fill(1)], 'first.bin'));
    list.items.add(new File([new Uint8Array(size).fill(2)], 'second.bin'));
    list.items.add(new File([new Uint8Array(3000).fill(3)], 'note.bin'));
    (input as HTMLInputElement).files = list.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, BIG);
  // Add pressed before any initials are typed says what to do.
  await page.getByRole('button', { name: 'Add the 3 chosen files' }).click();
  await expect(page.getByText(/Type your initials first, like AB\./)).toBeVisible();
  await page.getByLabel('Your initials for exhibit references', { exact: true }).fill('AB');
  await page.getByRole('button', { name: 'Add the 3 chosen files' }).click();
  await form.save();
  // Held, calmly: not an error, and nothing saved yet.
  await expect(page.getByText(/files? (are|is) still going in\. You can save when/)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'New incident' })).toBeVisible();

  await expect(page.getByText('The files are in. You can save now.')).toBeVisible({
    timeout: 120_000,
  });
  await expect(page.locator('.linked-evidence')).toContainText('AB/3');
  await form.save();
  await expect(page.getByText('Incident saved.')).toBeVisible();

  // One incident, and each of the three exhibits names it.
  await app.goTo('Evidence');
  await expect(page.getByText(/· 1 incident\b/)).toHaveCount(3);
});
