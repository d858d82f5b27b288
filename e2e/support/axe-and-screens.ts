import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** No serious or critical axe violation on the page as it is now. */
export async function expectAxeClean(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${where}`,
  ).toEqual([]);
}

/** Where screenshots go for a person to look at (`SCREENS_DIR` overrides); not compared. */
const SCREENS_DIR = process.env.SCREENS_DIR ?? 'test-results/screens';

/** A full-page screenshot at the phone size (390×844) and at a desktop size, then back. */
export async function screens(page: Page, name: string): Promise<void> {
  const before = page.viewportSize() ?? { width: 390, height: 844 };
  for (const size of [
    { tag: 'phone', width: 390, height: 844 },
    { tag: 'desktop', width: 1280, height: 800 },
  ]) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.screenshot({ path: `${SCREENS_DIR}/${name}-${size.tag}.png`, fullPage: true });
  }
  await page.setViewportSize(before);
}
