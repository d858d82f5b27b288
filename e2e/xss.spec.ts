import { CasebookApp } from './pages/casebook-app';
import { type FullIncident, IncidentForm } from './pages/incident-form';
import { Records } from './pages/records';
import { Timeline } from './pages/timeline';
import { expect, test } from './support/fixtures';

// SECURITY.md test 7: script, event-handler and SVG payloads in every text field render as
// text. Each payload would set a flag on window if it ever ran.
const PAYLOADS = [
  '<script>window.__xss = "script"</script>',
  '<img src=x onerror="window.__xss = \'img\'">',
  '<svg onload="window.__xss = \'svg\'"><circle r=1 /></svg>',
  '"><iframe srcdoc="<script>parent.__xss=1</script>">',
  'javascript:window.__xss="href"',
];
const P = (i: number) => PAYLOADS[i % PAYLOADS.length] ?? '';

const INCIDENT: FullIncident = {
  whatHappened: `${P(0)} ${P(1)}`,
  dateTime: '2026-01-10T12:00',
  location: P(2),
  ended: '2026-01-10T12:30',
  placeType: 'Online',
  latitude: '',
  longitude: '',
  behaviours: ['Something else'],
  channel: 'Social media',
  newPersonName: P(1),
  looked: P(3),
  sounded: P(4),
  wore: P(0),
  make: P(1),
  model: P(2),
  colour: P(3),
  plate: P(4),
  witnessName: P(2),
  witnessContact: P(3),
  policeContacted: 'No',
  policeMethod: 'Another way',
  policeDid: P(4),
  policeReference: P(0),
  officer: P(1),
  impact: P(2),
  changes: P(3),
  impactOnOthers: P(4),
};

test('script, event-handler and SVG payloads in every field stay inert text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const app = new CasebookApp(page);
  const records = new Records(page);
  await app.open();
  await app.create();

  await app.newIncident.click();
  await new IncidentForm(page).fillAll(INCIDENT);
  await new IncidentForm(page).save();
  await new Timeline(page).expectShown(INCIDENT.whatHappened);

  await app.goTo('People');
  await records.addPerson({
    name: P(0),
    phone: P(1),
    email: P(2),
    social: `Instagram: ${P(3)}`,
    vehicleMake: P(4),
    vehicleModel: P(0),
    vehicleColour: P(1),
    vehiclePlate: P(2),
    description: P(3),
    notes: P(4),
  });
  await expect(page.getByText(P(3)).first()).toBeVisible();
  await app.goTo('Calls');
  await records.logCall({
    time: '2026-01-11T08:00',
    number: P(1),
    minutes: '0',
    seconds: '30',
    said: P(2),
  });
  await app.goTo('Items');
  await records.noteItem({
    what: P(0),
    received: '2026-01-12T08:00',
    where: P(1),
    handedWhen: '',
    reference: P(2),
  });

  // Every screen that shows the text, including after a lock and unlock.
  await app.lock();
  await app.unlock();
  await new Timeline(page).open(INCIDENT.whatHappened);
  await expect(
    page.locator('dl.details').getByText(INCIDENT.location, { exact: true }).first(),
  ).toBeVisible();
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Version 1: created' })).toBeVisible();
  for (const section of ['People', 'Calls', 'Items', 'Incidents'] as const) await app.goTo(section);
  await page.getByLabel('Search', { exact: true }).fill('<script>');

  expect(
    await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
  ).toBeUndefined();
  expect(dialogs).toEqual([]);
  // None of the payloads became markup.
  await expect(page.locator('main script, main img, main svg, main iframe')).toHaveCount(0);
  await expect(page.locator('[onerror], [onload], [srcdoc]')).toHaveCount(0);
});
