import { AccountScreens } from './pages/account';
import { CasebookApp, KDF_TIMEOUT, PASSPHRASE } from './pages/casebook-app';
import { expectAxeClean, screens } from './support/axe-and-screens';
import { expect, test } from './support/fixtures';

const NEW_PASSPHRASE = 'harbour pencil walnut glacier cobalt ribbon';

test('changing the passphrase needs the current one; then only the new one opens it', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  const account = new AccountScreens(page);
  await app.open();
  await app.create();
  await account.openChangePassphrase();
  await expectAxeClean(page, 'change passphrase');
  await screens(page, 'change-passphrase');

  // Without the current passphrase: refused beside that field, linked to it.
  await account.changePassphrase('', NEW_PASSPHRASE);
  const current = account.field('Current passphrase');
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(current).toHaveAccessibleDescription('Type your current passphrase.');
  await expect(current).toBeFocused();

  // With a wrong one: the vault refuses and says nothing was changed.
  await account.changePassphrase('this is not my passphrase', NEW_PASSPHRASE);
  await expect(current).toHaveAccessibleDescription(
    /not the current passphrase.*nothing was changed/i,
    {
      timeout: KDF_TIMEOUT,
    },
  );
  await expectAxeClean(page, 'change passphrase, refused');
  await screens(page, 'change-passphrase-refused');

  // A weak new one is refused beside the new field.
  await account.changePassphrase(PASSPHRASE, 'password1');
  await expect(account.field('New passphrase')).toHaveAttribute('aria-invalid', 'true');

  await account.changePassphrase(PASSPHRASE, NEW_PASSPHRASE);
  const done = page.getByRole('status').filter({ hasText: 'Your passphrase has been changed.' });
  await expect(done).toBeVisible({ timeout: KDF_TIMEOUT });
  await expect(done).toContainText('recorded in the audit log');
  await screens(page, 'change-passphrase-done');
  await page.getByRole('button', { name: 'Back to Settings', exact: true }).click();
  await app.goTo('Audit log');
  await expect(page.getByText('passphrase changed')).toBeVisible();

  await app.lock();
  await app.passphrase.fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('not right', { timeout: KDF_TIMEOUT });
  await app.unlock(NEW_PASSPHRASE);
});
