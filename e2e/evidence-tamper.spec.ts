import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CasebookApp } from './pages/casebook-app';
import { AuditLog, Evidence } from './pages/evidence';
import { expect, test } from './support/fixtures';

// SECURITY.md test 2, for files: flip one byte of one stored chunk; Verify casebook names
// that exhibit (and only that one), and the rest of the casebook still opens.
const IMAGES = join(import.meta.dirname, '..', 'fixtures', 'images');

function blobIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('notes');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('blobs').objectStore('blobs').getAllKeys();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result.map(String));
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** Flips one bit in the middle of chunk 0 of a stored file, straight in IndexedDB. */
function flipByte(page: Page, blobId: string): Promise<void> {
  return page.evaluate(
    (id) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('notes');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('chunks', 'readwrite');
          const store = tx.objectStore('chunks');
          const get = store.get([id, 0]);
          get.onsuccess = () => {
            const bytes = new Uint8Array(get.result as Uint8Array);
            const at = Math.floor(bytes.length / 2);
            bytes[at] = (bytes[at] ?? 0) ^ 0x01;
            store.put(bytes, [id, 0]);
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    blobId,
  );
}

test('a tampered file is named by its exhibit when the casebook is verified', async ({ page }) => {
  const app = new CasebookApp(page);
  const evidence = new Evidence(page);
  const log = new AuditLog(page);
  await app.open();
  await app.create();
  await app.goTo('Evidence');
  await evidence.attach('Add evidence files', [join(IMAGES, 'img_1771.jpg')], 'CD');
  const before = await blobIds(page);
  await page.getByRole('button', { name: 'Clear this list' }).click();
  await evidence.attach('Add evidence files', [join(IMAGES, 'IMG_20180725_163423-tiny.jpg')]);
  const target = (await blobIds(page)).filter((id) => !before.includes(id));
  expect(target).toHaveLength(1);

  await app.goTo('Audit log');
  await log.expectIntact(); // the check passes before the tampering (a control)

  await flipByte(page, target[0] ?? '');
  await log.verify();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('One problem was found.', { timeout: 60_000 });
  await expect(alert).toContainText(
    'Exhibit CD/2 (IMG_20180725_163423-tiny.jpg): The original file of this exhibit has been altered or damaged',
  );
  await expect(alert).not.toContainText('CD/1');
  await expect(page.getByText('No problems found')).toHaveCount(0);

  // The rest still opens; the damaged file says so instead of showing wrong bytes.
  await app.goTo('Evidence');
  await evidence.openExhibit('CD/1');
  await expect
    .poll(() =>
      page
        .getByRole('img', { name: 'Exhibit CD/1' })
        .evaluate((el: HTMLImageElement) => el.naturalWidth),
    )
    .toBeGreaterThan(0);
  await evidence.closeViewer();
  await evidence.openExhibit('CD/2');
  await expect(page.getByRole('alert')).toContainText('This file could not be opened.');
  await expect(page.getByRole('img', { name: 'Exhibit CD/2' })).toHaveCount(0);
});
