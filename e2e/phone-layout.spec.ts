import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { Backup } from './pages/backup';
import { CasebookApp, PASSPHRASE, type Section } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { Records } from './pages/records';
import { expectAxeClean } from './support/axe-and-screens';
import { expect, test } from './support/fixtures';
import {
  expectNoSidewaysScroll,
  expectNothingCovered,
  expectNothingCoveredWhileScrolling,
  LONG_LINK,
} from './support/layout-checks';

/** Where a person looks at the screenshots (`SCREENS_DIR` overrides). */
const SHOTS = process.env.SCREENS_DIR ?? 'test-results/screens';
const WIDTHS = [320, 390, 1280] as const;

const SECTIONS: Section[] = [
  'Incidents',
  'People',
  'Calls',
  'Items',
  'Evidence',
  'Import',
  'Audit log',
  'Backup',
  'Settings',
  'Pattern',
  'Risk checklist',
  'Safety plan',
  'Help',
];

/** Every check on the screen as it is, at each width; screenshots at 390 and 1280. */
async function checkScreen(page: Page, name: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 1280 ? 800 : 844 });
    const where = `${name} at ${width} px`;
    await expectNoSidewaysScroll(page, where);
    const checked = await expectNothingCovered(page, where);
    expect(checked, `${where}: some controls were checked`).toBeGreaterThan(0);
    await expectNothingCoveredWhileScrolling(page, where, 4);
    if (width !== 320) {
      await page.screenshot({ path: `${SHOTS}/layout-${name}-${width}.png`, fullPage: true });
    }
  }
  await expectAxeClean(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
}

test('every screen fits 320 to 1280 px with long unbroken text, nothing covered', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const app = new CasebookApp(page);
  const records = new Records(page);
  await app.open();
  await checkScreen(page, 'first-run');
  await app.create();

  // Long unbroken text everywhere a person can type it.
  await app.newIncident.click();
  const form = new IncidentForm(page);
  await form.field('Location').fill(LONG_LINK);
  await form.quickAdd(`He posted this about me: ${LONG_LINK}`);
  await app.goTo('People');
  await page.getByRole('button', { name: 'Add a person' }).click();
  await records.field('Names').fill(LONG_LINK);
  await records.field('Description').fill(LONG_LINK);
  await page.getByRole('button', { name: 'Save person' }).click();
  await app.goTo('Calls');
  await page.getByLabel('Number withheld', { exact: true }).check();
  await page
    .getByRole('group', { name: 'Did you answer?' })
    .getByLabel('Answered', { exact: true })
    .check();
  await records.field('What was said').fill(LONG_LINK);
  await page.getByRole('button', { name: 'Save call' }).click();
  await expect(page.getByText('Call saved.')).toBeVisible();
  await app.goTo('Items');
  await records.field('What it is').fill(LONG_LINK);
  await records.field('Where it is kept now').fill(LONG_LINK);
  await page.getByRole('button', { name: 'Save item' }).click();
  await expect(page.getByText('Item saved.')).toBeVisible();

  for (const section of SECTIONS) {
    await app.goTo(section);
    await checkScreen(page, section.toLowerCase().replace(/ /g, '-'));
  }

  // The incident itself, its form with every field open, and a person's form.
  await app.goTo('Incidents');
  await page
    .getByRole('button', { name: /^Open incident from/ })
    .first()
    .click();
  await checkScreen(page, 'incident');
  await app.newIncident.click();
  await form.openDetails();
  await checkScreen(page, 'incident-form');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await app.goTo('People');
  await page.getByRole('button', { name: 'Add a person' }).click();
  await checkScreen(page, 'person-form');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();

  // Before unlock.
  await app.lock();
  await checkScreen(page, 'unlock');
});

test('at 390 × 844 every section is in reach in the Sections navigation, none sideways', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  const nav = page.getByRole('navigation', { name: 'Sections' });
  const more = nav.getByRole('button', { name: 'More', exact: true });
  // The bottom bar: the four most used and More.
  for (const name of ['Incidents', 'Evidence', 'Pattern', 'Help', 'More']) {
    await expect(nav.getByRole('button', { name, exact: true })).toBeInViewport({ ratio: 1 });
  }
  await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  for (const section of SECTIONS) {
    const button = nav.getByRole('button', { name: section, exact: true });
    await expect(button).toBeInViewport({ ratio: 1 });
    const box = await button.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390, `${section} within the width`).toBe(true);
  }
  await page.screenshot({ path: `${SHOTS}/layout-more-open-390.png` });
  await expectAxeClean(page, 'More open');
  await nav.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  for (const section of SECTIONS) await app.goTo(section);

  // Desktop keeps its rows: every section shows without More.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(more).toBeHidden();
  for (const section of SECTIONS) {
    await expect(nav.getByRole('button', { name: section, exact: true })).toBeVisible();
  }
});

test('New incident is absent on forms and on the passphrase screens, present on lists', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await app.goTo('Incidents');
    await expect(app.newIncident).toBeVisible();
    await app.goTo('Evidence');
    await expect(app.newIncident).toBeVisible();
    await app.newIncident.click();
    await expect(page.getByRole('heading', { level: 1, name: 'New incident' })).toBeVisible();
    await expect(app.newIncident).toHaveCount(0);
    await app.goTo('Calls');
    await expect(app.newIncident).toHaveCount(0);
    await app.goTo('People');
    await page.getByRole('button', { name: 'Add a person' }).click();
    await expect(app.newIncident).toHaveCount(0);
    await app.goTo('Settings');
    await page.getByRole('button', { name: 'Change passphrase' }).click();
    await expect(app.newIncident).toHaveCount(0);
  }
});

test('long lists scrolled anywhere: New incident and the bars never cover the buttons on a card', async ({
  page,
}) => {
  test.setTimeout(420_000);
  // A demo casebook: 60 incidents (the timeline windowed, several screens long) and its 12
  // evidence files (cards with Open, Edit and Delete across the row).
  const file = test.info().outputPath('lists.casebook');
  const cli = new URL('../apps/cli/bin/casebook.mjs', import.meta.url).pathname;
  await promisify(execFile)(process.execPath, [cli, 'demo', file, '--incidents', '60'], {
    env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE },
  });
  const app = new CasebookApp(page);
  await app.open();
  await new Backup(page).restore(file, PASSPHRASE);
  await app.expectUnlocked();
  await expect(page.getByText('60 incidents, newest first.')).toBeVisible({ timeout: 60_000 });

  for (const section of ['Incidents', 'Evidence'] as const) {
    await app.goTo(section);
    if (section === 'Evidence') await expect(page.getByText(/12 exhibits/)).toBeVisible();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width === 1280 ? 800 : 844 });
      const where = `${section} at ${width} px`;
      const checked = await expectNothingCoveredWhileScrolling(page, where, 30);
      expect(checked, `${where}: the cards' buttons were checked`).toBeGreaterThan(30);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    // Scrolled to the end, the last card's buttons stand clear of the dock (room at the end).
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.screenshot({ path: `${SHOTS}/layout-${section.toLowerCase()}-end-390.png` });
  }
});
