import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { IncidentView } from './pages/incident-view';
import { Timeline } from './pages/timeline';
import { expect, test } from './support/fixtures';
import { launchKillable } from './support/killable-browser';
import { newProfileDir, removeProfileDir } from './support/persistent';

// SECURITY.md test 5: kill the browser during a save; after restart the casebook opens and
// every record is either whole or absent, never half-written, and verification passes.
const DELAYS_MS = [0, 3, 10, 25, 60];

test('killing the browser mid-save leaves every record whole or absent', async ({ baseURL }) => {
  test.setTimeout(240_000);
  const dir = await newProfileDir('crash');
  const url = baseURL ?? 'http://localhost:8181';
  const attempted: string[] = [];
  try {
    let run = await launchKillable(dir, url);
    let app = new CasebookApp(run.page);
    await app.create();
    await app.newIncident.click();
    await new IncidentForm(run.page).quickAdd('Baseline incident saved before any crash');

    for (const [round, delay] of DELAYS_MS.entries()) {
      const text = `Round ${round}: written as the power went (${delay} ms)`;
      attempted.push(text);
      const form = new IncidentForm(run.page);
      if (round % 2 === 0) {
        await app.newIncident.click();
        await form.field('What happened').fill(text);
      } else {
        // An edit: a new revision of the baseline incident.
        await new Timeline(run.page).open('Baseline incident');
        await new IncidentView(run.page).edit();
        await form.field('What happened').fill(`Baseline incident saved before any crash. ${text}`);
      }
      await form.save();
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      await run.kill();
      expect(run.offHostRequests).toEqual([]);

      run = await launchKillable(dir, url);
      app = new CasebookApp(run.page);
      await app.unlock();
      const timeline = new Timeline(run.page);
      // Nothing unreadable, and the baseline (in some version) is always there.
      await expect(run.page.getByText('Incident that could not be read')).toHaveCount(0);
      await timeline.expectShown('Baseline incident saved before any crash');
      // Every attempted text is either shown whole or not at all.
      const shown = (await timeline.texts()).join('\n');
      for (const t of attempted) {
        const count = shown.split(t).length - 1;
        expect(count === 0 || count === 1, `"${t}" whole or absent`).toBe(true);
      }
    }

    // The audit log and every record still verify.
    await app.goTo('Backup');
    await run.page.getByRole('button', { name: 'Check now' }).click();
    await expect(
      run.page.getByText('Everything checked: nothing is missing or altered.'),
    ).toBeVisible({
      timeout: 30_000,
    });
    await run.kill();
  } finally {
    await removeProfileDir(dir);
  }
});
