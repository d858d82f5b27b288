import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { Timeline } from './pages/timeline';
import { expect, test } from './support/fixtures';

test('the timeline filters by behaviour, person, channel, kind of place and dates, and searches text', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  const form = new IncidentForm(page);
  const timeline = new Timeline(page);
  await app.open();
  await app.create();

  const add = async (
    what: string,
    when: string,
    behaviour: string,
    channel: string,
    person?: string,
    place?: string,
  ) => {
    await app.newIncident.click();
    await form.field('What happened').fill(what);
    await form.field('Date and time').fill(when);
    await form.openDetails();
    await page.getByLabel(behaviour, { exact: true }).check();
    await form.field('How it happened').selectOption({ label: channel });
    if (place) await form.field('Kind of place').selectOption({ label: place });
    if (person) {
      const box = page.getByLabel(person, { exact: true });
      if (await box.count()) await box.check();
      else {
        await page.getByRole('button', { name: 'Add someone new' }).click();
        await form.field("New person's name").fill(person);
        await page.getByRole('button', { name: 'Add this person' }).click();
      }
    }
    await form.save();
    await timeline.expectShown(what);
  };
  await add(
    'Waiting at the gym car park',
    '2026-01-05T18:00',
    'Following you',
    'In person',
    'Alex',
    'Gym',
  );
  await add(
    'Forty texts overnight',
    '2026-01-20T02:00',
    'Unwanted text messages',
    'Text message',
    'Alex',
  );
  await add(
    'Flowers sent to the office',
    '2026-02-10T09:30',
    'Unwanted gifts or parcels',
    'Gift or parcel',
    undefined,
    'Work',
  );

  expect(await timeline.texts()).toEqual([
    'Flowers sent to the office',
    'Forty texts overnight',
    'Waiting at the gym car park',
  ]);

  await page.getByLabel('Search', { exact: true }).fill('texts');
  await expect.poll(() => timeline.texts()).toEqual(['Forty texts overnight']);
  await page.getByLabel('Search', { exact: true }).fill('');

  await page.getByText('Filter by behaviour, person, how or date').click();
  await page.getByLabel('Behaviour', { exact: true }).selectOption({ label: 'Following you' });
  await expect.poll(() => timeline.texts()).toEqual(['Waiting at the gym car park']);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  await page.getByLabel('Person', { exact: true }).selectOption({ label: 'Alex' });
  await expect
    .poll(() => timeline.texts())
    .toEqual(['Forty texts overnight', 'Waiting at the gym car park']);
  await page.getByLabel('How', { exact: true }).selectOption({ label: 'Text message' });
  await expect.poll(() => timeline.texts()).toEqual(['Forty texts overnight']);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // The kind of place; "Anywhere" again shows all three.
  await page.getByLabel('Kind of place', { exact: true }).selectOption({ label: 'Gym' });
  await expect.poll(() => timeline.texts()).toEqual(['Waiting at the gym car park']);
  await page.getByLabel('Kind of place', { exact: true }).selectOption({ label: 'Work' });
  await expect.poll(() => timeline.texts()).toEqual(['Flowers sent to the office']);
  await page.getByLabel('Kind of place', { exact: true }).selectOption({ label: 'Anywhere' });
  await expect.poll(() => timeline.texts()).toHaveLength(3);

  await page.getByLabel('From date', { exact: true }).fill('2026-01-10');
  await page.getByLabel('To date', { exact: true }).fill('2026-01-31');
  await expect.poll(() => timeline.texts()).toEqual(['Forty texts overnight']);
  await expect(page.getByText('1 of 3 incidents match.')).toBeVisible();
});
