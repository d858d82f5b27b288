import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { CasebookApp } from './pages/casebook-app';
import { Evidence } from './pages/evidence';
import { PatternPage } from './pages/insight';
import { Timeline } from './pages/timeline';
import { expectAxeClean, screens } from './support/axe-and-screens';
import { expect, test } from './support/fixtures';
import { expectNoSidewaysScroll, expectNothingCovered } from './support/layout-checks';

const PHOTO = join(import.meta.dirname, '..', 'fixtures', 'images', 'IMG_20180725_163423-tiny.jpg');

/** A made-up Android chat (never a real person's): four bursts from Sam Taylor, one reply. */
const CHAT = [
  '14/03/2026, 23:10 - Sam Taylor: Answer me',
  '14/03/2026, 23:12 - Alex: Please stop messaging me',
  '14/03/2026, 23:40 - Sam Taylor: I know where you are',
  '15/03/2026, 09:00 - Sam Taylor: IMG-20260315-WA0001.jpg (file attached)',
  '15/03/2026, 09:05 - Sam Taylor: Why are you ignoring me',
  '16/03/2026, 20:00 - Sam Taylor: Last chance',
  '17/03/2026, 18:00 - Sam Taylor: Answer your phone',
].join('\n');

async function whatsAppZip(): Promise<Buffer> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  await writer.add('WhatsApp Chat with Sam Taylor.txt', new TextReader(`${CHAT}\n`));
  await writer.add('IMG-20260315-WA0001.jpg', new Uint8ArrayReader(await readFile(PHOTO)));
  return Buffer.from(await writer.close());
}

const CHOOSE = 'Choose exported chats or messages';

async function layoutAt390(page: import('@playwright/test').Page, where: string) {
  await expectNoSidewaysScroll(page, where);
  await expectNothingCovered(page, where);
}

test('import a WhatsApp zip with a photo: incidents confirmed, in Pattern, kept across lock; again adds nothing', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const app = new CasebookApp(page);
  const timeline = new Timeline(page);
  const evidence = new Evidence(page);
  await app.open();
  await app.create();
  await app.goTo('Import');
  await expectAxeClean(page, 'Import, empty');
  await layoutAt390(page, 'Import, empty');

  // A file that is not an export: a plain message, nothing changed.
  await page.getByLabel(CHOOSE, { exact: true }).setInputFiles({
    name: 'shopping.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('milk\neggs\nbread\n'),
  });
  const problem = page.getByRole('alert').filter({ hasText: 'shopping.txt' });
  await expect(problem).toBeVisible();
  await expect(problem).toContainText('Nothing was imported.');
  await expectAxeClean(page, 'Import, not an export');
  await page.getByRole('button', { name: 'Remove shopping.txt' }).click();
  await expect(problem).toBeHidden();

  const zip = {
    name: 'WhatsApp Chat with Sam Taylor.zip',
    mimeType: 'application/zip',
    buffer: await whatsAppZip(),
  };
  await page.getByLabel(CHOOSE, { exact: true }).setInputFiles(zip);
  const files = page.getByRole('list', { name: 'Files chosen' });
  await expect(files).toContainText(/WhatsApp chat/i);
  await expect(files).toContainText(/7 messages/);
  await expect(files).toContainText(/1 photo/);

  // Who is the person responsible: the suggestions follow.
  await page.getByRole('checkbox', { name: /^Sam Taylor/ }).check();
  const suggestions = page.getByRole('checkbox', { name: /^Make an incident of/ });
  await expect(suggestions).toHaveCount(4);
  for (let i = 0; i < 4; i++) await expect(suggestions.nth(i)).not.toBeChecked();
  await expectAxeClean(page, 'Import, review');
  await layoutAt390(page, 'Import, review');
  await screens(page, 'import-review');

  // Leaving mid-review asks first.
  await app.openSection('Incidents');
  const dialog = page.getByRole('dialog', { name: 'Leave this import?' });
  await expect(dialog).toBeVisible();
  await expectAxeClean(page, 'Import, leave dialog');
  await dialog.getByRole('button', { name: 'Stay here' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Import messages' })).toBeVisible();

  // Merge the first two bursts, drop the last: two incidents, both ticked.
  await page.getByRole('button', { name: 'Merge with the next (suggestion 1)' }).click();
  await expect(suggestions).toHaveCount(3);
  await expect(suggestions.first()).toHaveAccessibleName(/^Make an incident of 4 messages/);
  await page.getByRole('button', { name: 'Drop (suggestion 3)' }).click();
  await expect(suggestions).toHaveCount(2);
  await suggestions.nth(0).check();
  await suggestions.nth(1).check();

  await page.getByLabel('Your initials for exhibit references', { exact: true }).fill('AB');
  await page.getByRole('button', { name: 'Import messages', exact: true }).click();
  const done = page.getByRole('heading', { level: 2, name: 'Imported 7 messages' });
  await expect(done).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('as exhibit AB/1 (WhatsApp Chat with Sam Taylor.zip)')).toBeVisible();
  await expect(page.getByText('2 incidents were added.')).toBeVisible();
  await expectAxeClean(page, 'Import, done');
  await layoutAt390(page, 'Import, done');
  await screens(page, 'import-done');

  const check = async () => {
    await app.goTo('Incidents');
    await expect(timeline.card('from Sam Taylor, imported from AB/1.')).toHaveCount(2);
    await app.goTo('Pattern');
    await expect(new PatternPage(page).summary).toContainText('2 incidents');
    await app.goTo('Evidence');
    await expect(evidence.card('AB/1')).toBeVisible();
    await expect(evidence.cards).toHaveCount(1);
  };
  await page.getByRole('button', { name: 'See the incidents' }).click();
  await check();
  await app.lock();
  await app.unlock();
  await check();

  // The same zip again: nothing new, nothing added twice, no second exhibit.
  await app.goTo('Import');
  await page.getByLabel(CHOOSE, { exact: true }).setInputFiles(zip);
  await expect(files).toContainText('Everything in it is in your casebook already');
  await page.getByRole('button', { name: 'Import messages', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Nothing new to import' })).toBeVisible({
    timeout: 60_000,
  });
  await check();
});
