import { CasebookApp, KDF_TIMEOUT } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { Timeline } from './pages/timeline';
import { expect, test } from './support/fixtures';

const NEW_PASSPHRASE = 'harbour pencil walnut glacier cobalt ribbon';

test('a forgotten passphrase: wrong one refused, recovery code opens, a new passphrase is set', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  await app.open();
  const code = await app.create();
  expect(code.length).toBeGreaterThan(20);
  await app.newIncident.click();
  await new IncidentForm(page).quickAdd('Kept safe through a forgotten passphrase');
  await app.lock();

  await app.passphrase.fill('I cannot remember it');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('passphrase', { timeout: KDF_TIMEOUT });

  await page.getByRole('button', { name: 'Forgotten it? Use your recovery code' }).click();
  await page.getByLabel('Recovery code', { exact: true }).fill('AAAA-BBBB-CCCC-DDDD');
  await page.getByRole('button', { name: 'Open with recovery code' }).click();
  await expect(page.getByRole('alert')).toContainText('recovery code', { timeout: KDF_TIMEOUT });

  await page.getByLabel('Recovery code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Open with recovery code' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Choose a new passphrase' }),
  ).toBeVisible({
    timeout: KDF_TIMEOUT,
  });
  await page.getByLabel('Passphrase', { exact: true }).fill(NEW_PASSPHRASE);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(NEW_PASSPHRASE);
  await page.getByRole('button', { name: 'Save new passphrase' }).click();
  await app.expectUnlocked();
  await new Timeline(page).expectShown('Kept safe through a forgotten passphrase');

  await app.lock();
  await app.unlock(NEW_PASSPHRASE);
  await new Timeline(page).expectShown('Kept safe through a forgotten passphrase');
});

test('a weak passphrase is refused with a reason, and a suggested one is accepted', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.passphrase.fill('password123');
  await page.getByLabel('Confirm passphrase', { exact: true }).fill('password123');
  await page.getByRole('button', { name: 'Create casebook' }).click();
  await expect(page.getByRole('alert')).toContainText('Too easy to guess');
  await page.getByRole('button', { name: 'Suggest a passphrase' }).click();
  await expect(app.passphrase).toHaveValue(/^[a-z]+( [a-z]+){5}$/);
  await expect(page.getByLabel('Confirm passphrase', { exact: true })).toHaveValue(
    await app.passphrase.inputValue(),
  );
  await expect(page.getByText('This passphrase is strong enough.')).toBeVisible();
  await page.getByRole('button', { name: 'Create casebook' }).click();
  await expect(page.getByTestId('recovery-code')).toBeVisible({ timeout: KDF_TIMEOUT });
});
