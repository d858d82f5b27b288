import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { CasebookApp, PASSPHRASE } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { IncidentView } from './pages/incident-view';
import { Records } from './pages/records';
import { Timeline } from './pages/timeline';
import { expect, test } from './support/fixtures';

/** Forms (issue 13): New incident is left out there, so it never covers what is being written. */
const FORMS = new Set([
  'new incident, all fields',
  'person form',
  'calls',
  'items',
  'change passphrase',
]);

/** Runs axe-core on the current screen; serious and critical violations fail the test. */
async function audit(
  page: Page,
  screen: string,
  found: Record<string, string[]>,
  unlocked = false,
): Promise<void> {
  if (unlocked) {
    // Issue 3: whenever unlocked, every screen has these three (New incident: not on forms).
    const names = FORMS.has(screen)
      ? ['Quick exit', 'Lock']
      : ['Quick exit', 'Lock', 'New incident'];
    if (FORMS.has(screen)) {
      await expect(page.getByRole('button', { name: 'New incident', exact: true })).toHaveCount(0);
    }
    for (const name of names) {
      await expect(
        page.getByRole('button', { name, exact: true }),
        `${name} on ${screen}`,
      ).toBeVisible();
    }
  } else {
    await expect(page.getByRole('button', { name: 'Quick exit', exact: true })).toBeVisible();
  }
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  found[screen] = bad.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

for (const viewport of [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
]) {
  test(`no serious or critical axe violations on any screen (${viewport.name})`, async ({
    page,
  }) => {
    // About twenty axe runs: over two minutes when the two cores are shared and busy.
    test.setTimeout(300_000);
    await page.setViewportSize(viewport);
    const found: Record<string, string[]> = {};
    const app = new CasebookApp(page);
    const records = new Records(page);
    await app.open();

    await audit(page, 'first run', found);
    await page.getByLabel('Passphrase', { exact: true }).fill('password');
    await page.getByRole('button', { name: 'Create casebook' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await audit(page, 'first run, weak passphrase', found);
    await page.getByRole('button', { name: 'Restore from a backup' }).click();
    await audit(page, 'restore', found);
    await page.getByRole('button', { name: 'Back', exact: true }).click();

    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Confirm passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create casebook' }).click();
    await expect(page.getByTestId('recovery-code')).toBeVisible({ timeout: 30_000 });
    await audit(page, 'recovery code', found);
    await page.getByRole('button', { name: 'I have saved my recovery code' }).click();
    await app.expectUnlocked();
    await audit(page, 'empty timeline', found, true);

    await app.newIncident.click();
    await new IncidentForm(page).openDetails();
    await audit(page, 'new incident, all fields', found, true);
    await new IncidentForm(page).field('What happened').fill('Followed me home from the station');
    await new IncidentForm(page).save();
    await audit(page, 'timeline', found, true);
    await page.getByText('Filter by behaviour, person, how or date').click();
    await audit(page, 'timeline, filters open', found, true);
    await new Timeline(page).open('Followed me home');
    await audit(page, 'incident', found, true);
    await new IncidentView(page).history();
    await audit(page, 'history', found, true);
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('button', { name: 'Delete incident' }).click();
    await audit(page, 'delete', found, true);

    await app.goTo('People');
    await audit(page, 'people', found, true);
    await page.getByRole('button', { name: 'Add a person' }).click();
    await audit(page, 'person form', found, true);
    await app.goTo('People');
    await app.goTo('Calls');
    await records.logCall({
      time: '2026-03-01T10:00',
      number: '07700 900789',
      minutes: '0',
      seconds: '20',
      said: 'Breathing',
    });
    await audit(page, 'calls', found, true);
    await app.goTo('Items');
    await audit(page, 'items', found, true);
    await app.goTo('Backup');
    await audit(page, 'backup', found, true);
    await app.goTo('Settings');
    await audit(page, 'settings', found, true);
    await page.getByRole('button', { name: 'Change passphrase' }).click();
    await audit(page, 'change passphrase', found, true);

    await app.lock();
    await audit(page, 'unlock', found);
    await page.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('passphrase', { timeout: 30_000 });
    await audit(page, 'unlock, wrong passphrase', found);
    await page.getByRole('button', { name: 'Forgotten it? Use your recovery code' }).click();
    await audit(page, 'recovery unlock', found);

    // Positive control: an unlabelled field added on purpose must be caught.
    await page.evaluate(() =>
      document.querySelector('main')?.append(document.createElement('input')),
    );
    await audit(page, 'positive control', found);
    expect(found['positive control']?.join(' ')).toContain('label');
    delete found['positive control'];

    const failures = Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0));
    expect(failures).toEqual({});
    expect(Object.keys(found).length).toBeGreaterThanOrEqual(20);
  });
}
