import { TextReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { CasebookApp } from './pages/casebook-app';
import { Evidence } from './pages/evidence';
import { Timeline } from './pages/timeline';
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

/** A made-up SMS Backup & Restore file: times are instants (ms since 1970, UTC). */
function smsBackup(messages: readonly { at: string; type: 1 | 2; body: string }[]): Buffer {
  const rows = messages.map(
    (m) =>
      `  <sms protocol="0" address="07700900123" date="${Date.parse(m.at)}" type="${m.type}" subject="null" body="${m.body}" toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" date_sent="0" sub_id="1" readable_date="x" contact_name="Sam Taylor" />\n`,
  );
  return Buffer.from(
    `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="${messages.length}" backup_set="test" type="full">\n${rows.join('')}</smses>\n`,
  );
}

/** Late-evening UTC instants: the next calendar day in Auckland (UTC+13 in March). */
const SMS = {
  name: 'sms-20260318.xml',
  mimeType: 'text/xml',
  buffer: smsBackup([
    { at: '2026-03-14T23:30:00Z', type: 1, body: 'Answer me' },
    { at: '2026-03-15T08:00:00Z', type: 2, body: 'Please stop' },
    { at: '2026-03-17T23:30:00Z', type: 1, body: 'Last chance' },
  ]),
};

const DAY_FIRST_CHAT = {
  name: 'WhatsApp Chat with Sam Taylor.txt',
  mimeType: 'text/plain',
  buffer: Buffer.from(
    '14/03/2026, 23:10 - Sam Taylor: Answer me\n16/03/2026, 20:00 - Sam Taylor: Last chance\n',
  ),
};

test('several files chosen at once each get their own summary line', async ({ page }) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.goTo('Import');
  await page.getByLabel(CHOOSE, { exact: true }).setInputFiles([DAY_FIRST_CHAT, SMS]);
  const items = page.getByRole('list', { name: 'Files chosen' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  const chat = items.filter({ hasText: DAY_FIRST_CHAT.name });
  const sms = items.filter({ hasText: SMS.name });
  await expect(chat).toContainText('WhatsApp chat with 1 person, 2 messages, 14 Mar – 16 Mar 2026');
  await expect(chat).toContainText('2 messages and calls to add.');
  await expect(sms).toContainText(
    'Text message backup with 2 people, 3 messages, 14 Mar – 17 Mar 2026',
  );
  await expect(sms).toContainText('3 messages and calls to add.');
  await expectAxeClean(page, 'Import, two files');
});

test('after the time zone is changed, the summary shows the dates in the new zone', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.goTo('Import');
  const files = page.getByRole('list', { name: 'Files chosen' });
  const zone = page.getByLabel('The time zone the phone was set to', { exact: true });
  await expect(zone).toHaveValue('Europe/London');
  await page.getByLabel(CHOOSE, { exact: true }).setInputFiles(SMS);
  await expect(files).toContainText('3 messages, 14 Mar – 17 Mar 2026');
  await zone.selectOption('Pacific/Auckland');
  await expect(files).toContainText('3 messages, 15 Mar – 18 Mar 2026');
  await zone.selectOption('UTC');
  await expect(files).toContainText('3 messages, 14 Mar – 17 Mar 2026');
});

test('zones changed quickly, before the reads finish: the summary follows the last one', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.goTo('Import');
  const files = page.getByRole('list', { name: 'Files chosen' });
  const zone = page.getByLabel('The time zone the phone was set to', { exact: true });
  // A backup large enough that its read is still under way when the zone changes (40,000
  // noon texts between the three of SMS, so its date range is SMS's in every zone).
  const filler = Array.from({ length: 40_000 }, (_, i) => ({
    at: '2026-03-16T12:00:00Z',
    type: 1 as const,
    body: `Filler ${i}`,
  }));
  const big = {
    name: 'sms-20260318-big.xml',
    mimeType: 'text/xml',
    buffer: smsBackup([
      { at: '2026-03-14T23:30:00Z', type: 1, body: 'Answer me' },
      ...filler,
      { at: '2026-03-17T23:30:00Z', type: 1, body: 'Last chance' },
    ]),
  };
  await page.getByLabel(CHOOSE, { exact: true }).setInputFiles([big, DAY_FIRST_CHAT]);
  // No waiting between: each change lands while the files are still being read.
  await zone.selectOption('Pacific/Auckland');
  await zone.selectOption('UTC');
  await zone.selectOption('Pacific/Auckland');
  const sms = files.getByRole('listitem').filter({ hasText: big.name });
  await expect(sms).toContainText('15 Mar – 18 Mar 2026', { timeout: 60_000 });
  // Settled: it stays so once every read is back (control: UTC's dates would be 14–17).
  await expect(files.getByText(/messages and calls to add/)).toHaveCount(2, { timeout: 60_000 });
  await expect(sms).toContainText('15 Mar – 18 Mar 2026');
  await expect(sms).not.toContainText('14 Mar');
});

test('a truncated zip gets a plain message and nothing is added', async ({ page }) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.goTo('Import');
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  await writer.add(
    'WhatsApp Chat with Sam Taylor.txt',
    new TextReader(DAY_FIRST_CHAT.buffer.toString()),
  );
  const whole = await writer.close();
  // Cut before the central directory: the file a download broken off halfway leaves behind.
  const zip = {
    name: 'WhatsApp Chat with Sam Taylor.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(whole.subarray(0, Math.floor(whole.length / 2))),
  };
  await page.getByLabel(CHOOSE, { exact: true }).setInputFiles(zip);
  const problem = page.getByRole('alert').filter({ hasText: zip.name });
  await expect(problem).toBeVisible();
  await expect(problem).toContainText('Nothing was imported.');
  await expect(page.getByRole('button', { name: 'Import messages', exact: true })).toBeHidden();
  await expectAxeClean(page, 'Import, truncated zip');
  await page.getByRole('button', { name: `Remove ${zip.name}` }).click();
  await expect(problem).toBeHidden();
  await app.goTo('Evidence');
  await expect(new Evidence(page).cards).toHaveCount(0);
});

/** One burst from him with a pause in it: the suggestion that may be cut in two. */
const BURST_CHAT = {
  name: 'WhatsApp Chat with Sam Taylor.txt',
  mimeType: 'text/plain',
  buffer: Buffer.from(
    [
      '14/03/2026, 23:10 - Sam Taylor: Answer me',
      '14/03/2026, 23:12 - Sam Taylor: Answer your phone',
      '14/03/2026, 23:13 - Alex: Please stop messaging me',
      '14/03/2026, 23:40 - Sam Taylor: I am outside',
      '14/03/2026, 23:42 - Sam Taylor: I can see your light on',
      '',
    ].join('\n'),
  ),
};

test('a suggested incident split in two becomes two incidents, kept across lock', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const app = new CasebookApp(page);
  const timeline = new Timeline(page);
  await app.open();
  await app.create();
  await app.goTo('Import');
  await page.getByLabel(CHOOSE, { exact: true }).setInputFiles(BURST_CHAT);
  await expect(page.getByRole('list', { name: 'Files chosen' })).toContainText('5 messages');
  await page.getByRole('checkbox', { name: /^Sam Taylor/ }).check();
  const suggestions = page.getByRole('checkbox', { name: /^Make an incident of/ });
  await expect(suggestions).toHaveCount(1);
  await expect(suggestions.first()).toHaveAccessibleName(/^Make an incident of 4 messages/);

  // Cut at the longest pause (23:12 to 23:40): two suggestions of two messages each.
  await page.getByRole('button', { name: 'Split in two (suggestion 1)' }).click();
  await expect(suggestions).toHaveCount(2);
  await expect(suggestions.nth(0)).toHaveAccessibleName(/^Make an incident of 2 messages/);
  await expect(suggestions.nth(1)).toHaveAccessibleName(/^Make an incident of 2 messages/);
  await expectAxeClean(page, 'Import, after a split');
  await suggestions.nth(0).check();
  await suggestions.nth(1).check();

  await page.getByLabel('Your initials for exhibit references', { exact: true }).fill('AB');
  await page.getByRole('button', { name: 'Import messages', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Imported 5 messages' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText('2 incidents were added.')).toBeVisible();

  const check = async () => {
    await app.goTo('Incidents');
    await expect(timeline.card('from Sam Taylor, imported from AB/1.')).toHaveCount(2);
  };
  await check();
  await app.lock();
  await app.unlock();
  await check();
});
