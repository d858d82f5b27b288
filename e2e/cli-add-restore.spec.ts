import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { Backup } from './pages/backup';
import { CasebookApp, PASSPHRASE } from './pages/casebook-app';
import { Evidence } from './pages/evidence';
import { expect, test } from './support/fixtures';

test('a casebook that `casebook add` finished in place (backup v3) restores, shows the file and checks clean', async ({
  page,
}) => {
  const cli = new URL('../apps/cli/bin/casebook.mjs', import.meta.url).pathname;
  const env = { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE };
  const demo = test.info().outputPath('demo.casebook');
  const added = test.info().outputPath('added.casebook');
  const recording = test.info().outputPath('recording.bin');
  const bytes = randomBytes(3 * 1024 * 1024 + 77);
  bytes[0] = 0; // never sniffed as audio by chance
  await writeFile(recording, bytes);
  const run = (...args: string[]) => promisify(execFile)(process.execPath, [cli, ...args], { env });
  await run('demo', demo, '--incidents', '20', '--weeks', '3');
  await run('add', demo, recording, '--initials', 'ZZ', '--out', added);
  // The new file was written in place: version 3, with its PAD frame.
  expect((await readFile(added))[8]).toBe(3);

  const app = new CasebookApp(page);
  await app.open();
  await new Backup(page).restore(added, PASSPHRASE);
  await app.expectUnlocked();
  await app.goTo('Evidence');
  const evidence = new Evidence(page);
  const card = await evidence.reveal('ZZ/1');
  await evidence.showDetails('ZZ/1');
  await expect(evidence.value(card, 'SHA-256')).toHaveText(
    createHash('sha256').update(bytes).digest('hex'),
  );
  await app.goTo('Backup');
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByText('Everything checked: nothing is missing or altered.')).toBeVisible({
    timeout: 60_000,
  });
});
