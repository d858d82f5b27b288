import { CasebookApp } from './pages/casebook-app';
import { expectAxeClean } from './support/axe-and-screens';
import { expect, test } from './support/fixtures';

const CHOOSE = 'Choose exported chats or messages';

/**
 * A made-up chat (never a real person's) whose days are all 12 or under, so 02/03 could be
 * 2 March or 3 February. Noon times keep every reading on the same calendar day in any zone.
 */
const AMBIGUOUS_CHAT = [
  '02/03/2026, 12:00 - Sam Taylor: Answer me',
  '02/03/2026, 12:05 - Alex: Please stop messaging me',
  '05/04/2026, 12:00 - Sam Taylor: I know where you are',
].join('\n');

test('dates that could be day or month first: the screen asks, and the answer sets the date range', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.goTo('Import');
  const txt = {
    name: 'WhatsApp Chat with Sam Taylor.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(`${AMBIGUOUS_CHAT}\n`),
  };
  const files = page.getByRole('list', { name: 'Files chosen' });
  const question = page.getByRole('group', { name: /day first or month first/ });

  // Day first: 2 March to 5 April.
  await page.getByLabel(CHOOSE, { exact: true }).setInputFiles(txt);
  await expect(question).toBeVisible();
  await expect(question).toContainText('02/03/2026');
  await expectAxeClean(page, 'Import, date-order question');
  await question.getByRole('radio', { name: /^Day first/ }).click();
  await expect(question).toBeHidden();
  await expect(files).toContainText('3 messages, 2 Mar – 5 Apr 2026');
  await expect(files).not.toContainText('3 Feb');

  // The same file, answered month first: 3 February to 4 May.
  await page.getByRole('button', { name: `Remove ${txt.name}` }).click();
  await expect(files).toBeHidden();
  await page.getByLabel(CHOOSE, { exact: true }).setInputFiles(txt);
  await expect(question).toBeVisible();
  await question.getByRole('radio', { name: /^Month first/ }).click();
  await expect(question).toBeHidden();
  await expect(files).toContainText('3 messages, 3 Feb – 4 May 2026');
  await expect(files).not.toContainText('2 Mar');
});
