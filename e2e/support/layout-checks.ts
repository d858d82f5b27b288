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
    const modal = document.querySelector('dialog:modal');
    for (const el of controls) {
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      if (el.closest('dialog:not([open])')) continue;
      // Behind a modal dialog the page is inert: nothing there can be pressed, by design.
      if (modal && !modal.contains(el)) continue;
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

/**
 * No control is covered at any scroll position: the page is stepped from top to end (half a
 * window at a time, at most `maxStops` stops), and at each stop every control in view is
 * placed twice more, just under the fixed bars at the top and just above those at the bottom,
 * where a floating button would sit over it. "The bars" are fixed or sticky boxes the whole
 * width of the window touching its top or bottom edge: what scrolls under them is out of view,
 * not covered. Anything else that floats over a control is found. Returns how many controls
 * were checked.
 */
export async function expectNothingCoveredWhileScrolling(
  page: Page,
  where: string,
  maxStops = 12,
): Promise<number> {
  const { covered, checked } = await page.evaluate(async (maxStops) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
    const settle = async () => {
      // Two frames: a windowed list redraws on the frame after the scroll.
      await frame();
      await frame();
    };
    const viewArea = () => {
      const bars: DOMRect[] = [];
      for (const el of document.querySelectorAll<HTMLElement>('body *')) {
        const position = getComputedStyle(el).position;
        if (position !== 'fixed' && position !== 'sticky') continue;
        if (!el.checkVisibility({ visibilityProperty: true })) continue;
        const r = el.getBoundingClientRect();
        if (r.height > 0 && r.width >= window.innerWidth - 1) bars.push(r);
      }
      // Bars stacked on one another (a strip on top of the bottom bar) count as one.
      let top = 0;
      for (const r of [...bars].sort((a, b) => a.top - b.top)) {
        if (r.top <= top + 1 && r.bottom > top) top = r.bottom;
      }
      let bottom = window.innerHeight;
      for (const r of [...bars].sort((a, b) => b.bottom - a.bottom)) {
        if (r.bottom >= bottom - 1 && r.top < bottom) bottom = r.top;
      }
      return { top, bottom };
    };
    const nameOf = (el: Element) =>
      (el.textContent ?? '').trim().slice(0, 40) || el.getAttribute('aria-label');
    const covered = new Set<string>();
    const seen = new WeakSet<Element>();
    let checked = 0;
    const test = (el: HTMLElement, area: { top: number; bottom: number }, at: string) => {
      const r = el.getClientRects()[0] ?? el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return;
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      // A pixel's margin: hit testing rounds, so a centre on a bar's very edge may land on it.
      if (y < area.top + 1 || y > area.bottom - 1 || x < 0 || x > window.innerWidth) return;
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(hit === el || el.contains(hit))) {
        const by = hit
          ? `${hit.tagName.toLowerCase()}.${hit.className} "${(hit.textContent ?? '').trim().slice(0, 30)}"`
          : 'nothing';
        covered.add(`"${nameOf(el)}" ${at} is covered by ${by}`);
      }
    };
    const end = Math.max(0, document.documentElement.scrollHeight - window.innerHeight);
    const step = Math.max(window.innerHeight / 2, end / maxStops);
    const stops: number[] = [];
    for (let y = 0; y < end; y += step) stops.push(y);
    stops.push(end);
    for (const stop of stops) {
      window.scrollTo({ top: stop, behavior: 'instant' });
      await settle();
      const area = viewArea();
      const inView = [...document.querySelectorAll<HTMLElement>('button, a[href], summary')].filter(
        (el) => {
          if (seen.has(el) || el.classList.contains('skip-link')) return false;
          if (el.closest('dialog:not([open])')) return false;
          const modal = document.querySelector('dialog:modal');
          if (modal && !modal.contains(el)) return false;
          if (!el.checkVisibility({ visibilityProperty: true })) return false;
          const r = el.getBoundingClientRect();
          return r.bottom > area.top && r.top < area.bottom;
        },
      );
      for (const el of inView) {
        seen.add(el);
        checked++;
        test(el, area, 'in view');
        for (const placement of ['top', 'bottom'] as const) {
          const r = el.getBoundingClientRect();
          const want =
            placement === 'top' ? area.top + 2 : area.bottom - 2 - Math.min(r.height, 60);
          window.scrollBy({ top: r.top - want, behavior: 'instant' });
          await settle();
          if (el.isConnected) test(el, viewArea(), `at the ${placement} of the view`);
        }
        window.scrollTo({ top: stop, behavior: 'instant' });
      }
      await settle();
    }
    window.scrollTo({ top: 0, behavior: 'instant' });
    return { covered: [...covered], checked };
  }, maxStops);
  expect(covered, `${where}: controls covered while scrolling`).toEqual([]);
  return checked;
}
