import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { CasebookApp, KDF_TIMEOUT, PASSPHRASE } from './pages/casebook-app';
import { expect, test } from './support/fixtures';

const NEW_PASSPHRASE = 'harbour pencil walnut glacier cobalt ribbon';

interface Stop {
  readonly name: string;
  /** Inside the screen itself (`main`), not the top bar. */
  readonly onScreen: boolean;
}

/** Every control Tab reaches, once round the page (browser chrome and `body` left out). */
async function tabWalk(page: Page): Promise<Stop[]> {
  const stops: Stop[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return undefined;
      const label =
        el.getAttribute('aria-label') ??
        (el instanceof HTMLInputElement ? el.labels?.[0]?.textContent : undefined) ??
        el.textContent;
      const path = [];
      for (let n: Element | null = el; n; n = n.parentElement) {
        path.push(
          `${n.tagName}:${Array.prototype.indexOf.call(n.parentElement?.children ?? [], n)}`,
        );
      }
      return {
        key: path.join('/'),
        name: `${el.tagName.toLowerCase()} "${(label ?? '').trim()}"`,
        onScreen: el.closest('main') !== null,
      };
    });
    if (!stop) continue;
    if (seen.has(stop.key)) break;
    seen.add(stop.key);
    stops.push({ name: stop.name, onScreen: stop.onScreen });
  }
  return stops;
}

/** Off the screen itself, only these may take focus: neither leaves the screen unseen. */
const ALLOWED_OFF_SCREEN = ['a "Skip to content"', 'button "Quick exit"'];

async function expectOnlyItsOwnWayOut(page: Page, confirm: string): Promise<void> {
  await expect(page.getByRole('button', { name: 'Lock', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'New incident' })).toHaveCount(0);
  await expect(page.getByRole('navigation')).toHaveCount(0);
  const stops = await tabWalk(page);
  expect(stops.filter((s) => !s.onScreen).map((s) => s.name)).toEqual(ALLOWED_OFF_SCREEN);
  expect(stops.map((s) => s.name)).toContain(`button "${confirm}"`);
  const axe = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
    [],
  );
}

for (const viewport of [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
]) {
  test(`the recovery code and "Choose a new passphrase" are left only by their own button (${viewport.name})`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const app = new CasebookApp(page);
    await app.open();
    await app.passphrase.fill(PASSPHRASE);
    await page.getByLabel('Confirm passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Create casebook' }).click();
    const codeText = page.getByTestId('recovery-code');
    await expect(codeText).toBeVisible({ timeout: KDF_TIMEOUT });
    const code = ((await codeText.textContent()) ?? '').trim();
    await expectOnlyItsOwnWayOut(page, 'I have saved my recovery code');
    await page.getByRole('button', { name: 'I have saved my recovery code' }).click();
    await app.expectUnlocked();

    await app.lock();
    await page.getByRole('button', { name: 'Forgotten it? Use your recovery code' }).click();
    await page.getByLabel('Recovery code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Open with recovery code' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Choose a new passphrase' }),
    ).toBeVisible({ timeout: KDF_TIMEOUT });
    await expectOnlyItsOwnWayOut(page, 'Save new passphrase');
    await page.getByLabel('Passphrase', { exact: true }).fill(NEW_PASSPHRASE);
    await page.getByLabel('Confirm passphrase', { exact: true }).fill(NEW_PASSPHRASE);
    await page.getByRole('button', { name: 'Save new passphrase' }).click();
    await app.expectUnlocked();
  });
}

test('positive control: the Tab walk finds the top bar and sections of the diary', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  const offScreen = (await tabWalk(page)).filter((s) => !s.onScreen).map((s) => s.name);
  expect(offScreen).toEqual(expect.arrayContaining(['button "Lock"', 'button "Quick exit"']));
  expect(offScreen.length).toBeGreaterThan(ALLOWED_OFF_SCREEN.length + 2);
});
