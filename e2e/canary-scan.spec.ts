import { randomBytes } from 'node:crypto';
import { CasebookApp, PASSPHRASE } from './pages/casebook-app';
import { type FullIncident, IncidentForm } from './pages/incident-form';
import { Records } from './pages/records';
import { Timeline } from './pages/timeline';
import { expect, test } from './support/fixtures';
import { launchProfile, newProfileDir, removeProfileDir } from './support/persistent';
import { scanProfile } from './support/profile-scan';

// SECURITY.md test 1: a random canary in every text field; afterwards the whole browser
// profile directory holds it nowhere, raw, as UTF-16LE or as base64. A control string
// written on purpose without encryption must be found, or the scan proves nothing.
const CANARY = `Qz${randomBytes(12).toString('hex')}`;
const CONTROL = `Kx${randomBytes(12).toString('hex')}`;
const c = (field: string) => `${CANARY} ${field}`;

const INCIDENT: FullIncident = {
  whatHappened: c('what happened'),
  dateTime: '2026-02-14T19:30',
  location: c('location'),
  ended: '2026-02-14T19:45',
  placeType: 'Street or public place',
  latitude: '51.5',
  longitude: '-0.12',
  behaviours: ['Following you'],
  channel: 'In person',
  newPersonName: c('person name'),
  looked: c('looked'),
  sounded: c('sounded'),
  wore: c('wore'),
  make: c('make'),
  model: c('model'),
  colour: c('colour'),
  plate: c('plate'),
  witnessName: c('witness'),
  witnessContact: c('witness contact'),
  policeContacted: 'Yes',
  policeMethod: '999 (emergency)',
  policeDid: c('police did'),
  policeReference: c('reference'),
  officer: c('officer'),
  impact: c('impact'),
  changes: c('changes'),
  impactOnOthers: c('others'),
};

test('no plaintext canary anywhere in the browser profile after saving', async ({
  offHostRequests,
}) => {
  const dir = await newProfileDir('canary');
  try {
    const { context, page, offHostRequests: blocked } = await launchProfile(dir);
    const app = new CasebookApp(page);
    const records = new Records(page);
    await app.open();
    // Typed with "Show what I type" on (a plain text field) and left long enough for a
    // session save: the passphrase must not be kept either.
    await page.getByLabel('Show what I type').check();
    await app.passphrase.fill(PASSPHRASE);
    await page.waitForTimeout(4000);
    const recoveryCode = await app.create();

    await app.newIncident.click();
    await new IncidentForm(page).fillAll(INCIDENT);
    // Chromium saves session-restore state (including form fields) every few seconds: give it
    // the chance to write the filled form, so a field that allows it would be caught.
    await page.waitForTimeout(4000);
    await new IncidentForm(page).save();
    await new Timeline(page).expectShown(INCIDENT.whatHappened);

    await app.goTo('People');
    await records.addPerson({
      name: c('name'),
      phone: c('phone'),
      email: c('email'),
      social: `Instagram: ${c('handle')}`,
      vehicleMake: c('vmake'),
      vehicleModel: c('vmodel'),
      vehicleColour: c('vcolour'),
      vehiclePlate: c('vplate'),
      description: c('description'),
      notes: c('notes'),
    });
    await app.goTo('Calls');
    await records.logCall({
      time: '2026-02-15T21:00',
      number: c('number'),
      minutes: '1',
      seconds: '5',
      said: c('said'),
    });
    await app.goTo('Items');
    await records.noteItem({
      what: c('item'),
      received: '2026-02-16T09:00',
      where: c('kept'),
      handedWhen: '2026-02-17T10:00',
      reference: c('item ref'),
    });
    // Search keeps its text in the page only; it must not be stored either.
    await app.goTo('Incidents');
    await page.getByLabel('Search', { exact: true }).fill(CANARY);
    await new Timeline(page).expectShown(INCIDENT.whatHappened);
    await page.waitForTimeout(4000);

    // The positive control: the same kind of string, stored on purpose without encryption
    // in the two places a careless app would put it.
    await page.evaluate(async (control) => {
      localStorage.setItem('control', control);
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('control-db', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('s');
        open.onsuccess = () => {
          const tx = open.result.transaction('s', 'readwrite', { durability: 'strict' });
          tx.objectStore('s').put({ text: control }, 'k');
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      });
    }, CONTROL);

    await app.lock();
    await context.close();
    expect(blocked).toEqual([]);

    const secrets = [CANARY, CONTROL, PASSPHRASE, recoveryCode];
    const { hits, files, bytes } = await scanProfile(dir, secrets);
    test
      .info()
      .annotations.push({ type: 'scanned', description: `${files} files, ${bytes} bytes` });
    const found = (s: string) => hits.filter((h) => h.pattern.startsWith(s.slice(0, 12)));

    expect(found(CONTROL).length, 'the positive control must be found').toBeGreaterThan(0);
    expect(found(CANARY)).toEqual([]);
    expect(found(PASSPHRASE)).toEqual([]);
    expect(found(recoveryCode)).toEqual([]);
  } finally {
    await removeProfileDir(dir);
  }
  expect(offHostRequests).toEqual([]);
});
