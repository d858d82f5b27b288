import { CasebookApp } from './pages/casebook-app';
import { Records } from './pages/records';
import { expect, test } from './support/fixtures';

test('people, calls and items: add, edit with history, delete with a reason', async ({ page }) => {
  const app = new CasebookApp(page);
  const records = new Records(page);
  await app.open();
  await app.create();

  // A person, then an edit that shows in their history.
  await app.goTo('People');
  await records.addPerson({
    name: 'Chris Example',
    phone: '07700 900321',
    email: 'chris@example.invalid',
    social: 'Facebook: chris.example',
    vehicleMake: 'Toyota',
    vehicleModel: 'Yaris',
    vehicleColour: 'White',
    vehiclePlate: 'CD34 EFG',
    description: 'Short, dark hair',
    notes: 'Works near my office',
  });
  const card = page.getByRole('listitem').filter({ hasText: 'Chris Example' });
  await expect(card).toContainText('White, Toyota, Yaris, plate CD34 EFG');
  await card.getByRole('button', { name: 'Edit Chris Example' }).click();
  await records.field('Description').fill('Short, dark hair, often wears a cap');
  await page.getByRole('button', { name: 'Save person' }).click();
  await page.getByRole('button', { name: 'History of Chris Example' }).click();
  await expect(page.getByRole('heading', { name: 'Version 2: edited' })).toBeVisible();
  await expect(page.locator('ins')).toContainText(['Short, dark hair, often wears a cap']);
  await page.getByRole('button', { name: 'Back', exact: true }).click();

  // A withheld call needs no number; a call with neither is refused with a reason.
  await app.goTo('Calls');
  await page.getByRole('button', { name: 'Save call' }).click();
  await expect(page.getByRole('alert')).toContainText('withheld');
  await page.getByLabel('Number withheld', { exact: true }).check();
  await page
    .getByRole('group', { name: 'Did you answer?' })
    .getByLabel('Missed (not answered)', { exact: true })
    .check();
  await records.field('What was said').fill('Nothing, just breathing');
  await records.field('Who it was, if you know').selectOption({ label: 'Chris Example' });
  await page.getByRole('button', { name: 'Save call' }).click();
  await expect(page.getByText('Call saved.')).toBeVisible();
  const call = page.getByRole('list', { name: 'Calls logged' }).getByRole('listitem').first();
  await expect(call).toContainText('Withheld');
  await expect(call).toContainText('No, missed');
  await expect(call).toContainText('Chris Example');
  await call.getByRole('button', { name: 'Edit call' }).click();
  await page
    .getByRole('group', { name: 'Did you answer?' })
    .getByLabel('Answered', { exact: true })
    .check();
  await page.getByRole('button', { name: 'Save call' }).click();
  await expect(page.getByText('Call updated.')).toBeVisible();
  await expect(call).toContainText('Yes, answered');

  // An item, then deleted with a reason: a tombstone stays.
  await app.goTo('Items');
  await records.noteItem({
    what: 'Single red rose in cellophane',
    received: '2026-02-14T07:30',
    where: 'Freezer bag in the garage',
    handedWhen: '2026-02-15T12:00',
    reference: 'EX-7',
  });
  const item = page.getByRole('list', { name: 'Items kept' }).getByRole('listitem').first();
  await expect(item).toContainText('Single red rose in cellophane');
  await item.getByRole('button', { name: 'Delete item' }).click();
  await page
    .getByLabel('Reason for deleting', { exact: true })
    .fill('Entered under the wrong date');
  await page.getByRole('button', { name: 'Delete item' }).click();
  await expect(page.getByText('Reason: Entered under the wrong date')).toBeVisible();

  // All of it is still so after locking.
  await app.lock();
  await app.unlock();
  await app.goTo('Items');
  await expect(page.getByText('Reason: Entered under the wrong date')).toBeVisible();
  await app.goTo('Calls');
  await expect(page.getByText('Nothing, just breathing')).toBeVisible();
  await app.goTo('People');
  await expect(page.getByText('Short, dark hair, often wears a cap')).toBeVisible();
});
