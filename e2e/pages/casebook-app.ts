import { expect, type Locator, type Page } from '@playwright/test';

/** Argon2id (m=64 MiB, t=3) runs on every create and unlock; allow for a slow machine. */
export const KDF_TIMEOUT = 30_000;

export const PASSPHRASE = 'orbit lantern velvet quarry meadow thimble';

/** The parts of the app present on every screen, and the ways in and out. */
export class CasebookApp {
  constructor(readonly page: Page) {}

  get quickExit(): Locator {
    return this.page.getByRole('button', { name: 'Quick exit' });
  }
  get lockButton(): Locator {
    return this.page.getByRole('button', { name: 'Lock', exact: true });
  }
  get newIncident(): Locator {
    return this.page.getByRole('button', { name: 'New incident' });
  }
  get passphrase(): Locator {
    return this.page.getByLabel('Passphrase', { exact: true });
  }
  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.heading).toBeVisible();
  }

  /** First run: create a casebook and get past the recovery code; returns the code. */
  async create(passphrase = PASSPHRASE): Promise<string> {
    await expect(this.page.getByRole('button', { name: 'Create casebook' })).toBeVisible();
    await this.passphrase.fill(passphrase);
    await this.page.getByLabel('Confirm passphrase', { exact: true }).fill(passphrase);
    await expect(this.page.getByText('This passphrase is strong enough.')).toBeVisible();
    await this.page.getByRole('button', { name: 'Create casebook' }).click();
    const code = this.page.getByTestId('recovery-code');
    await expect(code).toBeVisible({ timeout: KDF_TIMEOUT });
    const text = (await code.textContent()) ?? '';
    await this.page.getByRole('button', { name: 'I have saved my recovery code' }).click();
    await this.expectUnlocked();
    return text.trim();
  }

  async unlock(passphrase = PASSPHRASE): Promise<void> {
    await this.passphrase.fill(passphrase);
    await this.page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await this.expectUnlocked();
  }

  async lock(): Promise<void> {
    await this.lockButton.click();
    await expect(this.page.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible();
  }

  async expectUnlocked(): Promise<void> {
    await expect(this.lockButton).toBeVisible({ timeout: KDF_TIMEOUT });
    await expect(this.quickExit).toBeVisible();
    await expect(this.newIncident).toBeVisible();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
  }

  /** Presses a section's button (opening More first on a phone), without waiting for it. */
  async openSection(section: Section): Promise<void> {
    const nav = this.page.getByRole('navigation', { name: 'Sections' });
    const button = nav.getByRole('button', { name: section, exact: true });
    // On a phone only four sections are on the bottom bar; the rest are under More.
    if (!(await button.isVisible())) {
      await nav.getByRole('button', { name: 'More', exact: true }).click();
    }
    await button.click();
  }

  async goTo(section: Section): Promise<void> {
    await this.openSection(section);
    await expect(this.page.getByRole('heading', { level: 1, name: section })).toBeVisible();
  }
}

export type Section =
  | 'Incidents'
  | 'People'
  | 'Calls'
  | 'Items'
  | 'Evidence'
  | 'Import'
  | 'Report'
  | 'Audit log'
  | 'Backup'
  | 'Settings'
  | 'Pattern'
  | 'Risk checklist'
  | 'Safety plan'
  | 'Help';
