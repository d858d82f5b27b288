import { CasebookApp } from './pages/casebook-app';
import { type FullIncident, IncidentForm } from './pages/incident-form';
import { Timeline } from './pages/timeline';
import { expect, test } from './support/fixtures';

const FULL: FullIncident = {
  whatHappened: 'He was waiting by the gate when I left for work and followed me to the bus stop.',
  dateTime: '2026-03-03T08:05',
  location: 'Outside home, Elm Road',
  ended: '2026-03-03T08:25',
  placeType: 'Home',
  latitude: '51.4545',
  longitude: '-2.5879',
  behaviours: ['Following you', 'Waiting or loitering near your home'],
  channel: 'In person',
  newPersonName: 'Mark Example',
  looked: 'Tall, short grey hair, beard',
  sounded: 'Calm, quiet voice',
  wore: 'Dark green parka and jeans',
  make: 'Ford',
  model: 'Focus',
  colour: 'Silver',
  plate: 'AB12 CDE',
  witnessName: 'Priya next door',
  witnessContact: '07700 900123',
  policeContacted: 'Yes',
  policeMethod: '101 (non-emergency)',
  policeDid: 'Took a statement and gave advice',
  policeReference: 'REF-2026-0042',
  officer: 'PC 1234 Jones',
  impact: 'Shaken and late for work',
  changes: 'Now leaving by the back door',
  impactOnOthers: 'My son saw him from the window',
};

test('create, quick add, a full incident, lock, unlock: everything is there', async ({ page }) => {
  const app = new CasebookApp(page);
  const form = new IncidentForm(page);
  const timeline = new Timeline(page);

  await app.open();
  await app.create();

  // Quick add: only "What happened".
  await app.newIncident.click();
  await form.quickAdd('Three missed calls from a withheld number');
  await timeline.expectShown('Three missed calls from a withheld number');

  // A full incident with every field.
  await app.newIncident.click();
  await form.fillAll(FULL);
  await form.save();
  await timeline.expectShown(FULL.whatHappened);

  await app.lock();
  await expect(page.getByText(FULL.whatHappened)).toHaveCount(0);
  await app.unlock();

  await timeline.expectShown('Three missed calls from a withheld number');
  await timeline.expectShown(FULL.whatHappened);
  // Newest first: the quick one is "now", the full one is dated March 2026.
  const texts = await timeline.texts();
  expect(texts.indexOf('Three missed calls from a withheld number')).toBeLessThan(
    texts.indexOf(FULL.whatHappened),
  );

  await timeline.open(FULL.whatHappened);
  const details = page.locator('dl.details');
  for (const value of [
    FULL.whatHappened,
    'Tue, 3 Mar 2026, 08:05',
    'Tue, 3 Mar 2026, 08:25',
    FULL.location,
    'Home',
    '51.4545, -2.5879',
    'Following you; Waiting or loitering near your home',
    'In person',
    FULL.newPersonName,
    FULL.looked,
    FULL.sounded,
    FULL.wore,
    'Silver, Ford, Focus, plate AB12 CDE',
    `${FULL.witnessName} (${FULL.witnessContact})`,
    FULL.policeMethod,
    FULL.policeDid,
    FULL.policeReference,
    FULL.officer,
    FULL.impact,
    FULL.changes,
    FULL.impactOnOthers,
  ]) {
    await expect(details.getByText(value, { exact: true })).toBeVisible();
  }
  await expect(details.getByText('Time is approximate')).toBeVisible();
});
