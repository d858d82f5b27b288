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

/**
 * Flips one bit in the middle of chunk 0 of a stored file, where its bytes are: in the
 * Origin Private File System when IndexedDB holds a 13-byte place marker (format 1: [1,
 * offset u64, length u32]), else straight in IndexedDB. Says which it changed.
 */
function flipByte(page: Page, blobId: string): Promise<'file' | 'indexeddb'> {
  return page.evaluate(async (id) => {
    const value = await new Promise<Uint8Array>((resolve, reject) => {
      const open = indexedDB.open('notes');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const get = open.result.transaction('chunks').objectStore('chunks').get([id, 0]);
        get.onsuccess = () => {
          open.result.close();
          resolve(new Uint8Array(get.result as Uint8Array));
        };
        get.onerror = () => reject(get.error);
      };
    });
    if (value.length === 13 && value[0] === 1) {
      const view = new DataView(value.buffer);
      const at = Number(view.getBigUint64(1)) + Math.floor(view.getUint32(9) / 2);
      const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('parts');
      const handle = await folder.getFileHandle(id);
      const file = await handle.getFile();
      const byte = new Uint8Array(await file.slice(at, at + 1).arrayBuffer());
      byte[0] = (byte[0] ?? 0) ^ 0x01;
      const writable = await (
        handle as unknown as {
          createWritable(o: { keepExistingData: boolean }): Promise<FileSystemWritableFileStream>;
        }
      ).createWritable({ keepExistingData: true });
      await writable.write({ type: 'write', position: at, data: byte });
      await writable.close();
      return 'file';
    }
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('notes');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('chunks', 'readwrite');
        const at = Math.floor(value.length / 2);
        value[at] = (value[at] ?? 0) ^ 0x01;
        tx.objectStore('chunks').put(value, [id, 0]);
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
    return 'indexeddb';
  }, blobId);
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

  // Chromium writes evidence bytes to the Origin Private File System, not IndexedDB.
  expect(await flipByte(page, target[0] ?? '')).toBe('file');
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
