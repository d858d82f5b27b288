import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Backup } from './pages/backup';
import { CasebookApp, PASSPHRASE } from './pages/casebook-app';
import { Timeline } from './pages/timeline';
import { expect, test } from './support/fixtures';

test('a casebook written by the CLI demo restores and reads in full', async ({ page }) => {
  const file = test.info().outputPath('demo.casebook');
  const cli = new URL('../apps/cli/bin/casebook.mjs', import.meta.url).pathname;
  await promisify(execFile)(
    process.execPath,
    [cli, 'demo', file, '--incidents', '60', '--weeks', '6'],
    {
      env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE },
    },
  );

  const app = new CasebookApp(page);
  await app.open();
  await new Backup(page).restore(file, PASSPHRASE);
  await app.expectUnlocked();
  await expect(page.getByText('60 incidents, newest first.')).toBeVisible();
  await expect(page.getByText('Incident that could not be read')).toHaveCount(0);
  // The timeline is windowed (issue 13): a few screens of the 60 are drawn, not all.
  const drawn = (await new Timeline(page).texts()).length;
  expect(drawn).toBeGreaterThan(0);
  expect(drawn).toBeLessThan(60);

  for (const section of ['People', 'Calls', 'Items'] as const) {
    await app.goTo(section);
    await expect(page.getByText('Could not be read')).toHaveCount(0);
  }
  await app.goTo('Backup');
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByText('Everything checked: nothing is missing or altered.')).toBeVisible({
    timeout: 30_000,
  });
});
