import { CasebookApp } from './pages/casebook-app';
import { expect, test } from './support/fixtures';

test('the disguise gives a neutral title, name and icon, also before unlocking', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  await app.open();
  await expect(page).toHaveTitle('Casebook');
  await app.create();
  await app.goTo('Settings');
  await page.getByLabel('Use a plain name and icon ("Notes")', { exact: true }).check();
  await expect(page).toHaveTitle('Notes');
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/icons/notes.svg');
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
    'href',
    '/manifest-notes.webmanifest',
  );

  await app.lock();
  await page.reload();
  await expect(page).toHaveTitle('Notes');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notes is locked');
  await expect(page.getByText('Casebook')).toHaveCount(0);
  // What is stored to make this work before unlocking says nothing about the case.
  const stored = await page.evaluate(() => ({ ...localStorage }));
  // `prefs`, and `tag`: the vault's "last seen" token, ciphertext under the case key.
  expect(Object.keys(stored).sort()).toEqual(['prefs', 'tag']);
  expect(stored.tag).toMatch(/^[A-Za-z0-9+/=]+$/);
  expect(atob(stored.tag ?? '')).not.toMatch(/seq|incident|Casebook/);
  expect(JSON.parse(stored.prefs ?? '{}')).toEqual({
    disguise: true,
    exitTo: 'recipes',
    idleMinutes: 5,
    hiddenGraceSeconds: 30,
  });
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});
