import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { CasebookApp } from './pages/casebook-app';
import { Evidence } from './pages/evidence';
import { expect, test } from './support/fixtures';

const IMAGES = join(import.meta.dirname, '..', 'fixtures', 'images');

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('each item says, after lock and unlock, when it was taken, where that time came from and what to do next; files chosen before the initials are kept', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  const evidence = new Evidence(page);
  await app.open();
  await app.create();
  // A screenshot as Android names it (a PNG with no camera information).
  const screenshot = await page.screenshot({ clip: { x: 0, y: 0, width: 200, height: 120 } });
  const noExif = await readFile(join(IMAGES, 'noexif.jpg'));
  const files = [
    { name: 'Screenshot_20250303-140509.png', mimeType: 'image/png', buffer: screenshot },
    { name: 'IMG-20250303-WA0004.jpg', mimeType: 'image/jpeg', buffer: noExif },
    {
      name: 'IMG_20180725_163423-tiny.jpg',
      mimeType: 'image/jpeg',
      buffer: await readFile(join(IMAGES, 'IMG_20180725_163423-tiny.jpg')),
    },
    { name: 'noexif.jpg', mimeType: 'image/jpeg', buffer: noExif },
  ];

  // Files chosen before the initials are typed wait for them (a camera photo cannot be re-chosen).
  await app.goTo('Evidence');
  await page.getByLabel('Add evidence files', { exact: true }).setInputFiles(files);
  const initials = page.getByLabel('Your initials for exhibit references', { exact: true });
  // Issue 13: the question comes in the flow, calmly (no error, no alert), with the focus.
  await expect(initials).toBeFocused();
  await expect(initials).toHaveAccessibleDescription(
    /^Before these 4 files go in: each exhibit's reference is made of initials and a number/,
  );
  await expect(initials).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(
    page.getByRole('status').filter({ hasText: '4 files wait for your initials.' }),
  ).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
  // Pressing Add with no initials asks again, still without an error.
  await page.getByRole('button', { name: 'Add the 4 chosen files' }).click();
  await expect(initials).not.toHaveAttribute('aria-invalid', 'true');
  // Something that is not initials is named plainly once Add is pressed.
  await initials.fill('1');
  await page.getByRole('button', { name: 'Add the 4 chosen files' }).click();
  await expect(initials).toHaveAttribute('aria-invalid', 'true');
  await expect(initials).toHaveAccessibleDescription(/The files you chose wait here until then\./);
  await initials.fill('jd');
  await page.getByRole('button', { name: 'Add the 4 chosen files' }).click();
  await expect(
    page.getByRole('list', { name: 'Files being added' }).getByText(/^Added as exhibit/),
  ).toHaveCount(4, { timeout: 60_000 });
  // The same bytes added a second time are named as such when they go in.
  await expect(
    page
      .getByRole('list', { name: 'Files being added' })
      .getByText(/Same file as JD\/2 \(IMG-20250303-WA0004\.jpg\)\. The files are identical/),
  ).toHaveCount(1);

  // What was said at intake is still said on each item, worked out from what was stored.
  await app.lock();
  await app.unlock();
  await app.goTo('Evidence');
  const notes = (ref: string) =>
    evidence.card(ref).getByRole('list', { name: 'About these details' }).getByRole('listitem');
  for (const ref of ['JD/1', 'JD/2', 'JD/3', 'JD/4']) await evidence.showDetails(ref);

  const shot = evidence.card('JD/1');
  await expect(evidence.value(shot, 'Time taken')).toHaveText('20250303-140509');
  await expect(evidence.value(shot, 'Time taken, in words')).toHaveText('Mon 3 Mar 2025, 14:05:09');
  await expect(evidence.value(shot, 'Where the time came from')).toHaveText('The file name');
  await expect(evidence.value(shot, 'Location (GPS)')).toHaveText('Not recorded in the file');
  await expect(notes('JD/1')).toHaveText([
    /^No camera information was found in this file\. That is usual for screenshots/,
    /^The time was read from the file name\./,
    'If you know when it really happened, write it in the description.',
  ]);

  const whatsapp = evidence.card('JD/2');
  await expect(evidence.value(whatsapp, 'Time taken, in words')).toHaveText(
    'Mon 3 Mar 2025 (the date only)',
  );
  await expect(notes('JD/2').nth(1)).toHaveText(/^Only the date could be read from the file name/);
  await expect(evidence.value(whatsapp, 'Same file as')).toHaveText(
    /^JD\/4 \(noexif\.jpg\)\. The files are identical, byte for byte\./,
  );

  const camera = evidence.card('JD/3');
  await expect(evidence.value(camera, 'Time taken')).toHaveText('2018:07:25 16:34:23');
  await expect(evidence.value(camera, 'Time taken, in words')).toHaveText(
    'Wed 25 Jul 2018, 16:34:23',
  );
  await expect(notes('JD/3')).toHaveText([
    /^The time taken is the camera clock, exactly as the device wrote it\. The file does not say which time zone/,
  ]);

  // No time in the file or its name: the last-changed time is the best there is, with no "+00:00".
  const plain = evidence.card('JD/4');
  await expect(evidence.value(plain, 'Time taken')).toHaveText('Not found in the file or its name');
  await expect(evidence.value(plain, 'Best time available')).toContainText(
    'when the file was last changed',
  );
  await expect(evidence.value(plain, 'Time zone offset')).toHaveCount(0);
  await expect(notes('JD/4').nth(1)).toHaveText(/^The time is when the file was last changed/);
  // Every card has a "History" button; each one is described by its own card's title.
  await expect(plain.getByRole('button', { name: 'History' })).toHaveAccessibleDescription(
    'JD/4 · noexif.jpg',
  );
  expect(await seriousViolations(page)).toEqual([]);

  // Once the copy is deleted, the other item no longer points at it.
  await plain.getByRole('button', { name: 'Delete evidence item' }).click();
  await page.getByLabel('Reason for deleting', { exact: true }).fill('Added the same file twice');
  await plain.getByRole('button', { name: 'Delete evidence item' }).click();
  await expect(page.getByText('Deleted exhibit JD/4')).toBeVisible();
  await expect(evidence.value(whatsapp, 'Same file as')).toHaveCount(0);

  // The viewer says the same, as a list of its own.
  await evidence.openExhibit('JD/1');
  await expect(
    page.getByRole('list', { name: 'About these details' }).getByRole('listitem').first(),
  ).toHaveText(/^No camera information was found in this file/);
  expect(await seriousViolations(page)).toEqual([]);
  await evidence.closeViewer();
});
