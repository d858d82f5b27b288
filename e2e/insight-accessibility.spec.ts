import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { CasebookApp } from './pages/casebook-app';
import { RiskChecklistPage } from './pages/insight';
import { expect, test } from './support/fixtures';
import { logIncident } from './support/log-incidents';

/** Serious and critical axe-core violations on the current screen. */
async function audit(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const viewport of [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
]) {
  test(`Pattern, Risk checklist, Safety plan, Help and Is it stalking? pass axe (${viewport.name})`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    // The charts are SVG built as React elements: no style attribute, nothing the CSP blocks.
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const app = new CasebookApp(page);
    const found: Record<string, string[]> = {};
    await app.open();
    await app.create();
    await logIncident(page, {
      whatHappened: 'Followed me from the station',
      dateTime: '2026-03-02T18:10',
      placeType: 'Street or public place',
      behaviours: ['Following you'],
    });
    await logIncident(page, {
      whatHappened: 'Said he would hurt me if I told anyone',
      dateTime: '2026-03-10T21:00',
      behaviours: ['Threats of violence or harm to you', 'Damaging your property'],
    });

    await app.goTo('Pattern');
    for (const summary of ['Show the weeks as a table', 'Show the days and times as a table']) {
      await page.getByText(summary).click();
    }
    found.pattern = await audit(page);
    expect(await page.locator('[style], style, script:not([src])').count()).toBe(0);

    await page.getByRole('button', { name: 'Is it stalking?' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Is it stalking?' })).toBeVisible();
    found.stalking = await audit(page);

    await app.goTo('Risk checklist');
    const risk = new RiskChecklistPage(page);
    await risk.answer(/Do you feel very scared/, 'Yes');
    await expect(risk.guidance).toBeVisible();
    await risk.save();
    await risk.answer(/Do you feel very scared/, 'No');
    await risk.save();
    await page.getByRole('list', { name: 'Saved assessments' }).locator('summary').first().click();
    found.risk = await audit(page);

    await app.goTo('Safety plan');
    await page.getByRole('checkbox', { name: /^Take a charged mobile phone/ }).check();
    await page.getByRole('button', { name: 'Add a note' }).first().click();
    found['safety plan'] = await audit(page);

    await app.goTo('Help');
    found.help = await audit(page);

    // Positive control: an unlabelled field added on purpose must be caught.
    await page.evaluate(() =>
      document.querySelector('main')?.append(document.createElement('input')),
    );
    const control = await audit(page);
    expect(control.join(' ')).toContain('label');

    expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
    expect(violations).toEqual([]);
  });
}
