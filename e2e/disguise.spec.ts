import type { Page } from '@playwright/test';
import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { expect, test } from './support/fixtures';

const NAME = /casebook/i;

/** The manifest the page links to, as the browser would install it. */
async function linkedManifest(page: Page): Promise<string> {
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const response = await page.request.get(href ?? '/missing');
  expect(response.ok()).toBe(true);
  return response.text();
}

async function backupName(page: Page): Promise<string> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download backup' }).click();
  const download = await downloading;
  await expect(page.getByText('Backup ready')).toBeVisible();
  return download.suggestedFilename();
}

test('the disguise leaves no trace of the case or the name in title, URL, manifest, words or files', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  await app.open();
  // In-app navigation never adds to history: the count stays as the first load left it.
  const entries = await page.evaluate(() => history.length);
  await app.create();

  // Positive control: not disguised, the name is there to be found by the same checks.
  await expect(page).toHaveTitle('Casebook');
  expect(await linkedManifest(page)).toMatch(NAME);
  await app.goTo('Backup');
  expect(await backupName(page)).toMatch(/^backup-\d{4}-\d\d-\d\d\.casebook$/);
  await expect(page.getByRole('button', { name: 'Quick exit', exact: true })).toBeVisible();

  await app.newIncident.click();
  await new IncidentForm(page).quickAdd('He sat outside the library all afternoon');
  await app.goTo('Settings');
  await page.getByLabel('Use a plain name and icon ("Notes")', { exact: true }).check();
  await expect(page).toHaveTitle('Notes');
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/icons/notes.svg');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
    'href',
    '/manifest-notes.webmanifest',
  );
  expect(await linkedManifest(page)).not.toMatch(NAME);
  await app.goTo('Backup');
  expect(await backupName(page)).toMatch(/^notes-\d{4}-\d\d-\d\d\.bak$/);

  await app.lock();
  // The page as served, before any script has run, is already the neutral one.
  const served = await (await page.request.get('/')).text();
  expect(served).not.toMatch(NAME);
  expect(served).toContain('/manifest-notes.webmanifest');
  await page.reload();
  await expect(page).toHaveTitle('Notes');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notes is locked');
  // Every word before unlock: the unlock screen and the recovery-code one.
  expect(await page.locator('body').innerText()).not.toMatch(NAME);
  await expect(page.getByRole('button', { name: 'Close', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Quick exit', exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Forgotten it? Use your recovery code' }).click();
  expect(await page.locator('body').innerText()).not.toMatch(NAME);
  expect(page.url()).not.toMatch(NAME);
  expect(await page.evaluate(() => history.length)).toBe(entries);

  // What is stored to make this work before unlocking says nothing about the case.
  const stored = await page.evaluate(() => ({ ...localStorage }));
  // `prefs`, and `tag`: the vault's "last seen" token, ciphertext under the case key.
  expect(Object.keys(stored).sort()).toEqual(['prefs', 'tag']);
  expect(stored.tag).toMatch(/^[A-Za-z0-9+/=]+$/);
  expect(atob(stored.tag ?? '')).not.toMatch(/seq|incident|Casebook/);
  expect(JSON.parse(stored.prefs ?? '{}')).toEqual({
    disguise: true,
    exitTo: 'weather',
    exitCustom: '',
    idleMinutes: 5,
    hiddenGraceSeconds: 30,
  });
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  expect(await page.locator('body').innerText()).not.toContain('library');
});
