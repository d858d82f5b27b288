import { AccountScreens } from './pages/account';
import { CasebookApp, KDF_TIMEOUT, PASSPHRASE } from './pages/casebook-app';
import { expectAxeClean, screens } from './support/axe-and-screens';
import { expect, test } from './support/fixtures';

test('a new recovery code, behind the passphrase, works and the old one no longer does', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  const account = new AccountScreens(page);
  await app.open();
  const oldCode = await app.create();
  await account.openNewRecoveryCode();
  await expectAxeClean(page, 'new recovery code');
  await screens(page, 'new-recovery-code');

  await account.field('Current passphrase').fill('this is not my passphrase');
  await page.getByRole('button', { name: 'Make a new recovery code', exact: true }).click();
  await expect(account.field('Current passphrase')).toHaveAccessibleDescription(
    /not the current passphrase/,
    { timeout: KDF_TIMEOUT },
  );

  const newCode = await account.makeNewRecoveryCode(PASSPHRASE);
  expect(newCode).not.toEqual(oldCode);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Your new recovery code' }),
  ).toBeVisible();
  await expect(page.getByText('Your old recovery code no longer works.')).toBeVisible();
  // Shown as at creation: nothing leaves it but its own button (and Quick exit).
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toHaveCount(0);
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expectAxeClean(page, 'new recovery code shown');
  await screens(page, 'new-recovery-code-shown');
  await page.getByRole('button', { name: 'I have saved my recovery code' }).click();
  await app.expectUnlocked();

  await app.lock();
  await account.unlockWithRecoveryCode(oldCode);
  await expect(page.getByRole('alert')).toContainText('recovery code', { timeout: KDF_TIMEOUT });
  await page.getByLabel('Recovery code', { exact: true }).fill(newCode);
  await page.getByRole('button', { name: 'Open with recovery code' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Choose a new passphrase' }),
  ).toBeVisible({ timeout: KDF_TIMEOUT });
});
