/**
 * Sync between two browser profiles through a real sync server (issue 12's browser test): a
 * casebook made on one, sync turned on, the second linked with a linking code and the
 * passphrase; an incident added on either appears on both after "Sync now"; removing the
 * second device and unlinking the first stop them syncing. axe on every new screen, at phone
 * width.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { freePort } from '../apps/cli/src/testing/free-port';
import { CasebookApp, KDF_TIMEOUT, PASSPHRASE } from './pages/casebook-app';
import { Evidence } from './pages/evidence';
import { IncidentForm } from './pages/incident-form';
import { IncidentView } from './pages/incident-view';
import { Timeline } from './pages/timeline';
import { expectAxeClean, screens } from './support/axe-and-screens';
import { E2E_BASE_URL } from './support/browser';
import { expect, test } from './support/fixtures';
import { guardNetwork } from './support/network-guard';

const PHOTO = 'fixtures/images/img_1771.jpg';

let server: ChildProcess | undefined;
let dataDir: string | undefined;
let serverUrl = '';

test.beforeAll(async () => {
  const port = await freePort();
  dataDir = await mkdtemp(join(tmpdir(), 'casebook-e2e-sync-'));
  serverUrl = `http://localhost:${port}`;
  // One process (node with tsx's loader), so killing it stops the server: through npx, a kill
  // reaches npx and leaves the server running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      OPEN_ENROLMENT: '1',
      APP_ORIGINS: E2E_BASE_URL,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  server = child;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the sync server did not start')), 60_000);
    let said = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('Casebook server on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sync server stopped (${code}): ${said}`));
    });
  });
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const stopped = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await stopped;
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function openSync(app: CasebookApp): Promise<void> {
  await app.goTo('Settings');
  await app.page.getByRole('button', { name: 'Sync', exact: true }).click();
  await expect(app.page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
}

async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Synced / })).toBeVisible({
    timeout: 30_000,
  });
}

/** Edits an incident's "What happened" from the timeline; ends on the incident. */
async function editIncident(app: CasebookApp, shown: string, text: string): Promise<void> {
  await app.goTo('Incidents');
  await new Timeline(app.page).open(shown);
  await new IncidentView(app.page).edit();
  await new IncidentForm(app.page).field('What happened').fill(text);
  await new IncidentForm(app.page).save();
  await expect(app.page.getByRole('heading', { level: 1, name: 'Incident' })).toBeVisible();
}

async function addIncident(app: CasebookApp, text: string): Promise<void> {
  await app.newIncident.click();
  await new IncidentForm(app.page).quickAdd(text);
  await expect(app.page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
  await new Timeline(app.page).expectShown(text);
}

test('two devices sync through the server, and stop when removed or unlinked', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const phone = new CasebookApp(page);
  await phone.open();
  await phone.create();
  await addIncident(phone, 'Grey car parked outside the flat again');
  // A photo too: its encrypted parts go up before the entry that adds it.
  await phone.goTo('Evidence');
  await new Evidence(page).attach('Add evidence files', [PHOTO]);

  await openSync(phone);
  await expectAxeClean(page, 'Sync, off');
  await screens(page, 'sync-off');
  await page.getByLabel('Server address').fill(serverUrl);
  await page.getByRole('button', { name: 'Turn on sync' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Synced / })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText('This device, linked')).toBeVisible();
  // Only the vault worker may reach the server (its own CSP); the page itself still may not
  // (connect-src 'self'), though the worker just did.
  const fromPage = await page.evaluate(async (url) => {
    try {
      await fetch(`${url}/v1/info`);
      return 'reached';
    } catch {
      return 'blocked';
    }
  }, serverUrl);
  expect(fromPage).toBe('blocked');
  await phone.goTo('Audit log');
  await expect(
    page.getByText(/^History confirmed by the server up to \d+ \w+ \d{4} at/),
  ).toBeVisible();
  await expectAxeClean(page, 'Audit log, synced');
  await openSync(phone);

  await page.getByRole('button', { name: 'Link another device' }).click();
  const codeText = page.locator('.link-code');
  await expect(codeText).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){6}$/);
  await expect(page.getByText(/It works once, for 10 minutes/)).toBeVisible();
  const code = (await codeText.textContent())?.trim() ?? '';
  await expectAxeClean(page, 'Sync, on, with a linking code');
  await screens(page, 'sync-on');

  // The second device: another profile, at phone width, guarded as the first.
  const second = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const offenders = await guardNetwork(second);
  try {
    const laptopPage = await second.newPage();
    const laptop = new CasebookApp(laptopPage);
    await laptop.open();
    await laptopPage.getByRole('button', { name: 'Open a casebook from another device' }).click();
    await expect(
      laptopPage.getByRole('heading', { level: 1, name: 'Open a casebook from another device' }),
    ).toBeVisible();
    await expectAxeClean(laptopPage, 'Open a casebook from another device');
    await laptopPage.getByLabel('Server address').fill(serverUrl);
    await laptopPage.getByLabel('Linking code').fill(code.toLowerCase());
    // A wrong passphrase first: said calmly, and the code still works for the right one.
    await laptop.passphrase.fill('not the passphrase of this casebook');
    await laptopPage.getByRole('button', { name: 'Open casebook' }).click();
    await expect(laptopPage.getByText(/That passphrase does not open this casebook/)).toBeVisible({
      timeout: KDF_TIMEOUT,
    });
    await screens(laptopPage, 'link-device-wrong-passphrase');
    await laptop.passphrase.fill(PASSPHRASE);
    await laptopPage.getByRole('button', { name: 'Open casebook' }).click();
    await laptop.expectUnlocked();
    const laptopTimeline = new Timeline(laptopPage);
    await laptopTimeline.expectShown('Grey car parked outside the flat again');
    // The photo came whole: it opens and draws on the second device.
    await laptop.goTo('Evidence');
    const laptopEvidence = new Evidence(laptopPage);
    await laptopEvidence.openExhibit('AB/1');
    const photo = laptopPage.getByRole('img', { name: 'Exhibit AB/1' });
    await expect(photo).toBeVisible();
    await expect
      .poll(() => photo.evaluate((el: HTMLImageElement) => el.naturalWidth))
      .toBeGreaterThan(0);
    await laptopEvidence.closeViewer();

    // Written on the second, seen on the first after Sync now.
    await addIncident(laptop, 'Message from an unknown number at 23:10');
    await openSync(laptop);
    await syncNow(laptopPage);
    await openSync(phone);
    await syncNow(page);
    await phone.goTo('Incidents');
    await new Timeline(page).expectShown('Message from an unknown number at 23:10');

    // Written on the first, seen on the second: the first syncs on its own a few seconds after
    // the save (nobody presses Sync now there), so the second's Sync now finds it.
    await addIncident(phone, 'Followed from the bus stop to the shop');
    await expect(async () => {
      await syncNow(laptopPage);
      await expect(
        laptopPage.getByRole('status').filter({ hasText: /received [1-9]/ }),
      ).toBeVisible({
        timeout: 1000,
      });
    }).toPass({ timeout: 45_000, intervals: [2000] });
    await laptop.goTo('Incidents');
    await laptopTimeline.expectShown('Followed from the bus stop to the shop');

    // The same incident edited on both before either syncs: both kept, shown, and chosen.
    await editIncident(phone, 'Grey car parked outside', 'Grey car parked outside, engine running');
    await editIncident(
      laptop,
      'Grey car parked outside',
      'Grey car parked outside, driver took photos',
    );
    await openSync(phone);
    await syncNow(page);
    await openSync(laptop);
    await syncNow(laptopPage);
    const conflict = laptopPage.getByRole('region', { name: 'Edited on two devices' });
    await expect(conflict.getByRole('heading', { name: 'Edited on two devices' })).toBeVisible();
    await laptop.goTo('Incidents');
    await laptopTimeline.open('Grey car parked outside');
    await expect(conflict).toContainText('Grey car parked outside, engine running');
    await expect(conflict).toContainText('Grey car parked outside, driver took photos');
    await expectAxeClean(laptopPage, 'Incident, edited on two devices');
    await screens(laptopPage, 'conflict');
    await conflict.getByRole('button', { name: 'Keep the other device’s version' }).click();
    await expect(conflict).toHaveCount(0);
    await expect(new IncidentView(laptopPage).value('What happened')).toHaveText(
      'Grey car parked outside, engine running',
    );
    await openSync(laptop);
    await syncNow(laptopPage);
    await openSync(phone);
    await syncNow(page);
    await expect(page.getByRole('region', { name: 'Edited on two devices' })).toHaveCount(0);

    // Removing the second device from the first needs the passphrase.
    await openSync(phone);
    const other = page.getByRole('listitem').filter({ hasText: 'Another device' });
    await other.getByRole('button', { name: 'Remove' }).click();
    await other.getByLabel('Your passphrase').fill('a wrong passphrase');
    await other.getByRole('button', { name: 'Remove device' }).click();
    await expect(other.getByRole('alert')).toContainText('That is not the passphrase', {
      timeout: KDF_TIMEOUT,
    });
    await expectAxeClean(page, 'Sync, removing a device');
    await screens(page, 'sync-remove');
    await other.getByLabel('Your passphrase').fill(PASSPHRASE);
    await other.getByRole('button', { name: 'Remove device' }).click();
    await expect(page.getByText('That device was removed.')).toBeVisible({ timeout: KDF_TIMEOUT });
    await expect(page.getByRole('listitem').filter({ hasText: 'Another device' })).toHaveCount(0);

    // The removed device is told at its next sync and stops.
    await openSync(laptop);
    await laptopPage.getByRole('button', { name: 'Sync now' }).click();
    await expect(laptopPage.getByRole('button', { name: 'Turn on sync' })).toBeVisible({
      timeout: 30_000,
    });
    await laptop.goTo('Incidents');
    await laptopTimeline.expectShown('Followed from the bus stop to the shop');
    expect(offenders).toEqual([]);
  } finally {
    await second.close();
  }

  // Unlinking the first stops it at once.
  await openSync(phone);
  await page.getByRole('button', { name: 'Unlink this device' }).click();
  await expect(page.getByText('This device no longer syncs.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Turn on sync' })).toBeVisible();
});
