import { expect, type Locator, type Page } from '@playwright/test';

export class Timeline {
  constructor(readonly page: Page) {}

  get list(): Locator {
    return this.page.getByRole('list', { name: 'Incidents' });
  }

  card(text: string): Locator {
    return this.list.getByRole('listitem').filter({ hasText: text });
  }

  async expectShown(text: string): Promise<void> {
    await expect(this.card(text).first()).toBeVisible();
  }

  /** The "What happened" texts in the order shown (newest first). */
  async texts(): Promise<string[]> {
    return this.list.locator(':scope > li .card-text').allTextContents();
  }

  async open(text: string): Promise<void> {
    await this.card(text).first().getByRole('button', { name: /^Open/ }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Incident' })).toBeVisible();
  }
}
