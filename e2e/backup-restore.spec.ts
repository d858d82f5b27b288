import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { Backup } from './pages/backup';
import { CasebookApp, PASSPHRASE } from './pages/casebook-app';
import { AuditLog, Evidence, sha256Of } from './pages/evidence';
import { IncidentForm } from './pages/incident-form';
import { Records } from './pages/records';
import { Timeline } from './pages/timeline';
import { expect, test } from './support/fixtures';
import { guardNetwork } from './support/network-guard';

/** What a person sees of their whole casebook, screen by screen. */
async function snapshot(page: Page): Promise<Record<string, string>> {
  const app = new CasebookApp(page);
  const out: Record<string, string> = {};
  for (const section of ['Incidents', 'People', 'Calls', 'Items'] as const) {
    await app.goTo(section);
    out[section] = await page.locator('main').innerText();
  }
  await app.goTo('Incidents');
  const timeline = new Timeline(page);
  for (const text of await timeline.texts()) {
    await timeline.open(text);
    out[`incident: ${text}`] = await page.locator('dl.details').innerText();
    await app.goTo('Incidents');
  }
  return out;
}

test('a backup restores exactly into a fresh browser; bad files and passphrases change nothing', async ({
  page,
  browser,
}) => {
  const app = new CasebookApp(page);
  const records = new Records(page);
  await app.open();
  await app.create();
  await app.newIncident.click();
  await new IncidentForm(page).quickAdd('Parcel left on the doorstep, no name');
  await app.newIncident.click();
  const form = new IncidentForm(page);
  await form.field('What happened').fill('Messages on Instagram from a new account');
  await form.field('Date and time').fill('2026-02-01T22:10');
  await form.field('Location').fill('Online');
  await form.openDetails();
  await page.getByLabel('Unwanted contact on social media', { exact: true }).check();
  await form.field('Impact of this incident on you').fill('Could not sleep');
  await form.save();
  await app.goTo('People');
  await records.addPerson({
    name: 'Sam Example',
    phone: '07700 900456',
    email: 'sam@example.invalid',
    social: 'Instagram: @sam.example',
    vehicleMake: 'Vauxhall',
    vehicleModel: 'Corsa',
    vehicleColour: 'Red',
    vehiclePlate: 'XY99 ZZZ',
    description: 'Medium build, glasses',
    notes: 'Moved nearby in January',
  });
  await app.goTo('Calls');
  await records.logCall({
    time: '2026-02-02T07:45',
    number: '07700 900456',
    minutes: '2',
    seconds: '10',
    said: 'Silence, then hung up',
  });
  await app.goTo('Items');
  await records.noteItem({
    what: 'Birthday card',
    received: '2026-02-03T10:00',
    where: 'Sealed bag in a drawer',
    handedWhen: '2026-02-04T15:00',
    reference: 'EX-1',
  });

  // A file of several 1 MiB chunks (the last one partial), with a canary inside it.
  const recording = {
    name: 'doorbell.mp4',
    mimeType: 'application/octet-stream',
    buffer: Buffer.concat([
      Buffer.from('casebook-evidence-canary'),
      randomBytes(3 * 1024 * 1024 + 4321),
    ]),
  };
  await app.goTo('Evidence');
  await new Evidence(page).attach('Add evidence files', [recording], 'SE');

  const before = await snapshot(page);
  await app.goTo('Backup');
  const file = test.info().outputPath('backup.casebook');
  await new Backup(page).download(file);
  const bytes = await readFile(file);
  // Ciphertext only: none of what was typed is in the file.
  for (const text of [
    'casebook-evidence-canary',
    'Parcel left on the doorstep',
    'Sam Example',
    'Birthday card',
    'Silence, then hung up',
  ]) {
    expect(bytes.includes(Buffer.from(text))).toBe(false);
  }
  expect(bytes.length).toBeGreaterThan(recording.buffer.length); // positive control: it is all there

  // The CLI reads and verifies the very file the web app wrote (chain, signatures, hashes).
  const cli = new URL('../apps/cli/bin/casebook.mjs', import.meta.url).pathname;
  const verified = await promisify(execFile)(process.execPath, [cli, 'verify', file], {
    env: { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE },
  });
  expect(verified.stdout).toContain('No problems found.');

  // A fresh browser profile.
  const fresh = await browser.newContext({
    viewport: { width: 390, height: 844 },
    baseURL: page.url(),
  });
  const blocked = await guardNetwork(fresh);
  const other = await fresh.newPage();
  const restore = new Backup(other);
  await other.goto('/');
  await expect(other.getByRole('button', { name: 'Create casebook' })).toBeVisible();

  // A damaged file (cut short) is refused with a clear message.
  await restore.restore(
    {
      name: 'damaged.casebook',
      mimeType: 'application/octet-stream',
      buffer: bytes.subarray(0, Math.floor(bytes.length / 2)),
    },
    PASSPHRASE,
  );
  await restore.expectRefused(/incomplete|damaged|not a casebook|backup/i);
  // Something that is not a backup at all.
  await restore.restore(
    {
      name: 'photo.casebook',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('not a backup, just some text'),
    },
    PASSPHRASE,
  );
  await restore.expectRefused(/backup/i);
  // The right file with the wrong passphrase.
  await restore.restore(file, 'the wrong words entirely');
  await restore.expectRefused(/passphrase/i);
  // Nothing was changed: this browser still has no casebook.
  await other.reload();
  await expect(other.getByRole('button', { name: 'Create casebook' })).toBeVisible();

  await restore.restore(file, PASSPHRASE);
  const restored = new CasebookApp(other);
  await restored.expectUnlocked();
  const after = await snapshot(other);
  expect(after).toEqual(before);
  // The evidence came back byte for byte, and the whole casebook verifies.
  await restored.goTo('Evidence');
  const evidence = new Evidence(other);
  await expect(evidence.value(evidence.card('SE/1'), 'SHA-256')).toHaveText(
    await sha256Of(recording),
  );
  await restored.goTo('Audit log');
  await new AuditLog(other).expectIntact();

  // And it unlocks again with the same passphrase.
  await restored.lock();
  await restored.unlock();
  await new Timeline(other).expectShown('Parcel left on the doorstep, no name');
  expect(blocked).toEqual([]);
  await fresh.close();
});
