import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { Backup } from './pages/backup';
import { CasebookApp, KDF_TIMEOUT, PASSPHRASE, type Section } from './pages/casebook-app';
import { Evidence, minimalPdf, silentWav } from './pages/evidence';
import { IncidentForm } from './pages/incident-form';
import { RiskChecklistPage, SafetyPlanPage } from './pages/insight';
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
  'Report',
  'Audit log',
  'Backup',
  'Settings',
  'Pattern',
  'Risk checklist',
  'Safety plan',
  'Help',
];

/**
 * Every screen of the app, by the name the code gives it: the phases before and around unlock
 * (App.tsx's `Phase`) and every route of the unlocked diary (routes.ts's `Route`). The table test
 * below must check each at every width; a screen added to the code without a row here fails it.
 */
function screensInCode(): string[] {
  const source = (file: string) =>
    readFileSync(new URL(`../apps/web/src/${file}`, import.meta.url), 'utf8');
  const union = (text: string, type: string) => {
    const from = text.indexOf(`type ${type} =`);
    const to = text.indexOf(';\n', from);
    return [...text.slice(from, to).matchAll(/name: '([a-z-]+)'/g)].map((m) => m[1] as string);
  };
  return [...union(source('App.tsx'), 'Phase'), ...union(source('diary/routes.ts'), 'Route')];
}

/** Phases never drawn as a screen of their own, and why. */
const NOT_SCREENS: Record<string, string> = {
  starting: 'a blank moment before the vault answers',
  broken: 'only when the browser refuses storage; checked in page-security.spec.ts',
  unlocked: 'not a screen: the diary, whose routes are each a row',
};

/** Screens × widths checked so far, for the table at the end. */
type Checked = Map<string, Set<number>>;

/** Every check on the screen as it is, at each width; screenshots at 390 and 1280. */
async function checkScreen(
  page: Page,
  checked: Checked,
  name: string,
  widths: readonly number[] = WIDTHS,
): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height: width === 1280 ? 800 : 844 });
    const where = `${name} at ${width} px`;
    await expectNoSidewaysScroll(page, where);
    const count = await expectNothingCovered(page, where);
    expect(count, `${where}: some controls were checked`).toBeGreaterThan(0);
    await expectNothingCoveredWhileScrolling(page, where, 4);
    await expectAxeClean(page, where);
    if (width !== 320) {
      const file = name.replace(/[^a-z0-9-]+/g, '-').replace(/-$/, '');
      await page.screenshot({ path: `${SHOTS}/layout-${file}-${width}.png`, fullPage: true });
    }
    const seen = checked.get(name) ?? new Set<number>();
    seen.add(width);
    checked.set(name, seen);
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

/** A 1×1 PNG: a photo card with a thumbnail. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('every screen, at 320, 390 and 1280 px, with long unbroken text: nothing sideways, nothing covered, axe clean', async ({
  page,
}) => {
  test.setTimeout(900_000);
  const checked: Checked = new Map();
  const check = (name: string) => checkScreen(page, checked, name);
  const app = new CasebookApp(page);
  const records = new Records(page);
  const form = new IncidentForm(page);
  const plan = new SafetyPlanPage(page);
  const risk = new RiskChecklistPage(page);

  // Before there is a casebook.
  await app.open();
  await check('first-run');
  await page.getByRole('button', { name: 'Restore from a backup' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Restore from a backup' }),
  ).toBeVisible();
  await check('restore');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByRole('button', { name: 'Open a casebook from another device' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Open a casebook from another device' }),
  ).toBeVisible();
  await check('link-device');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await app.passphrase.fill(PASSPHRASE);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create casebook' }).click();
  const codeText = page.getByTestId('recovery-code');
  await expect(codeText).toBeVisible({ timeout: KDF_TIMEOUT });
  const code = ((await codeText.textContent()) ?? '').trim();
  await check('recovery-code');
  await page.getByRole('button', { name: 'I have saved my recovery code' }).click();
  await app.expectUnlocked();

  // Long unbroken text everywhere a person can type it, then each screen that shows it.
  await app.newIncident.click();
  await form.field('Location').fill(LONG_LINK);
  await form.quickAdd(`He posted this about me: ${LONG_LINK}`);
  await check('timeline');
  await page
    .getByRole('button', { name: /^Open incident from/ })
    .first()
    .click();
  await check('incident');
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'History of this incident' }),
  ).toBeVisible();
  await check('history');
  await app.goTo('Incidents');
  await page
    .getByRole('button', { name: /^Open incident from/ })
    .first()
    .click();
  await page.getByRole('button', { name: 'Edit incident' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit incident' })).toBeVisible();
  await check('incident-edit');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.getByRole('button', { name: 'Delete incident' }).click();
  await page.getByLabel('Reason for deleting', { exact: true }).fill(LONG_LINK);
  await check('incident (delete form open)');

  // A new incident with every field open, then left: the question, then the kept draft.
  await app.newIncident.click();
  await form.openDetails();
  await form.field('What happened').fill(LONG_LINK);
  await check('incident-new');
  await app.openSection('Evidence');
  const leave = page.getByRole('dialog', { name: 'Leave this incident?' });
  await expect(leave).toBeVisible();
  await check('leave dialog');
  await leave.getByRole('button', { name: 'Keep it as a draft' }).click();
  await app.goTo('Incidents');
  await expect(page.getByRole('button', { name: 'Carry on', exact: true })).toBeVisible();
  await check('kept draft offered');
  await page.getByRole('button', { name: 'Discard', exact: true }).click();

  await app.goTo('People');
  await page.getByRole('button', { name: 'Add a person' }).click();
  await records.field('Names').fill(LONG_LINK);
  await records.field('Description').fill(LONG_LINK);
  await check('person-new');
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await check('people');
  await page
    .getByRole('button', { name: /^Edit / })
    .first()
    .click();
  await check('person-edit');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();

  await app.goTo('Calls');
  await page.getByLabel('Number withheld', { exact: true }).check();
  await page
    .getByRole('group', { name: 'Did you answer?' })
    .getByLabel('Answered', { exact: true })
    .check();
  await records.field('What was said').fill(LONG_LINK);
  await page.getByRole('button', { name: 'Save call' }).click();
  await expect(page.getByText('Call saved.')).toBeVisible();
  await check('calls');
  await app.goTo('Items');
  await records.field('What it is').fill(LONG_LINK);
  await records.field('Where it is kept now').fill(LONG_LINK);
  await page.getByRole('button', { name: 'Save item' }).click();
  await expect(page.getByText('Item saved.')).toBeVisible();
  await check('items');

  // Evidence: the initials asked in the flow, then cards with a long file name and description,
  // one with Details open, one with its Edit form and one with its Delete form.
  await app.goTo('Evidence');
  await page.getByLabel('Add evidence files', { exact: true }).setInputFiles([
    { name: `${'photo'.repeat(40)}.png`, mimeType: 'image/png', buffer: PIXEL },
    { name: 'letter.pdf', mimeType: 'application/pdf', buffer: minimalPdf('x') },
    { name: 'voicemail.wav', mimeType: 'audio/wav', buffer: silentWav(1) },
  ]);
  const initials = page.getByLabel('Your initials for exhibit references', { exact: true });
  await expect(initials).toBeFocused();
  await check('evidence (initials asked)');
  await initials.fill('AB');
  await page.getByRole('button', { name: 'Add the 3 chosen files' }).click();
  await expect(page.getByText('3 exhibits, newest first.')).toBeVisible({ timeout: 60_000 });
  const evidence = new Evidence(page);
  await evidence.card('AB/1').getByRole('button', { name: 'Edit description and links' }).click();
  await evidence.card('AB/1').getByLabel('Description', { exact: true }).fill(LONG_LINK);
  await evidence.card('AB/1').getByRole('button', { name: 'Save changes' }).click();
  await expect(evidence.card('AB/1').locator('.evidence-description')).toHaveText(LONG_LINK);
  await evidence.showDetails('AB/1');
  await evidence.card('AB/1').getByText('More about this file', { exact: true }).click();
  await evidence.card('AB/2').getByRole('button', { name: 'Edit description and links' }).click();
  await evidence.card('AB/3').getByRole('button', { name: 'Delete evidence item' }).click();
  await check('evidence');
  await evidence.card('AB/2').getByRole('button', { name: 'Cancel', exact: true }).click();
  await evidence.card('AB/3').getByRole('button', { name: 'Keep it', exact: true }).click();
  await page.getByRole('button', { name: 'Open AB/1' }).click();
  await check('evidence-view');

  for (const [section, name] of [
    ['Import', 'import'],
    ['Report', 'report'],
    ['Audit log', 'audit'],
    ['Backup', 'backup'],
    ['Settings', 'settings'],
    ['Pattern', 'pattern'],
    ['Help', 'help'],
  ] as const) {
    await app.goTo(section);
    await check(name);
  }
  await app.goTo('Settings');
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await check('change-passphrase');
  await app.goTo('Settings');
  await page.getByRole('button', { name: 'Make a new recovery code' }).click();
  await check('new-recovery-code');
  await app.goTo('Settings');
  await page.getByRole('button', { name: 'Sync', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Turn on sync' })).toBeVisible();
  await check('sync');
  await app.goTo('Pattern');
  await page.getByRole('button', { name: 'Is it stalking?' }).click();
  await check('stalking');

  await app.goTo('Risk checklist');
  await risk.answer(/Do you feel very scared/, 'Yes');
  await page.getByLabel('Note on question 1 (optional)').fill(LONG_LINK);
  await risk.save();
  await check('risk');
  await app.goTo('Safety plan');
  await plan.addTrustedPerson(LONG_LINK, LONG_LINK);
  const alarm = page.locator('li.plan-item').filter({ hasText: 'Carry a personal attack alarm' });
  await alarm.getByRole('button', { name: 'Add a note' }).click();
  await alarm.getByLabel('Your note').fill(LONG_LINK);
  await alarm.getByLabel('Your note').blur();
  await plan.expectSaved();
  await check('safety-plan');

  // The phone's More open (at 1280 px the rows it stands for).
  await app.goTo('Incidents');
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'More', exact: true })
    .click();
  await checkScreen(page, checked, 'more open', [320, 390]);
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'More', exact: true })
    .click();
  await checkScreen(page, checked, 'more open', [1280]);

  // Locked, the recovery code's way in, and a new passphrase.
  await app.lock();
  await check('locked');
  await page.getByRole('button', { name: 'Forgotten it? Use your recovery code' }).click();
  await page.getByLabel('Recovery code', { exact: true }).fill(code);
  await check('recovery-unlock');
  await page.getByRole('button', { name: 'Open with recovery code' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Choose a new passphrase' }),
  ).toBeVisible({
    timeout: KDF_TIMEOUT,
  });
  await check('new-passphrase');
  await page.getByLabel('Passphrase', { exact: true }).fill(`${PASSPHRASE} again`);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(`${PASSPHRASE} again`);
  await page.getByRole('button', { name: 'Save new passphrase' }).click();
  await expect(app.lockButton).toBeVisible({ timeout: KDF_TIMEOUT });

  // Disguised, the locked screen has other words: checked too.
  await app.goTo('Settings');
  await page.getByLabel('Use a plain name and icon ("Notes")', { exact: true }).check();
  await app.lock();
  await check('locked (disguised)');

  // The table: every screen of the code, at every width.
  const table = [...checked].map(
    ([name, widths]) => `${name}: ${[...widths].sort((a, b) => a - b).join(', ')}`,
  );
  test.info().annotations.push({ type: 'screens × widths', description: table.join('\n') });
  const inCode = screensInCode();
  // Control: the code was read (a parse that found nothing would pass anything).
  expect(inCode.length, 'screens found in App.tsx and routes.ts').toBeGreaterThan(30);
  expect(inCode).toEqual(
    expect.arrayContaining(['first-run', 'new-passphrase', 'timeline', 'safety-plan']),
  );
  const missing = inCode.filter(
    (name) => !(name in NOT_SCREENS) && !WIDTHS.every((w) => checked.get(name)?.has(w)),
  );
  expect(missing, 'screens in the code not checked at every width').toEqual([]);
  expect([...checked.values()].every((w) => w.size === WIDTHS.length)).toBe(true);
});

test('the lock warning at 320, 390 and 1280 px: nothing sideways, nothing covered, axe clean', async ({
  page,
}) => {
  await page.clock.install();
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  const checked: Checked = new Map();
  const stay = page.getByRole('button', { name: 'Stay unlocked', exact: true });
  for (const width of WIDTHS) {
    // Shown 30 seconds before the idle lock (5 minutes by default); checked in that time.
    await page.clock.fastForward('04:31');
    await expect(stay).toBeVisible();
    await checkScreen(page, checked, 'lock warning', [width]);
    await expect(stay, 'still the warning, not locked, when the checks ended').toBeVisible();
    await stay.click();
    await expect(stay).toHaveCount(0);
  }
  expect([...(checked.get('lock warning') ?? [])]).toEqual([...WIDTHS]);
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
  // The page keeps room at its end for the open panel, so what it covers can be scrolled clear.
  const room = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--more-room'),
  );
  expect(Number.parseFloat(room), 'room kept for the open More panel').toBeGreaterThan(100);
  await page.screenshot({ path: `${SHOTS}/layout-more-open-390.png` });
  await expectAxeClean(page, 'More open');
  await nav.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  // A press outside the menu closes it, as a menu does; the room goes with it.
  await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('heading', { level: 1, name: 'Settings' }).click();
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  expect(
    await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--more-room'),
    ),
  ).toBe('');
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
