import type { Page } from '@playwright/test';
import { CasebookApp } from './pages/casebook-app';
import { Evidence, minimalPdf, silentWav } from './pages/evidence';

type Upload = { name: string; mimeType: string; buffer: Buffer };

import { IncidentForm } from './pages/incident-form';
import { expectAxeClean } from './support/axe-and-screens';
import { expect, test } from './support/fixtures';
import { expectNoSidewaysScroll } from './support/layout-checks';

const PHOTOS = 36;
const OTHERS = 12;
const SHOTS = process.env.SCREENS_DIR ?? 'test-results/screens';

/** Distinct PNGs drawn in the page (a number on a colour), so no two files are the same. */
async function photos(page: Page, count: number): Promise<Upload[]> {
  const data = await page.evaluate((count) => {
    const out: string[] = [];
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const g = canvas.getContext('2d') as CanvasRenderingContext2D;
    for (let i = 0; i < count; i++) {
      g.fillStyle = `hsl(${(i * 37) % 360} 60% 55%)`;
      g.fillRect(0, 0, 640, 480);
      g.fillStyle = '#fff';
      g.font = 'bold 200px sans-serif';
      g.fillText(String(i + 1), 120, 320);
      out.push(canvas.toDataURL('image/png').split(',')[1] ?? '');
    }
    return out;
  }, count);
  return data.map((b64, i) => ({
    name: `Screenshot_2026030${(i % 9) + 1}-10${String(i).padStart(4, '0')}.png`,
    mimeType: 'image/png',
    buffer: Buffer.from(b64, 'base64'),
  }));
}

test('many exhibits: compact cards with thumbnails made in the worker and revoked on lock, search and filters, progress in view, initials asked in the flow, and files attached while writing a new incident', async ({
  page,
}) => {
  test.setTimeout(420_000);
  const app = new CasebookApp(page);
  const evidence = new Evidence(page);
  const form = new IncidentForm(page);
  await app.open();
  await app.create();

  // A new incident takes files while it is written: the initials are asked there, once.
  await app.newIncident.click();
  await form.field('What happened').fill('Letter pushed through the door at night');
  await form.openDetails();
  await page
    .getByLabel('Attach evidence files', { exact: true })
    .setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: minimalPdf('x') });
  const initials = page.getByLabel('Your initials for exhibit references', { exact: true });
  await expect(initials).toBeFocused();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await initials.fill('AB');
  await page.getByRole('button', { name: 'Add the chosen file (letter.pdf)' }).click();
  await expect(page.getByText(/^Added as exhibit AB\/1/)).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.linked-evidence')).toContainText('AB/1');
  await form.save();
  await expect(page.getByText('Incident saved.')).toBeVisible();

  // Many files at once from the Evidence screen: no second question about initials, and the
  // progress is in view while they go in, however far down the screen it sits.
  await app.goTo('Evidence');
  await expect(initials).toHaveCount(0);
  const files: Upload[] = [...(await photos(page, PHOTOS))];
  for (let i = 0; i < OTHERS; i++) {
    files.push(
      i % 2
        ? { name: `voicemail-${i}.wav`, mimeType: 'audio/wav', buffer: silentWav(1 + i) }
        : { name: `letter-${i}.pdf`, mimeType: 'application/pdf', buffer: minimalPdf(`n${i}`) },
    );
  }
  await page.getByLabel('Add evidence files', { exact: true }).setInputFiles(files);
  const progress = page.locator('.intake.pinned');
  await expect(progress).toBeInViewport();
  await page.mouse.wheel(0, 3000);
  await expect(progress).toBeInViewport();
  await expect(
    page.getByRole('list', { name: 'Files being added' }).getByText(/^Added as exhibit/),
  ).toHaveCount(files.length, { timeout: 300_000 });

  const total = files.length + 1;
  await expect(page.getByText(`${total} exhibits, newest first.`)).toBeVisible();
  await evidence.expectCount(total);

  // Compact: a card is a fraction of the 1,200 px it was at 390 px wide.
  await page.evaluate(() => window.scrollTo(0, 0));
  const heights = await evidence.list
    .locator('.evidence-card')
    .evaluateAll((cards) => cards.map((c) => c.getBoundingClientRect().height));
  expect(heights.length, 'cards drawn at the top').toBeGreaterThan(0);
  expect(heights.length, 'windowed: not every card is drawn').toBeLessThan(total);
  expect(Math.max(...heights), 'tallest card at 390 px').toBeLessThan(360);

  // A description being typed is not lost when its card scrolls far out of the window, even
  // with the focus elsewhere (the phone's keyboard closed by a tap outside).
  const first = evidence.cards.first();
  await first.getByRole('button', { name: 'Edit description and links' }).click();
  await first.getByLabel('Description', { exact: true }).fill('Left on the car windscreen');
  await page.getByRole('heading', { level: 1 }).click();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(evidence.list.locator(`:scope > li[aria-posinset="${total}"]`)).toHaveCount(1);
  // Control: the rows next to it were unmounted by the scroll; the one being edited was kept.
  await expect(evidence.list.locator(':scope > li[aria-posinset="2"]')).toHaveCount(0);
  await expect(evidence.list.locator(':scope > li[aria-posinset="1"]')).toHaveCount(1);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(first.getByLabel('Description', { exact: true })).toHaveValue(
    'Left on the car windscreen',
  );
  await first.getByRole('button', { name: 'Cancel' }).click();
  await expect(first.getByLabel('Description', { exact: true })).toHaveCount(0);

  // Details opened on a card stay open when the card leaves the window and comes back: the
  // screen keeps which disclosures are open, not the card that was unmounted.
  await first.locator('details.evidence-details > summary').click();
  await first.getByText('More about this file', { exact: true }).click();
  await expect(first.locator('.sha-details')).toBeVisible();
  // The focus leaves the card (the focused row would be kept drawn).
  await page.getByRole('heading', { level: 1 }).click();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(evidence.list.locator(`:scope > li[aria-posinset="${total}"]`)).toHaveCount(1);
  // Control: the card was unmounted (Details open does not pin it), so its state came back.
  await expect(evidence.list.locator(':scope > li[aria-posinset="1"]')).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(first.locator('details.evidence-details')).toHaveJSProperty('open', true);
  await expect(first.locator('details.more-details')).toHaveJSProperty('open', true);
  await expect(first.locator('.sha-details')).toBeVisible();
  // Folded again, it stays folded the same way.
  await first.locator('details.evidence-details > summary').click();
  await expect(first.locator('.sha-details')).toBeHidden();
  await page.getByRole('heading', { level: 1 }).click();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(evidence.list.locator(':scope > li[aria-posinset="1"]')).toHaveCount(0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(first.locator('details.evidence-details')).toHaveJSProperty('open', false);

  // Thumbnails: small images made in the worker, for photos only, each a blob: URL.
  // The list is windowed: AB/2, far down, is drawn once scrolled to.
  const firstPhoto = await evidence.reveal('AB/2');
  const thumb = firstPhoto.locator('.evidence-thumb img');
  await expect(thumb).toBeVisible({ timeout: 30_000 });
  const info = await thumb.evaluate((img: HTMLImageElement) => ({
    src: img.src,
    w: img.naturalWidth,
    h: img.naturalHeight,
    alt: img.alt,
  }));
  expect(info.src).toMatch(/^blob:/);
  expect(Math.max(info.w, info.h)).toBe(160);
  expect(info.alt).toBe('');
  // (fetch() of a blob: URL is refused by the CSP's connect-src, so an image element probes it.)
  const probe = (src: string) =>
    page.evaluate(
      (src) =>
        new Promise<string>((resolve) => {
          const img = new Image();
          img.onload = () => resolve('readable');
          img.onerror = () => resolve('gone');
          img.src = src;
        }),
      src,
    );
  expect(await probe(info.src), 'positive control: the URL works while unlocked').toBe('readable');
  await expect(evidence.card('AB/1').locator('.evidence-thumb img')).toHaveCount(0);
  await expect(evidence.card('AB/1').locator('.evidence-thumb')).toHaveText('Doc');

  // Details on demand: folded away, there when asked for.
  const sha = evidence.card('AB/2').locator('.sha-details');
  await expect(sha).toBeHidden();
  await evidence.showDetails('AB/2');
  await expect(sha).toBeVisible();

  // Search and filters, each against the whole list.
  const status = page.getByRole('status').filter({ hasText: /exhibits match|newest first/ });
  await page.getByText('Filter by type, exhibit reference, date added or incident').click();
  await page.getByLabel('Type of file', { exact: true }).selectOption({ label: 'Recordings' });
  await expect(status).toHaveText(`${OTHERS / 2} of ${total} exhibits match.`);
  await page.getByLabel('Type of file', { exact: true }).selectOption({ label: 'Any type' });
  await page.getByLabel('Exhibit reference', { exact: true }).fill('ab/3');
  await expect(status).toHaveText(`1 of ${total} exhibits match.`);
  await expect(evidence.cards).toHaveCount(1);
  await expect(evidence.card('AB/3')).toBeVisible();
  await page.getByLabel('Exhibit reference', { exact: true }).fill('');
  await page.getByLabel('Linked incident', { exact: true }).selectOption({ index: 1 });
  await expect(status).toHaveText(`1 of ${total} exhibits match.`);
  await expect(evidence.card('AB/1')).toBeVisible();
  await page.getByLabel('Linked incident', { exact: true }).selectOption({ index: 0 });
  await page.getByLabel('Search evidence', { exact: true }).fill('voicemail-11');
  await expect(evidence.cards).toHaveCount(1);
  await page.getByLabel('Added from', { exact: true }).fill('2000-01-01');
  await page.getByLabel('Added up to', { exact: true }).fill('2000-12-31');
  await expect(status).toHaveText(`0 of ${total} exhibits match.`);
  await expectNoSidewaysScroll(page, 'Evidence with filters at 390 px');
  await expectAxeClean(page, 'Evidence with search and filters');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await evidence.expectCount(total);
  await page.getByRole('button', { name: 'Clear this list' }).click();
  for (const [tag, width, height] of [
    ['phone', 390, 844],
    ['desktop', 1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/evidence-at-scale-${tag}.png` });
    await evidence.list.evaluate((l) => l.scrollIntoView());
    await page.screenshot({ path: `${SHOTS}/evidence-at-scale-cards-${tag}.png` });
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAxeClean(page, 'Evidence with many exhibits');

  // Lock revokes every thumbnail's URL: the decrypted picture is no longer reachable.
  await app.lock();
  const after = await probe(info.src);
  expect(after).toBe('gone');
  // And a new session makes its own.
  await app.unlock();
  await app.goTo('Evidence');
  await evidence.expectCount(total);
  // Thumbnails are made only for cards near the view (600 px beyond it). At the end of the list
  // the window draws cards well above the view too: a photo card that has never come within
  // 700 px of the view (watched from here, as the jumps land while rows are measured) has none,
  // while AB/2, in view, gets its own (the control: thumbnails are being made this session).
  await evidence.list.evaluate((list) => {
    const near = new Set<string>();
    (window as unknown as { near: Set<string> }).near = near;
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const at = e.target.closest('li')?.getAttribute('aria-posinset');
          if (e.isIntersecting && at) near.add(at);
        }
      },
      { rootMargin: '700px 0px' },
    );
    const watch = () => {
      for (const el of list.querySelectorAll('.evidence-thumb')) io.observe(el);
    };
    watch();
    new MutationObserver(watch).observe(list, { childList: true, subtree: true });
  });
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(200);
  }
  const again = evidence.card('AB/2').locator('.evidence-thumb img');
  await expect(again).toBeVisible({ timeout: 30_000 });
  expect(await again.getAttribute('src')).not.toBe(info.src);
  await page.waitForTimeout(1500);
  const far = await evidence.list.evaluate((list) => {
    const near = (window as unknown as { near: Set<string> }).near;
    return [...list.querySelectorAll(':scope > li[aria-posinset]')]
      .filter(
        (r) => r.querySelector('.thumb-image') && !near.has(r.getAttribute('aria-posinset') ?? ''),
      )
      .map((r) => ({
        at: r.getAttribute('aria-posinset') ?? '',
        thumbs: r.querySelectorAll('.evidence-thumb img').length,
      }));
  });
  expect(far.length, 'photo cards drawn that never came near the view').toBeGreaterThan(0);
  expect(
    far.filter((f) => f.thumbs > 0),
    'far cards with a thumbnail',
  ).toEqual([]);
  // One of them gets its thumbnail once it is scrolled into view.
  const farCard = evidence.list.locator(`:scope > li[aria-posinset="${far[0]?.at}"]`);
  await farCard.scrollIntoViewIfNeeded();
  await expect(farCard.locator('.evidence-thumb img')).toBeVisible({ timeout: 30_000 });
});
