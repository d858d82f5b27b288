import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { CasebookApp } from './pages/casebook-app';
import { AuditLog, Evidence, minimalPdf } from './pages/evidence';
import { Records } from './pages/records';
import { expect, test } from './support/fixtures';

const PIXEL = join(import.meta.dirname, '..', 'fixtures', 'images', 'IMG_20180725_163423-tiny.jpg');

async function audit(page: Page, screen: string, found: Record<string, string[]>): Promise<void> {
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
  test(`Evidence, viewer, item photos and Audit log: no serious or critical axe violations (${viewport.name})`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const found: Record<string, string[]> = {};
    const app = new CasebookApp(page);
    const evidence = new Evidence(page);
    await app.open();
    await app.create();

    await app.goTo('Evidence');
    await audit(page, 'evidence, empty', found);
    await evidence.attach('Add evidence files', [
      {
        name: 'photo.jpg',
        mimeType: 'image/jpeg',
        buffer: await import('node:fs/promises').then((fs) => fs.readFile(PIXEL)),
      },
      { name: 'letter.pdf', mimeType: 'application/pdf', buffer: minimalPdf() },
    ]);
    await audit(page, 'evidence, two items and progress list', found);
    await evidence.card('AB/1').getByRole('button', { name: 'Edit description and links' }).click();
    await audit(page, 'evidence, editing', found);
    await evidence.card('AB/1').getByRole('button', { name: 'Cancel' }).click();
    await evidence.card('AB/2').getByRole('button', { name: 'Delete evidence item' }).click();
    await audit(page, 'evidence, delete', found);
    await page.getByLabel('Reason for deleting', { exact: true }).fill('Added by mistake');
    await evidence.card('AB/2').getByRole('button', { name: 'Delete evidence item' }).click();
    await page.getByRole('button', { name: 'Remove the original file for good' }).click();
    await audit(page, 'evidence, remove for good', found);
    // Nothing answered: both problems are said at once, each beside its own field.
    await page.getByRole('button', { name: 'Remove the file for good' }).click();
    await expect(page.getByRole('alert')).toContainText('Say why you are removing');
    await expect(page.getByRole('alert')).toContainText('Tick the box');
    const purgeReason = page.getByLabel('Reason for removing the file', { exact: true });
    await expect(purgeReason).toHaveAccessibleDescription(/Say why you are removing/);
    await expect(
      page.getByLabel('I understand the original file cannot be brought back'),
    ).toHaveAccessibleDescription(/Tick the box/);
    await audit(page, 'evidence, remove for good, both answers missing', found);
    await purgeReason.fill('Not evidence');
    await page.getByRole('button', { name: 'Remove the file for good' }).click();
    await expect(page.getByRole('alert')).toContainText('Tick the box');
    await expect(page.getByRole('alert')).not.toContainText('Say why');
    await page.getByLabel('I understand the original file cannot be brought back').check();
    await page.getByRole('button', { name: 'Remove the file for good' }).click();
    await expect(page.getByText('The original file has been removed for good.')).toBeVisible();

    await evidence.openExhibit('AB/1');
    await expect(page.getByRole('img', { name: 'Exhibit AB/1' })).toBeVisible();
    await audit(page, 'viewer', found);
    await evidence.closeViewer();

    await app.goTo('Items');
    await new Records(page).noteItem({
      what: 'Card left on the doorstep',
      received: '2026-03-01T08:00',
      where: 'Kitchen drawer',
      handedWhen: '2026-03-02T10:00',
      reference: 'CAD 1234',
    });
    await evidence.attach('Add photos of this item (Card left on the doorstep)', [PIXEL]);
    await expect(page.getByRole('button', { name: 'Open AB/3', exact: true })).toBeVisible();
    await audit(page, 'items with a photo', found);

    await app.goTo('Audit log');
    const log = new AuditLog(page);
    await expect(
      log.entries.filter({ hasText: 'added photo AB/3 (IMG_20180725_163423-tiny.jpg)' }),
    ).toHaveCount(1);
    await expect(
      log.entries.filter({
        hasText: 'removed the original file of AB/2 (letter.pdf) for good (reason: Not evidence)',
      }),
    ).toHaveCount(1);
    await expect(
      log.entries.filter({ hasText: 'deleted AB/2 (letter.pdf) (reason: Added by mistake)' }),
    ).toHaveCount(1);
    await audit(page, 'audit log', found);
    await log.expectIntact();
    await audit(page, 'audit log, verified', found);

    const failures = Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0));
    expect(failures).toEqual({});
    expect(Object.keys(found).length).toBe(10);
  });
}
