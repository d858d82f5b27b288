import { CasebookApp } from './pages/casebook-app';
import { SafetyPlanPage } from './pages/insight';
import { expect, test } from './support/fixtures';

test('safety plan: a ticked item, a not-relevant one, a note and a trusted person survive lock and unlock', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  const plan = new SafetyPlanPage(page);
  await app.open();
  await app.create();
  await app.goTo('Safety plan');

  // Items are checkboxes; ticking one means "done".
  const phone = plan.item(/^Take a charged mobile phone with you/);
  await expect(phone).not.toBeChecked();
  await phone.check();
  await plan.expectSaved();
  await expect(page.getByText('1 of 45 done.')).toBeVisible();

  // "Not relevant" is separate from done, and clears it.
  const disconnect = 'If you are moving to a refuge or emergency housing';
  await plan.item(new RegExp(`^${disconnect}`)).check();
  await plan.notRelevant(disconnect).check();
  await expect(plan.item(new RegExp(`^${disconnect}`))).not.toBeChecked();
  await plan.expectSaved();

  // A note on an item.
  const alarm = page.locator('li.plan-item').filter({ hasText: 'Carry a personal attack alarm' });
  await alarm.getByRole('button', { name: 'Add a note' }).click();
  await alarm.getByLabel('Your note').fill('Ask victim services for one');
  await alarm.getByLabel('Your note').blur();
  await plan.expectSaved();

  await plan.addTrustedPerson('Priya (next door)', '07700 900123');
  await expect(plan.trustedPeople).toContainText('Priya (next door)');
  await expect(plan.trustedPeople).toContainText('How to reach them: 07700 900123');
  await plan.expectSaved();

  await app.lock();
  await expect(page.getByText('Priya (next door)')).toHaveCount(0);
  await app.unlock();
  await app.goTo('Safety plan');

  await expect(plan.item(/^Take a charged mobile phone with you/)).toBeChecked();
  await expect(plan.notRelevant(disconnect)).toBeChecked();
  await expect(plan.item(new RegExp(`^${disconnect}`))).not.toBeChecked();
  await expect(alarm.getByLabel('Your note')).toHaveValue('Ask victim services for one');
  await expect(plan.trustedPeople).toContainText('Priya (next door)');

  // Removing the person is saved too.
  await plan.trustedPeople.getByRole('button', { name: 'Remove Priya (next door)' }).click();
  await plan.expectSaved();
  await expect(page.getByText('No one added yet.')).toBeVisible();
});
