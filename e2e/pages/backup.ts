import { expect, type Page } from '@playwright/test';
import { KDF_TIMEOUT } from './casebook-app';

export class Backup {
  constructor(readonly page: Page) {}

  /** Downloads the .casebook file and saves it at `path`. */
  async download(path: string): Promise<void> {
    const downloading = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Download backup' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.casebook$/);
    expect(download.url()).toMatch(/^blob:/);
    await download.saveAs(path);
    await expect(this.page.getByText('Backup ready')).toBeVisible();
  }

  /** From the first-run screen: restore `file` with `passphrase`. */
  async restore(
    file: string | { name: string; mimeType: string; buffer: Buffer },
    passphrase: string,
  ): Promise<void> {
    const restoreScreen = this.page.getByRole('heading', {
      level: 1,
      name: 'Restore from a backup',
    });
    if (!(await restoreScreen.isVisible())) {
      await this.page.getByRole('button', { name: 'Restore from a backup' }).click();
      await expect(restoreScreen).toBeVisible();
    }
    await this.page.getByLabel('Backup file', { exact: true }).setInputFiles(file);
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByRole('button', { name: 'Restore backup' }).click();
  }

  async expectRefused(text: RegExp): Promise<void> {
    await expect(this.page.getByRole('alert')).toContainText(text, { timeout: KDF_TIMEOUT });
  }
}
