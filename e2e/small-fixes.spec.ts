import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { Records } from './pages/records';
import { expect, test } from './support/fixtures';
import { logIncident } from './support/log-incidents';

test.use({ timezoneId: 'Europe/London' });

test('text too long names the field, counts, says what to do; nothing is lost', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.newIncident.click();
  const form = new IncidentForm(page);
  await form.field('What happened').fill('He left a long note on the car');
  const location = form.field('Location');
  await location.fill('x'.repeat(1205));
  await expect(page.getByText('1,205 of 1,000 characters')).toBeVisible();
  await form.save();
  await expect(location).toHaveAttribute('aria-invalid', 'true');
  await expect(location).toHaveAccessibleDescription(
    /Location is too long: 1,205 of 1,000 characters\. Shorten it by 205, or put the rest in "What happened"\./,
  );
  await expect(page.getByRole('alert')).toContainText('One field needs a change');
  await expect(page.getByText(/could not be read|try again/)).toHaveCount(0);
  // Shortened, it saves.
  await location.fill('On the car park wall');
  await form.save();
  await expect(page.getByText('Incident saved.')).toBeVisible();
});

test('calls never read "Answered: Missed" and an unchosen answer is not saved as missed', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  const records = new Records(page);
  await app.open();
  await app.create();
  await app.goTo('Calls');
  await page.getByLabel('Number withheld', { exact: true }).check();
  await page.getByRole('button', { name: 'Save call' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose whether you answered the call');
  const list = page.getByRole('list', { name: 'Calls logged' });
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await page
    .getByRole('group', { name: 'Did you answer?' })
    .getByLabel('Missed (not answered)', { exact: true })
    .check();
  await records.field('What was said').fill('Nothing, then the line went dead');
  await page.getByRole('button', { name: 'Save call' }).click();
  const call = list.getByRole('listitem').first();
  await expect(call).toContainText('No, missed');
  await expect(call).not.toContainText('Answered');
});

test('an empty Save person adds nobody; Help gives its web addresses as links', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.goTo('People');
  await page.getByRole('button', { name: 'Add a person' }).click();
  await page.getByRole('button', { name: 'Save person' }).click();
  await expect(page.getByRole('alert')).toContainText('Nothing has been written about this person');
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await expect(page.getByText('Unknown person responsible')).toHaveCount(0);

  await app.goTo('Help');
  const links = page.getByRole('link', { name: /opens in a new tab/ });
  await expect(links.first()).toBeVisible();
  expect(await links.count()).toBeGreaterThan(3);
  for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
    expect(href).toMatch(/^https:\/\//);
  }
  await expect(links.first()).toHaveAttribute('rel', 'noopener noreferrer');
});

test('the weekly chart stops at the last entry and quiet spells count the time since', async ({
  page,
}) => {
  await page.clock.install({ time: new Date('2026-06-01T12:00:00Z') });
  await page.clock.resume();
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await logIncident(page, { whatHappened: 'Outside my house', dateTime: '2026-03-02T08:00' });
  await logIncident(page, { whatHappened: 'Outside work', dateTime: '2026-03-05T18:00' });
  await app.goTo('Pattern');
  await expect(page.getByTestId('quiet-spells')).toContainText(
    /Nothing has been logged for 8\d days, since 5 March\. That is the longest quiet spell/,
  );
  await expect(
    page.getByText(/The chart ends at the week of 2 March, the last with an entry\./),
  ).toBeVisible();
  await expect(page.getByText(/Nothing was logged in the 1\d weeks since then/)).toBeVisible();
});
