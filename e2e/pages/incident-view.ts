import { expect, type Locator, type Page } from '@playwright/test';

/** One incident's detail screen, its history and its delete form. */
export class IncidentView {
  constructor(readonly page: Page) {}

  get details(): Locator {
    return this.page.locator('dl.details');
  }

  /** The value shown for a label, e.g. "What happened". */
  value(label: string): Locator {
    return this.details
      .locator('.details-row')
      .filter({ has: this.page.getByText(label, { exact: true }) })
      .locator('dd');
  }

  async edit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit incident' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Edit incident' })).toBeVisible();
  }

  async history(): Promise<void> {
    await this.page.getByRole('button', { name: 'History', exact: true }).click();
    await expect(
      this.page.getByRole('heading', { level: 1, name: 'History of this incident' }),
    ).toBeVisible();
  }

  async delete(reason: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Delete incident' }).click();
    await this.page.getByLabel('Reason for deleting', { exact: true }).fill(reason);
    await this.page.getByRole('button', { name: 'Delete incident' }).click();
  }
}
