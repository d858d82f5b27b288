import type { Page } from '@playwright/test';
import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { Timeline } from './pages/timeline';
import { expectAxeClean, screens } from './support/axe-and-screens';
import { expect, test } from './support/fixtures';

const NOTICE =
  '1 record could not be read. The rest of your casebook is fine. Use Verify casebook on the Audit log screen to see which, and restore from a backup if you have one.';

/** Flips a byte of the ciphertext of the incident whose id sorts first, in IndexedDB `notes`. */
async function damageOneIncident(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('notes');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('envelopes', 'readwrite');
          const store = tx.objectStore('envelopes');
          const range = IDBKeyRange.bound(['incident'], ['incident', []]);
          const cursor = store.openCursor(range);
          let id = '';
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c || id) return;
            const env = c.value as { id: string; ct: string };
            const chars = env.ct.split('');
            chars[10] = chars[10] === 'A' ? 'B' : 'A';
            id = env.id;
            c.update({ ...env, ct: chars.join('') });
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve(id);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

test('a damaged record leaves the rest readable, and says so plainly', async ({ page }) => {
  const app = new CasebookApp(page);
  const timeline = new Timeline(page);
  await app.open();
  await app.create();
  for (const text of ['Followed to the station', 'Flowers left on the doorstep']) {
    await app.newIncident.click();
    await new IncidentForm(page).quickAdd(text);
    await timeline.expectShown(text);
  }
  await expect(page.getByText(NOTICE)).toHaveCount(0);
  await app.lock();

  expect(await damageOneIncident(page)).not.toBe('');
  await page.reload();
  await app.unlock();

  await expect(page.getByText(NOTICE)).toBeVisible();
  // Exactly one of the two is left out; the other opens as before.
  await expect(timeline.list.locator(':scope > li')).toHaveCount(1);
  await expectAxeClean(page, 'timeline with a damaged record');
  await screens(page, 'damaged-record');

  await app.goTo('Audit log');
  await page.getByRole('button', { name: 'Verify casebook', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('One problem was found.', {
    timeout: 30_000,
  });
  await expect(page.getByRole('alert')).toContainText('does not decrypt');
});
