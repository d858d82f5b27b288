import { CasebookApp, KDF_TIMEOUT, PASSPHRASE } from './pages/casebook-app';
import { expectAxeClean, screens } from './support/axe-and-screens';
import { expect, test } from './support/fixtures';

test('three wrong passphrases, then the right one, are told calmly once, and logged', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.lock();

  for (let i = 0; i < 3; i++) {
    await app.passphrase.fill(`not the passphrase ${i}`);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('not right', { timeout: KDF_TIMEOUT });
  }
  await app.unlock(PASSPHRASE);

  const panel = page.getByRole('region', { name: 'Since you last opened your casebook' });
  await expect(panel).toContainText(
    /3 attempts with a wrong passphrase since you last opened it, the last on \d{1,2} \w+ at \d\d:\d\d\./,
  );
  await expect(panel).toContainText('If that was you, there is nothing to do.');
  await expect(panel).not.toContainText(/warning|danger|hacked|alert/i);
  // The page's seen token matched: nothing went backwards.
  await expect(panel).not.toContainText('history is not where it was');
  await expectAxeClean(page, 'unlock notices');
  await screens(page, 'unlock-notices');

  // Logged in words, and shown only once: the next unlock has nothing to tell.
  await app.goTo('Audit log');
  await expect(page.getByText('opened after 3 attempts with a wrong passphrase')).toBeVisible();
  await app.goTo('Incidents');
  await panel.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeFocused();
  await app.lock();
  await app.unlock(PASSPHRASE);
  await expect(panel).toHaveCount(0);
});
