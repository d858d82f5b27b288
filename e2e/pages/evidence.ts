import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export type FileInput = string | { name: string; mimeType: string; buffer: Buffer };

/** SHA-256 of a file on disk or in memory, as `sha256sum` prints it. */
export async function sha256Of(file: FileInput): Promise<string> {
  const bytes = typeof file === 'string' ? await readFile(file) : file.buffer;
  return createHash('sha256').update(bytes).digest('hex');
}

/** A WAV file: 44-byte header and `seconds` of silence (8 kHz, 8-bit, mono). */
export function silentWav(seconds = 1): Buffer {
  const samples = 8000 * seconds;
  const b = Buffer.alloc(44 + samples, 0x80);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + samples, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(8000, 28);
  b.writeUInt16LE(1, 32);
  b.writeUInt16LE(8, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(samples, 40);
  return b;
}

/** A one-page PDF, with optional text in a comment (for canaries). */
export function minimalPdf(comment = 'made by a test'): Buffer {
  return Buffer.from(
    [
      '%PDF-1.4',
      `% ${comment}`,
      '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
      '2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj',
      '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj',
      'trailer <</Root 1 0 R>>',
      '%%EOF',
      '',
    ].join('\n'),
    'latin1',
  );
}

/** The Evidence screen, any "attach files" input, and the viewer. */
export class Evidence {
  constructor(readonly page: Page) {}

  get list(): Locator {
    return this.page.getByRole('list', { name: 'Evidence items' });
  }

  /**
   * The cards drawn: the list's own rows (not its spacers, nor the lists inside a card). The
   * list is windowed, so far-off cards are not in the DOM; `expectCount` counts them all.
   */
  get cards(): Locator {
    return this.list.locator(':scope > li[aria-posinset]');
  }

  /** How many items the list holds, as a screen reader hears it (each row's aria-setsize). */
  async expectCount(count: number): Promise<void> {
    if (count === 0) {
      await expect(this.cards).toHaveCount(0);
      return;
    }
    await expect(this.cards.first()).toHaveAttribute('aria-setsize', String(count));
  }

  /** Scrolls the page down from the top until the card of this exhibit is drawn (windowed). */
  async reveal(ref: string): Promise<Locator> {
    const card = this.card(ref);
    // The card can be counted while it is only left over from an earlier scroll: right after
    // a scripted scrollTo the windowed list still holds the rows of where it was until its
    // scroll event runs (late on a loaded machine), and then unmounts them. Seen on the
    // clean-clone CI: AB/2 counted just after a scroll from the bottom to the top, then gone.
    // So a card that is gone before it can be shown is looked for again, at most three times,
    // and each time is recorded for the failure.
    const jumps: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.walkUntilDrawn(card, ref);
      try {
        await card.scrollIntoViewIfNeeded({ timeout: 5_000 });
        return card;
      } catch {
        jumps.push(await this.page.evaluate(describeWindowedPage));
      }
    }
    throw new Error(
      `${ref} was drawn but gone again before it could be shown: ${jumps.join(' | ')}`,
    );
  }

  async walkUntilDrawn(card: Locator, ref: string): Promise<void> {
    // Scroll down a screen at a time until the windowed list draws the card. A page that does
    // not move may still be laying out (a busy machine): the last drawn row is then scrolled to
    // the top of the view instead, it is given a few more tries, and the whole list is walked
    // again, before the card is called missing.
    for (let pass = 0; pass < 3 && (await card.count()) === 0; pass++) {
      await this.page.evaluate(() => window.scrollTo(0, 0));
      let stuck = 0;
      for (let step = 0; step < 200 && stuck < 5 && (await card.count()) === 0; step++) {
        const before = await this.page.evaluate(() => window.scrollY);
        let moved = await this.list.evaluate((list) => {
          const before = window.scrollY;
          window.scrollBy(0, window.innerHeight);
          if (window.scrollY === before) {
            list.querySelector(':scope > li[aria-posinset]:last-of-type')?.scrollIntoView();
          }
          return window.scrollY !== before;
        });
        if (!moved) {
          // Scripted scrolling went nowhere (seen only on the loaded clean-clone CI): a wheel
          // turn over the list, as a person scrolls, moves whatever is the scroller there.
          const size = this.page.viewportSize();
          await this.page.mouse.move((size?.width ?? 390) / 2, (size?.height ?? 844) / 2);
          await this.page.mouse.wheel(0, size?.height ?? 844);
          await this.page.waitForTimeout(100);
          moved = (await this.page.evaluate(() => window.scrollY)) !== before;
        }
        stuck = moved ? 0 : stuck + 1;
        await this.page.waitForTimeout(moved ? 50 : 200);
      }
    }
    if ((await card.count()) === 0) {
      // Said in the failure, for a machine where this cannot be watched (clean-clone CI).
      const seen = await this.page.evaluate(describeWindowedPage);
      await expect(card, `${ref} was never drawn while scrolling: ${seen}`).toHaveCount(1);
    }
  }

  /** The card whose heading starts with this exhibit reference. */
  card(ref: string): Locator {
    return this.cards.filter({
      has: this.page.getByRole('heading', { name: new RegExp(`^${ref} ·`) }),
    });
  }

  /** Opens a card's "Details" (issue 13: compact cards keep the rest folded away). */
  async showDetails(ref: string): Promise<void> {
    const details = this.card(ref).locator('details.evidence-details');
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
      await details.locator(':scope > summary').click();
    }
  }

  value(card: Locator, label: string): Locator {
    return card
      .locator('.details-row')
      .filter({ has: this.page.getByText(label, { exact: true }) })
      .locator('dd');
  }

  /** Fills in initials if asked, then gives the input these files and waits for them all. */
  async attach(label: string, files: FileInput[], initials = 'AB'): Promise<void> {
    const ask = this.page.getByLabel('Your initials for exhibit references', { exact: true });
    if (await ask.isVisible()) await ask.fill(initials);
    const input = this.page.getByLabel(label, { exact: true });
    // Playwright takes paths or buffers, not both: read paths when they are mixed.
    const mixed =
      files.some((f) => typeof f !== 'string') && files.some((f) => typeof f === 'string');
    const payload = mixed
      ? await Promise.all(
          files.map(async (f) =>
            typeof f === 'string'
              ? {
                  name: basename(f),
                  mimeType: 'application/octet-stream',
                  buffer: await readFile(f),
                }
              : f,
          ),
        )
      : (files as string[]);
    await input.setInputFiles(payload);
    const list = this.page.getByRole('list', { name: 'Files being added' });
    await expect(list.getByText(/^Added as exhibit/)).toHaveCount(files.length, {
      timeout: 60_000,
    });
  }

  async openExhibit(ref: string): Promise<void> {
    await this.page
      .getByRole('button', { name: `Open ${ref}`, exact: true })
      .first()
      .click();
    await expect(
      this.page.getByRole('heading', { level: 1, name: `Exhibit ${ref}` }),
    ).toBeVisible();
  }

  async closeViewer(): Promise<void> {
    await this.page.getByRole('button', { name: 'Close', exact: true }).click();
  }
}

/** The Audit log screen and Verify casebook. */
export class AuditLog {
  constructor(readonly page: Page) {}

  get entries(): Locator {
    return this.page.getByRole('list', { name: 'Audit log entries' }).getByRole('listitem');
  }

  async verify(): Promise<void> {
    await this.page.getByRole('button', { name: 'Verify casebook' }).click();
  }

  async expectIntact(): Promise<void> {
    await this.verify();
    await expect(this.page.getByText('No problems found')).toBeVisible({ timeout: 60_000 });
  }
}

/** What the page showed when a card could not be found: scroll, drawn rows, headings, notices. */
function describeWindowedPage(): string {
  const root = document.documentElement;
  const rows = [...document.querySelectorAll<HTMLElement>('li[aria-posinset]')];
  const title = (li: HTMLElement) =>
    `${li.getAttribute('aria-posinset')}:${li.querySelector('h2')?.textContent ?? '?'}`;
  const notices = [...document.querySelectorAll('[role="alert"], [role="status"]')]
    .map((n) => n.textContent?.trim())
    .filter(Boolean);
  const active = document.activeElement;
  return JSON.stringify({
    scrollY: window.scrollY,
    scrollHeight: root.scrollHeight,
    innerHeight: window.innerHeight,
    overflow: `${getComputedStyle(root).overflowY}/${getComputedStyle(document.body).overflowY}`,
    h1: document.querySelector('h1')?.textContent,
    setsize: rows[0]?.getAttribute('aria-setsize'),
    drawn: rows.length,
    first: rows.slice(0, 3).map(title),
    last: rows.slice(-3).map(title),
    notices,
    active: active ? `${active.tagName}${active.id ? `#${active.id}` : ''}` : null,
  });
}
