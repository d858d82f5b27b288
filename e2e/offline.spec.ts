import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { Timeline } from './pages/timeline';
import { expect, test } from './support/fixtures';

test('after the first visit the app opens and works offline', async ({ page, context }) => {
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  await app.newIncident.click();
  await new IncidentForm(page).quickAdd('Written while online');

  // The service worker has cached the app shell and controls the page.
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
  // It caches the app shell only: no record, no user text.
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
  });
  expect(cached).toContain('/');
  expect(
    cached.every(
      (u) => u === '/' || /^\/(assets|icons)\/|\.(html|css|webmanifest|txt|js)$/.test(u),
    ),
  ).toBe(true);

  // Chromium's own installability check (an incognito-like test profile is the one allowed excuse).
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual(
    [],
  );

  await context.setOffline(true);
  await page.reload();
  await app.unlock();
  await new Timeline(page).expectShown('Written while online');
  await app.newIncident.click();
  await new IncidentForm(page).quickAdd('Written while offline');
  await new Timeline(page).expectShown('Written while offline');

  await app.lock();
  await page.reload();
  await app.unlock();
  await new Timeline(page).expectShown('Written while offline');
  await context.setOffline(false);
});
