import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CasebookApp, PASSPHRASE } from './pages/casebook-app';
import { Evidence, minimalPdf } from './pages/evidence';
import { expect, test } from './support/fixtures';
import { launchProfile, newProfileDir, removeProfileDir } from './support/persistent';
import { scanProfile } from './support/profile-scan';

// SECURITY.md test 1, for files: a random canary inside uploaded files (and in an item's
// description) appears nowhere in the browser profile, raw, as UTF-16LE or as base64, even
// after the files were opened in the viewer. A control file written on purpose without
// encryption into the profile must be found, or the scan proves nothing.
const CANARY = `Fv${randomBytes(12).toString('hex')}`;
const CONTROL = `Jw${randomBytes(12).toString('hex')}`;

test('a canary inside evidence files never reaches the profile in the clear', async ({
  offHostRequests,
}) => {
  const dir = await newProfileDir('evidence-canary');
  try {
    const { context, page, offHostRequests: blocked } = await launchProfile(dir);
    const app = new CasebookApp(page);
    const evidence = new Evidence(page);
    await app.open();
    await app.create();
    await app.goTo('Evidence');
    const text = `Messages copied out: ${CANARY}\n`.repeat(2000);
    await evidence.attach('Add evidence files', [
      // The canary in a file's name too: names live only in the encrypted record.
      { name: `messages ${CANARY}.txt`, mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') },
      { name: 'statement.pdf', mimeType: 'application/pdf', buffer: minimalPdf(CANARY) },
    ]);
    // Chromium saves session-restore state (form fields included) every few seconds: give it
    // the chance to write the chosen files and the typed description.
    await page.waitForTimeout(4000);
    const card = evidence.card('AB/1');
    await card.getByRole('button', { name: 'Edit description and links' }).click();
    await card.getByLabel('Description', { exact: true }).fill(`About it: ${CANARY}`);
    await page.waitForTimeout(4000);
    await card.getByRole('button', { name: 'Save changes' }).click();
    await expect(evidence.value(card, 'Description')).toHaveText(`About it: ${CANARY}`);

    // Decrypt both for viewing, as a person would.
    for (const ref of ['AB/1', 'AB/2']) {
      await evidence.openExhibit(ref);
      await expect(page.getByRole('link', { name: /^Save a copy of/ })).toBeVisible();
      await evidence.closeViewer();
    }

    await app.lock();
    await context.close();
    expect(blocked).toEqual([]);
    await writeFile(join(dir, 'control-written-in-the-clear.txt'), `${CONTROL}\n`);

    const { hits, files, bytes } = await scanProfile(dir, [CANARY, CONTROL, PASSPHRASE]);
    test
      .info()
      .annotations.push({ type: 'scanned', description: `${files} files, ${bytes} bytes` });
    const found = (s: string) => hits.filter((h) => h.pattern.startsWith(s.slice(0, 12)));
    expect(found(CONTROL).length, 'the positive control must be found').toBeGreaterThan(0);
    expect(found(CANARY)).toEqual([]);
    expect(found(PASSPHRASE)).toEqual([]);
  } finally {
    await removeProfileDir(dir);
  }
  expect(offHostRequests).toEqual([]);
});
