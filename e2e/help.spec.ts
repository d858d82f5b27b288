import { readFile } from 'node:fs/promises';
import { CasebookApp } from './pages/casebook-app';
import { HelpPage } from './pages/insight';
import { expect, test } from './support/fixtures';

const DEFAULT_DIRECTORY = new URL(
  '../packages/core/src/guidance/help-directory.en-GB.json',
  import.meta.url,
);

test('help: 999 first, every number a tel: link, hours and anonymity stated; a deployed list replaces it', async ({
  page,
}) => {
  const app = new CasebookApp(page);
  const help = new HelpPage(page);
  await app.open();
  await app.create();
  await app.goTo('Help');

  expect(await help.telLinks()).toEqual([
    'tel:999',
    'tel:101',
    'tel:+44800555111',
    'tel:+448088020300',
  ]);
  await expect(help.list.getByRole('listitem').first()).toContainText('Call 999');
  await expect(help.entry('Police, ambulance or fire: emergency')).toContainText(
    'Any time, day or night',
  );
  const helpline = help.entry('National Stalking Helpline (Suzy Lamplugh Trust)');
  await expect(helpline.getByRole('link', { name: /^Call 0808 802 0300/ })).toHaveAttribute(
    'href',
    'tel:+448088020300',
  );
  await expect(helpline).toContainText('Not a crisis line');
  await expect(helpline).toContainText('Hours: Weekdays, daytime');
  await expect(help.entry('Crimestoppers')).toContainText(
    'Anonymous: you do not have to give your name',
  );
  await expect(help.entry('Police: non-emergency')).not.toContainText('Anonymous');
  // Web addresses are links the person can follow (issue 13), in a new tab with no referrer;
  // the app itself fetches nothing from them (the network guard fails the test otherwise).
  const online = help.entry('Police: report online').getByRole('link', { name: /police\.uk/ });
  await expect(online).toHaveAttribute('href', /^https:\/\/(www\.)?police\.uk/);
  await expect(online).toHaveAttribute('target', '_blank');
  await expect(online).toHaveAttribute('rel', 'noopener noreferrer');

  await page.getByRole('button', { name: 'Is it stalking?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Is it stalking?' })).toBeVisible();

  // A deploying organisation's own list, served same-origin, replaces the built-in one.
  const directory = JSON.parse(await readFile(DEFAULT_DIRECTORY, 'utf8'));
  directory.region = 'Exampleshire';
  directory.entries.push({
    id: 'exampleshire-victim-services',
    kind: 'local',
    organisation: 'Exampleshire Victim Services',
    whatTheyDo: 'Free support whether or not you have told the police.',
    phones: [{ dial: '+441632960000', display: '01632 960000' }],
    hours: 'Monday to Friday, 9am to 5pm',
    anonymous: false,
    crisis: false,
    region: 'Exampleshire',
    language: 'en-GB',
  });
  let served = JSON.stringify(directory);
  await page.route('**/help-directory.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: served }),
  );
  await page.reload();
  await app.unlock();
  await app.goTo('Help');
  await expect(help.entry('Exampleshire Victim Services')).toContainText(
    'Hours: Monday to Friday, 9am to 5pm',
  );
  expect(await help.telLinks()).toContain('tel:+441632960000');
  await expect(page.getByText('This list is for Exampleshire.')).toBeVisible();

  // A broken list is reported, naming the entry, and the national numbers stay.
  directory.entries.at(-1).phones[0].dial = 'call us';
  served = JSON.stringify(directory);
  await page.reload();
  await app.unlock();
  await app.goTo('Help');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('could not be read');
  await page.getByText('Details for the organisation').click();
  await expect(alert).toContainText('(Exampleshire Victim Services)');
  expect((await help.telLinks())[0]).toBe('tel:999');
  await expect(help.entry('Exampleshire Victim Services')).toHaveCount(0);
});
