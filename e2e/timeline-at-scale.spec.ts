import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { Backup } from './pages/backup';
import { CasebookApp, PASSPHRASE } from './pages/casebook-app';
import { Timeline } from './pages/timeline';
import { expectAxeClean } from './support/axe-and-screens';
import { expect, test } from './support/fixtures';
import { expectNoSidewaysScroll } from './support/layout-checks';

// Issue 13: the timeline is grouped by month and windowed. 3,000 incidents keep this test to a
// minute on a busy machine; bench/timeline-scroll-web.mjs measures 10,000.
const COUNT = 3000;

test('a long timeline is grouped by month, draws only what is near the view, and every incident stays reachable by scrolling and by keyboard', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const file = test.info().outputPath('many.casebook');
  const cli = new URL('../apps/cli/bin/casebook.mjs', import.meta.url).pathname;
  await promisify(execFile)(
    process.execPath,
    [cli, 'demo', file, '--incidents', String(COUNT), '--weeks', '26'],
    { env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE } },
  );

  const app = new CasebookApp(page);
  const timeline = new Timeline(page);
  await app.open();
  await new Backup(page).restore(file, PASSPHRASE);
  await app.expectUnlocked();
  await expect(
    page.getByText(`${COUNT.toLocaleString('en-GB')} incidents, newest first.`),
  ).toBeVisible({ timeout: 60_000 });

  // Month headings, each with its count; the first one is at the top of the list.
  const months = timeline.list.getByRole('heading', { level: 2 });
  await expect(months.first()).toHaveText(/^[A-Z][a-z]+ \d{4} \([\d,]+ incidents?\)$/);

  // Only a few screens of rows exist, yet each says where it sits in the whole list.
  const rows = timeline.list.locator(':scope > li[aria-posinset]');
  const drawn = await rows.count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(80);
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(COUNT));
  await expect(rows.first()).toHaveAttribute('aria-posinset', '1');
  await expectNoSidewaysScroll(page, 'a long timeline at 390 px');
  await expectAxeClean(page, 'a long timeline');
  // The view only: a full-page shot would make the window as tall as 3,000 cards.
  await shots(page, 'timeline-at-scale');

  // Keyboard: Tab from the first Open button walks on past the rows drawn at first.
  await rows.first().getByRole('button', { name: /^Open/ }).focus();
  for (let i = 0; i < drawn + 10; i++) await page.keyboard.press('Tab');
  const focusedAt = await page.evaluate(() =>
    Number(document.activeElement?.closest('li[aria-posinset]')?.getAttribute('aria-posinset')),
  );
  expect(focusedAt).toBeGreaterThan(drawn);
  await expect(page.locator(':focus')).toHaveAccessibleName(/^Open incident from /);
  await expect(page.locator(':focus')).toBeInViewport();

  // No blank page (a rewrite once left the view empty): during a fling every frame has rows
  // across the whole view, and so has each jump to the middle, the end and back to the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  expect(await flingBlankFrames(page, 90, 150), 'frames with part of the view blank').toBe(0);
  for (const to of ['middle', 'end', 'top'] as const) {
    await jump(page, to);
    await expectViewCovered(page, `after a jump to the ${to} at 390 px`);
  }

  // Turned sideways (or a wider window): heights measured at 390 px belong to that width, so
  // they are measured again at the new one, and the view is still covered after a fling and jumps.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect
    .poll(() =>
      timeline.list.evaluate(
        (l) => Number(l.getAttribute('data-measured-width')) === Math.round(l.clientWidth),
      ),
    )
    .toBe(true);
  await expectViewCovered(page, 'after widening to 1280 px');
  expect(await flingBlankFrames(page, 40, 150), 'blank frames at 1280 px').toBe(0);
  for (const to of ['middle', 'end', 'top'] as const) {
    await jump(page, to);
    await expectViewCovered(page, `after a jump to the ${to} at 1280 px`);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await expectViewCovered(page, 'back at 390 px');

  // Scrolling to the very end draws the oldest incident, and the page is no longer than the
  // list's measured rows (no runaway spacer). Rows drawn near the end are measured as they
  // appear, so the page can grow under the first scroll; like a person, scroll again until the
  // oldest incident is drawn and on screen.
  for (let i = 0; i < 40; i++) {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(100);
    const atEnd = await page.evaluate((count) => {
      const drawnRows = document.querySelectorAll('li[aria-posinset]');
      const last = drawnRows[drawnRows.length - 1];
      if (last?.getAttribute('aria-posinset') !== String(count)) return false;
      const box = last.getBoundingClientRect();
      return box.top < window.innerHeight && box.bottom > 0;
    }, COUNT);
    if (atEnd) break;
  }
  await expect(rows.last()).toHaveAttribute('aria-posinset', String(COUNT));
  await expect(rows.last()).toBeInViewport();
  expect(await rows.count()).toBeLessThan(80);

  // A filter narrows the whole list, not just the rows drawn, and the months follow it.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByText('Filter by behaviour, person, how or date').click();
  await page.getByLabel('From date', { exact: true }).fill('2000-01-01');
  await page.getByLabel('To date', { exact: true }).fill('2000-01-31');
  await expect(
    page.getByText(`0 of ${COUNT.toLocaleString('en-GB')} incidents match.`),
  ).toBeVisible();
  await expect(rows).toHaveCount(0);

  // Under a filter the rows count within what matches (review M6): a screen reader hears
  // "item 1 of N" for the N that match, and positions run on without a gap. The month of the
  // newest incident is the filter; its heading's count is N.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  const newestMonth = await rows.first().locator('h2').innerText();
  const shown = Number(/\(([\d,]+) incidents?\)/.exec(newestMonth)?.[1]?.replace(/,/g, ''));
  expect(shown).toBeGreaterThan(1);
  const month = new Date(`1 ${newestMonth.split(' (')[0]}`);
  const y = month.getFullYear();
  const m = String(month.getMonth() + 1).padStart(2, '0');
  const last = new Date(y, month.getMonth() + 1, 0).getDate();
  // (The filters are still open from the date filter above.)
  await page.getByLabel('From date', { exact: true }).fill(`${y}-${m}-01`);
  await page.getByLabel('To date', { exact: true }).fill(`${y}-${m}-${last}`);
  await expect(
    page.getByText(
      `${shown.toLocaleString('en-GB')} of ${COUNT.toLocaleString('en-GB')} incidents match.`,
    ),
  ).toBeVisible();
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(shown));
  const positions = await rows.evaluateAll((els) =>
    els.map((el) => [
      Number(el.getAttribute('aria-posinset')),
      Number(el.getAttribute('aria-setsize')),
    ]),
  );
  expect(positions.map(([p]) => p)).toEqual(positions.map((_, i) => i + 1));
  expect(new Set(positions.map(([, size]) => size))).toEqual(new Set([shown]));
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(COUNT));
});

/** Where, in the view, the list is and no drawn row is: [] when rows cover it all. */
function uncovered(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const list = document.querySelector('ul[aria-label="Incidents"]');
    if (!list) return [-1];
    const box = list.getBoundingClientRect();
    const rows = [...list.querySelectorAll(':scope > li[aria-posinset]')].map((r) =>
      r.getBoundingClientRect(),
    );
    const out: number[] = [];
    const to = Math.min(box.bottom, window.innerHeight);
    for (let y = Math.max(box.top, 0); y < to; y += 20) {
      if (!rows.some((r) => r.top <= y && y < r.bottom)) out.push(Math.round(y));
    }
    return out;
  });
}

async function expectViewCovered(page: Page, what: string): Promise<void> {
  expect(await uncovered(page), `${what}: places in the view with no row`).toEqual([]);
  const inView = await page.evaluate(
    () =>
      [...document.querySelectorAll('ul[aria-label="Incidents"] > li[aria-posinset]')].filter(
        (r) => {
          const b = r.getBoundingClientRect();
          return b.bottom > 0 && b.top < window.innerHeight;
        },
      ).length,
  );
  expect(inView, `${what}: rows in view`).toBeGreaterThan(0);
}

/** Scrolls `px` a frame for `frames` frames; counts the frames drawn with part of the view blank. */
function flingBlankFrames(page: Page, frames: number, px: number): Promise<number> {
  return page.evaluate(
    ([frames, px]) =>
      new Promise<number>((resolve) => {
        let blank = 0;
        let n = 0;
        const step = () => {
          // Checked in the frame after the scroll: its scroll event has drawn the rows by now.
          const list = document.querySelector('ul[aria-label="Incidents"]');
          if (list && n > 0) {
            const box = list.getBoundingClientRect();
            const rows = [...list.querySelectorAll(':scope > li[aria-posinset]')].map((r) =>
              r.getBoundingClientRect(),
            );
            const to = Math.min(box.bottom, window.innerHeight);
            for (let y = Math.max(box.top, 0); y < to; y += 20) {
              if (!rows.some((r) => r.top <= y && y < r.bottom)) {
                blank++;
                break;
              }
            }
          }
          if (n++ === frames) return resolve(blank);
          window.scrollBy(0, px);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    [frames, px] as const,
  );
}

async function jump(page: Page, to: 'middle' | 'end' | 'top'): Promise<void> {
  await page.evaluate((to) => {
    const h = document.documentElement.scrollHeight;
    window.scrollTo(0, to === 'top' ? 0 : to === 'middle' ? h / 2 : h);
  }, to);
  // Two frames: the scroll event's rows, then their measurement.
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
}

const SHOTS = process.env.SCREENS_DIR ?? 'test-results/screens';

async function shots(page: import('@playwright/test').Page, name: string): Promise<void> {
  for (const [tag, width, height] of [
    ['desktop', 1280, 800],
    ['phone', 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${SHOTS}/${name}-${tag}.png` });
  }
}
