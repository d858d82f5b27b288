import { randomBytes } from 'node:crypto';
import { CasebookApp } from './pages/casebook-app';
import { RiskChecklistPage, SafetyPlanPage } from './pages/insight';
import { expect, test } from './support/fixtures';
import { launchProfile, newProfileDir, removeProfileDir } from './support/persistent';
import { scanProfile } from './support/profile-scan';

// SECURITY.md test 1 for the risk checklist and the safety plan: a canary in every text they
// keep is found nowhere in the browser profile; a control string stored in the clear must be.
const CANARY = `Qz${randomBytes(12).toString('hex')}`;
const CONTROL = `Kx${randomBytes(12).toString('hex')}`;
const c = (field: string) => `${CANARY} ${field}`;

test('risk answers and the safety plan leave no plaintext in the browser profile', async () => {
  const dir = await newProfileDir('insight-canary');
  try {
    const { context, page, offHostRequests } = await launchProfile(dir);
    const app = new CasebookApp(page);
    await app.open();
    await app.create();

    await app.goTo('Risk checklist');
    const risk = new RiskChecklistPage(page);
    await risk.answer(/Do you feel very scared/, 'Yes');
    await page.getByLabel('Note on question 1 (optional)').fill(c('risk note'));
    // Chromium saves form state every few seconds: give it the chance to keep the note.
    await page.waitForTimeout(4000);
    await risk.save();

    await app.goTo('Safety plan');
    const plan = new SafetyPlanPage(page);
    await plan.item(/^Take a charged mobile phone/).check();
    const alarm = page.locator('li.plan-item').filter({ hasText: 'Carry a personal attack alarm' });
    await alarm.getByRole('button', { name: 'Add a note' }).click();
    await alarm.getByLabel('Your note').fill(c('plan note'));
    await plan.addTrustedPerson(c('trusted'), c('contact'));
    const places = page.getByRole('form', { name: 'Add safe place' });
    await places.getByLabel('Place', { exact: true }).fill(c('place'));
    await places.getByLabel('Address or directions', { exact: true }).fill(c('address'));
    const routine = page.getByRole('form', { name: 'Add routine change' });
    await routine.getByLabel('Change', { exact: true }).fill(c('routine'));
    await page.waitForTimeout(4000);
    await places.getByRole('button', { name: 'Add safe place' }).click();
    await routine.getByRole('button', { name: 'Add routine change' }).click();
    await alarm.getByLabel('Your note').blur();
    await plan.expectSaved();
    await expect(page.getByRole('list', { name: 'Routine changes' })).toContainText(c('routine'));
    await page.waitForTimeout(4000);

    await page.evaluate((control) => localStorage.setItem('control', control), CONTROL);
    await app.lock();
    await context.close();
    expect(offHostRequests).toEqual([]);

    const { hits } = await scanProfile(dir, [CANARY, CONTROL]);
    const found = (s: string) => hits.filter((h) => h.pattern.startsWith(s.slice(0, 12)));
    expect(found(CONTROL).length, 'the positive control must be found').toBeGreaterThan(0);
    expect(found(CANARY)).toEqual([]);
  } finally {
    await removeProfileDir(dir);
  }
});
