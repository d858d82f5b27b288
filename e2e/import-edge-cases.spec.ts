import { randomBytes } from 'node:crypto';
import type { Page, Worker } from '@playwright/test';
import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { CasebookApp } from './pages/casebook-app';
import { Evidence } from './pages/evidence';
import { Timeline } from './pages/timeline';
import { expectAxeClean } from './support/axe-and-screens';
import { expect, test } from './support/fixtures';
import { fileCensus } from './support/idb-probe';

const CHOOSE = 'Choose exported chats or messages';

type Upload = { name: string; mimeType: string; buffer: Buffer };

/**
 * A new casebook, open on the Import screen: the app, a way to choose files, and the list of
 * files chosen (where each file's summary is shown).
 */
async function openImport(page: Page) {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.goTo('Import');
  return {
    app,
    choose: (files: Upload | Upload[]) =>
      page.getByLabel(CHOOSE, { exact: true }).setInputFiles(files),
    files: page.getByRole('list', { name: 'Files chosen' }),
  };
}

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
  const { choose, files } = await openImport(page);
  const txt = {
    name: 'WhatsApp Chat with Sam Taylor.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(`${AMBIGUOUS_CHAT}\n`),
  };
  const question = page.getByRole('group', { name: /day first or month first/ });

  // Day first: 2 March to 5 April.
  await choose(txt);
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
  await choose(txt);
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
  const { choose, files } = await openImport(page);
  await choose([DAY_FIRST_CHAT, SMS]);
  const items = files.getByRole('listitem');
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
  const { choose, files } = await openImport(page);
  const zone = page.getByLabel('The time zone the phone was set to', { exact: true });
  await expect(zone).toHaveValue('Europe/London');
  await choose(SMS);
  await expect(files).toContainText('3 messages, 14 Mar – 17 Mar 2026');
  await zone.selectOption('Pacific/Auckland');
  await expect(files).toContainText('3 messages, 15 Mar – 18 Mar 2026');
  await zone.selectOption('UTC');
  await expect(files).toContainText('3 messages, 14 Mar – 17 Mar 2026');
});

test('zones changed quickly, before the reads finish: the summary follows the last one', async ({
  page,
}) => {
  const { choose, files } = await openImport(page);
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
  await choose([big, DAY_FIRST_CHAT]);
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
  const { app, choose } = await openImport(page);
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
  await choose(zip);
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
  const { app, choose, files } = await openImport(page);
  const timeline = new Timeline(page);
  await choose(BURST_CHAT);
  await expect(files).toContainText('5 messages');
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

/**
 * A WhatsApp zip of 10 MiB (a video sent in the chat), so keeping it as an exhibit takes
 * three batches of chunk writes: an import of it can be stopped part-way.
 */
async function chatWithVideoZip(): Promise<Upload> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  const chat = [
    '20/03/2026, 21:00 - Sam Taylor: Look what I filmed',
    '20/03/2026, 21:01 - Sam Taylor: VID-20260320-WA0001.mp4 (file attached)',
    '20/03/2026, 21:05 - Alex: Please stop',
    '',
  ].join('\n');
  await writer.add('WhatsApp Chat with Sam Taylor.txt', new TextReader(chat));
  await writer.add('VID-20260320-WA0001.mp4', new Uint8ArrayReader(randomBytes(10 * 1024 * 1024)), {
    level: 0,
  });
  return {
    name: 'WhatsApp Chat with Sam Taylor (video).zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(await writer.close()),
  };
}

/** The vault worker, where every import is read and written (the app names it "vault"). */
async function vaultWorker(page: Page): Promise<Worker> {
  const find = () => page.workers().find((w) => w.url().includes('vault.worker'));
  await expect.poll(() => find() !== undefined).toBe(true);
  const worker = find();
  if (!worker) throw new Error('no vault worker');
  return worker;
}

type Faults = {
  e2eStalled?: boolean;
  e2eRefused?: number;
  e2eRestore?: () => void;
};

/**
 * Once `bytes` have been read, the worker's file reads wait, as a file on a slow memory card
 * or a cloud drive can: the import cannot reach its commit until it is cancelled, and a
 * cancel ends a waiting read (file-pieces.ts does so for a real stalled file). So Cancel is
 * always pressed before the commit, never in a race with the import finishing. Counted in
 * bytes, not reads: a file's stream hands over pieces of varying size.
 */
async function stallFileReads(worker: Worker, bytes: number): Promise<void> {
  await worker.evaluate((limit) => {
    type Reader = {
      read(view: unknown): Promise<unknown>;
      cancel(reason?: unknown): Promise<void>;
    };
    const g = globalThis as unknown as Faults & {
      ReadableStreamBYOBReader: { prototype: Reader };
    };
    const proto = g.ReadableStreamBYOBReader.prototype;
    const { read, cancel } = proto;
    const waiting = new Map<unknown, () => void>();
    let delivered = 0;
    proto.read = function (this: Reader, view: unknown) {
      if (delivered < limit)
        return read.call(this, view).then((r) => {
          const value = (r as { value?: { byteLength: number } }).value;
          delivered += value?.byteLength ?? 0;
          return r;
        });
      g.e2eStalled = true;
      return new Promise((resolve) =>
        waiting.set(this, () => resolve({ done: true, value: undefined })),
      );
    };
    proto.cancel = function (this: Reader, reason?: unknown) {
      waiting.get(this)?.();
      waiting.delete(this);
      return cancel.call(this, reason);
    };
    g.e2eRestore = () => {
      proto.read = read;
      proto.cancel = cancel;
    };
  }, bytes);
}

/**
 * After `allowed` writes, the device refuses every write of file bytes the way a full disk
 * does (Chromium's QuotaExceededError from a sync access handle). This Chromium ignores CDP's
 * quota override, so the refusal is made at the browser's own API instead.
 */
async function runOutOfSpace(worker: Worker, allowed: number): Promise<void> {
  await worker.evaluate((ok) => {
    type Handle = { write(buffer: unknown, options?: unknown): number };
    const g = globalThis as unknown as Faults & {
      FileSystemSyncAccessHandle?: { prototype: Handle };
    };
    const proto = g.FileSystemSyncAccessHandle?.prototype;
    if (!proto) throw new Error('this worker has no sync access handles to refuse');
    const { write } = proto;
    let writes = 0;
    proto.write = function (this: Handle, buffer: unknown, options?: unknown) {
      writes += 1;
      if (writes <= ok) return write.call(this, buffer, options);
      g.e2eRefused = (g.e2eRefused ?? 0) + 1;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    g.e2eRestore = () => {
      proto.write = write;
    };
  }, allowed);
}

const restore = (worker: Worker) =>
  worker.evaluate(() => (globalThis as unknown as Faults).e2eRestore?.());

test('Import messages cancelled part-way: nothing is added, the screen says so calmly, and it can be run again', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const { app, choose, files } = await openImport(page);
  const evidence = new Evidence(page);
  const timeline = new Timeline(page);
  const zip = await chatWithVideoZip();
  await choose(zip);
  await expect(files).toContainText('3 messages and calls to add.');
  await page.getByRole('checkbox', { name: /^Sam Taylor/ }).check();
  const suggestions = page.getByRole('checkbox', { name: /^Make an incident of/ });
  await expect(suggestions).toHaveCount(1);
  await suggestions.first().check();
  await page.getByLabel('Your initials for exhibit references', { exact: true }).fill('AB');

  const worker = await vaultWorker(page);
  await stallFileReads(worker, 6 * 1024 * 1024);
  await page.getByRole('button', { name: 'Import messages', exact: true }).click();
  const bar = page.getByRole('progressbar', { name: 'Importing messages' });
  await expect.poll(async () => Number(await bar.getAttribute('value'))).toBeGreaterThan(0);
  await expect
    .poll(() => worker.evaluate(() => (globalThis as unknown as Faults).e2eStalled === true))
    .toBe(true);
  // 6 MiB in, the first batch of four 1 MiB chunks has gone to storage (its write runs on
  // while the read waits, so it is waited for). Control: the census sees a half-written file.
  await expect.poll(async () => (await fileCensus(page)).orphanFiles).toBe(1);
  await expectAxeClean(page, 'Import, under way');

  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  const said = page.getByRole('status').filter({ hasText: 'The import was cancelled.' });
  await expect(said).toHaveText('The import was cancelled. Nothing was imported.');
  // Focus moves to what happened, so a keyboard or screen reader user carries on from there.
  await expect(said).toBeFocused();
  await expect(bar).toBeHidden();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Import messages', exact: true })).toBeEnabled();
  await expectAxeClean(page, 'Import, cancelled');
  expect(await fileCensus(page)).toEqual({ files: 0, orphanFiles: 0 });
  await restore(worker);

  // Nothing of it is in the casebook: read again, all three messages are still new.
  await page.getByRole('button', { name: `Remove ${zip.name}` }).click();
  await choose(zip);
  await expect(files).toContainText('3 messages and calls to add.');
  await page.getByRole('button', { name: `Remove ${zip.name}` }).click();
  const nothing = async () => {
    await app.goTo('Evidence');
    await expect(evidence.cards).toHaveCount(0);
    await app.goTo('Incidents');
    await expect(timeline.card('imported from')).toHaveCount(0);
  };
  await nothing();
  await app.lock();
  await app.unlock();
  await nothing();

  // Control: the same import, not cancelled, adds the messages, the exhibit and the incident.
  await app.goTo('Import');
  await choose(zip);
  await expect(files).toContainText('3 messages and calls to add.');
  await page.getByRole('checkbox', { name: /^Sam Taylor/ }).check();
  await expect(suggestions).toHaveCount(1);
  await suggestions.first().check();
  await page.getByLabel('Your initials for exhibit references', { exact: true }).fill('AB');
  await page.getByRole('button', { name: 'Import messages', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Imported 3 messages' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText(`as exhibit AB/1 (${zip.name})`)).toBeVisible();
  await app.goTo('Evidence');
  await expect(evidence.cards).toHaveCount(1);
  await app.goTo('Incidents');
  await expect(timeline.card('from Sam Taylor, imported from AB/1.')).toHaveCount(1);
});

test('too little space part-way through an import: a plain message, nothing half-added, nothing saved before lost', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const { app, choose, files } = await openImport(page);
  const evidence = new Evidence(page);
  // Saved first: a small chat, imported whole.
  await choose(DAY_FIRST_CHAT);
  await expect(files).toContainText('2 messages and calls to add.');
  await page.getByLabel('Your initials for exhibit references', { exact: true }).fill('AB');
  await page.getByRole('button', { name: 'Import messages', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Imported 2 messages' })).toBeVisible({
    timeout: 60_000,
  });
  expect(await fileCensus(page)).toEqual({ files: 1, orphanFiles: 0 });

  // Then a large export, and the device fills up once its bytes have begun to go in.
  const zip = await chatWithVideoZip();
  await choose(zip);
  await expect(files).toContainText('3 messages and calls to add.');
  const worker = await vaultWorker(page);
  await runOutOfSpace(worker, 2);
  await page.getByRole('button', { name: 'Import messages', exact: true }).click();
  const problem = page.getByRole('alert').filter({ hasText: 'out of storage space' });
  await expect(problem).toHaveText(
    'This device is out of storage space. Nothing new was saved. Free some space, then try again. Nothing was imported.',
    { timeout: 60_000 },
  );
  await expect(problem).toBeFocused();
  // The refusal came from the full device (control: writes were refused).
  expect(
    await worker.evaluate(() => (globalThis as unknown as Faults).e2eRefused ?? 0),
  ).toBeGreaterThan(0);
  await expectAxeClean(page, 'Import, out of space');
  await restore(worker);
  expect(await fileCensus(page)).toEqual({ files: 1, orphanFiles: 0 });
  await expect(files).toContainText(zip.name);

  const asBefore = async () => {
    await app.goTo('Evidence');
    await expect(evidence.cards).toHaveCount(1);
    await expect(evidence.card('AB/1')).toBeVisible();
    await app.goTo('Import');
    await choose(DAY_FIRST_CHAT);
    await expect(files).toContainText('Everything in it is in your casebook already');
    await page.getByRole('button', { name: `Remove ${DAY_FIRST_CHAT.name}` }).click();
    await choose(zip);
    await expect(files).toContainText('3 messages and calls to add.');
  };
  await page.getByRole('button', { name: `Remove ${zip.name}` }).click();
  await asBefore();
  await page.getByRole('button', { name: `Remove ${zip.name}` }).click();
  await app.lock();
  await app.unlock();
  await asBefore();

  // Control: with room again, the same import goes in, as the next exhibit.
  await page.getByRole('button', { name: 'Import messages', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Imported 3 messages' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText(`as exhibit AB/2 (${zip.name})`)).toBeVisible();
  expect(await fileCensus(page)).toEqual({ files: 2, orphanFiles: 0 });
});
