import { expect, type Page } from '@playwright/test';

/** The page is no wider than the window: nothing scrolls sideways. */
export async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    // The element that sticks out furthest, to say what to fix when this fails.
    let widest = '';
    let right = window.innerWidth;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > right + 0.5) {
        right = r.right;
        widest = `${el.tagName.toLowerCase()}.${el.className} (${Math.round(r.right)} px)`;
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      widest,
    };
  });
  expect(
    scrollWidth,
    `${where}: page wider than the window; widest: ${widest}`,
  ).toBeLessThanOrEqual(innerWidth);
}

/**
 * No control is covered by another: each visible button and link is scrolled to the middle of
 * the window (or as far as the page goes) and the element at its centre must be it or inside
 * it. Returns how many were checked, so a test can show the check ran on something.
 */
export async function expectNothingCovered(page: Page, where: string): Promise<number> {
  const { covered, checked } = await page.evaluate(() => {
    const covered: string[] = [];
    let checked = 0;
    const controls = document.querySelectorAll<HTMLElement>('button, a[href], summary');
    for (const el of controls) {
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      if (el.closest('dialog:not([open])')) continue;
      if (el.classList.contains('skip-link')) continue; // off screen until focused, by design
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
      // A link that wraps has a box per line: the first line's centre is on the link.
      const r = el.getClientRects()[0] ?? el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      checked++;
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const name = (el.textContent ?? '').trim().slice(0, 40) || el.getAttribute('aria-label');
      if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) {
        covered.push(`"${name}" cannot be scrolled into view`);
        continue;
      }
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(hit === el || el.contains(hit))) {
        const by = hit
          ? `${hit.tagName.toLowerCase()} "${(hit.textContent ?? '').trim().slice(0, 30)}"`
          : 'nothing';
        covered.push(`"${name}" is covered by ${by}`);
      }
    }
    window.scrollTo(0, 0);
    return { covered, checked };
  });
  expect(covered, `${where}: controls covered`).toEqual([]);
  return checked;
}

/** A pasted link of 300 characters with no break in it. */
export const LONG_LINK = `https://example.invalid/${'a1b2c3d4e5'.repeat(28)}`;
