import { expect, type Page } from '@playwright/test';
import { CasebookApp, KDF_TIMEOUT } from './casebook-app';

/** Settings' account screens: Change passphrase and Make a new recovery code. */
export class AccountScreens {
  constructor(readonly page: Page) {}

  field(label: string) {
    return this.page.getByLabel(label, { exact: true });
  }

  async openChangePassphrase(): Promise<void> {
    await new CasebookApp(this.page).goTo('Settings');
    await this.page.getByRole('button', { name: 'Change passphrase', exact: true }).click();
    await expect(
      this.page.getByRole('heading', { level: 1, name: 'Change your passphrase' }),
    ).toBeVisible();
    await expect(this.field('Current passphrase')).toBeFocused();
  }

  /** Fills the form (leave `current` empty to try without it) and saves. */
  async changePassphrase(current: string, next: string): Promise<void> {
    await this.field('Current passphrase').fill(current);
    await this.field('New passphrase').fill(next);
    await this.field('Confirm new passphrase').fill(next);
    await this.page.getByRole('button', { name: 'Save new passphrase', exact: true }).click();
  }

  async openNewRecoveryCode(): Promise<void> {
    await new CasebookApp(this.page).goTo('Settings');
    await this.page.getByRole('button', { name: 'Make a new recovery code', exact: true }).click();
    await expect(
      this.page.getByRole('heading', { level: 1, name: 'Make a new recovery code' }),
    ).toBeVisible();
    await expect(this.field('Current passphrase')).toBeFocused();
  }

  /** Asks for a new code with the passphrase; returns it as shown (once). */
  async makeNewRecoveryCode(passphrase: string): Promise<string> {
    await this.field('Current passphrase').fill(passphrase);
    await this.page.getByRole('button', { name: 'Make a new recovery code', exact: true }).click();
    const code = this.page.getByTestId('recovery-code');
    await expect(code).toBeVisible({ timeout: KDF_TIMEOUT });
    return ((await code.textContent()) ?? '').trim();
  }

  /** Locked screen → "Use your recovery code" → the code, then Unlock's answer. */
  async unlockWithRecoveryCode(code: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Forgotten it? Use your recovery code' }).click();
    await this.field('Recovery code').fill(code);
    await this.page.getByRole('button', { name: 'Open with recovery code' }).click();
  }
}
