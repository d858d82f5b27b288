import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { Backup } from './pages/backup';
import { CasebookApp, PASSPHRASE } from './pages/casebook-app';
import { PatternPage } from './pages/insight';
import { Timeline } from './pages/timeline';
import { expectAxeClean } from './support/axe-and-screens';
import { expect, test } from './support/fixtures';
import { storedMetaKeys } from './support/idb-probe';

// Issue 14: after unlock the newest incidents are drawn first and the older ones stream in
// behind them; once all are in, counts, filters, search and Pattern answer for all of them.
const COUNT = 3000;
const run = promisify(execFile);

interface ExportedIncident {
  whatHappened: string;
  when: { utc: string };
  behaviours: { id: string; label: string }[];
}

test('unlock draws the newest incident before the older ones are in, and every count is whole once they are', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const file = test.info().outputPath('many.casebook');
  const json = test.info().outputPath('many.json');
  const cli = new URL('../apps/cli/bin/casebook.mjs', import.meta.url).pathname;
  const env = { ...process.env, CASEBOOK_PASSPHRASE: PASSPHRASE };
  await run(process.execPath, [cli, 'demo', file, '--incidents', String(COUNT), '--weeks', '26'], {
    env,
  });
  // The known demo data, read by the CLI: what the app must agree with.
  await run(process.execPath, [cli, 'export', file, '--json', json], { env });
  const exported = JSON.parse(await readFile(json, 'utf8')) as { incidents: ExportedIncident[] };
  const incidents = exported.incidents;
  expect(incidents).toHaveLength(COUNT);
  const newest = [...incidents].sort((a, b) => Date.parse(b.when.utc) - Date.parse(a.when.utc))[0];
  const turnedUp = incidents.filter((i) =>
    i.behaviours.some((b) => b.id === 'turning-up-unannounced'),
  );
  expect(turnedUp.length).toBeGreaterThan(0);
  expect(turnedUp.length).toBeLessThan(COUNT);

  const app = new CasebookApp(page);
  await app.open();
  await new Backup(page).restore(file, PASSPHRASE);
  await app.expectUnlocked();
  const all = `${COUNT.toLocaleString('en-GB')} incidents, newest first.`;
  await expect(page.getByText(all)).toBeVisible({ timeout: 60_000 });
  // Once every incident is in, the worker keeps a sort hint (sealed) so the next unlock can
  // decrypt the first screen alone; the unlock below goes through it.
  await expect
    .poll(() => storedMetaKeys(page), { timeout: 30_000 })
    .toContain('sort-hint:incident');
  await app.lock();

  // Watch the page from the Unlock press: what the status said when the first card appeared.
  await app.passphrase.fill(PASSPHRASE);
  const seen = page.evaluate(
    () =>
      new Promise<{ firstCard: string; statusThen: string; statuses: string[] }>((resolve) => {
        let firstCard: string | undefined;
        let statusThen = '';
        const statuses: string[] = [];
        const observer = new MutationObserver(() => {
          const status = document.querySelector('main p[role=status]')?.textContent ?? '';
          if (status && statuses.at(-1) !== status) statuses.push(status);
          const card = document.querySelector('.card-text');
          if (firstCard === undefined && card) {
            firstCard = card.textContent ?? '';
            statusThen = status;
          }
          if (/incidents, newest first\./.test(status)) {
            observer.disconnect();
            resolve({ firstCard: firstCard ?? '', statusThen, statuses });
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      }),
  );
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  const { firstCard, statusThen, statuses } = await seen;
  expect(firstCard).toBe(newest?.whatHappened);
  // The first card was on screen while the older ones were still loading, and the page said so.
  expect(statusThen).toMatch(/^Loading older incidents… the newest [\d,]+ are shown\.$/);
  expect(statuses.at(-1)).toBe(all);
  // Never a partial count given as if it were the whole casebook.
  for (const s of statuses)
    expect(
      s === all || s === 'Opening your records…' || s.startsWith('Loading older incidents…'),
    ).toBe(true);

  // Whole answers once loaded: a behaviour filter counts what the demo data holds…
  const timeline = new Timeline(page);
  await page.getByText('Filter by behaviour, person, how or date').click();
  await page.getByLabel('Behaviour', { exact: true }).selectOption({
    label: turnedUp[0]?.behaviours.find((b) => b.id === 'turning-up-unannounced')?.label ?? '',
  });
  await expect(
    page.getByText(
      `${turnedUp.length.toLocaleString('en-GB')} of ${COUNT.toLocaleString('en-GB')} incidents match.`,
    ),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  // …search finds the newest one by its words, and nothing for words that are not there.
  await page.getByLabel('Search', { exact: true }).fill('zzzz-nothing');
  await expect(
    page.getByText(`0 of ${COUNT.toLocaleString('en-GB')} incidents match.`),
  ).toBeVisible();
  await page.getByLabel('Search', { exact: true }).fill(newest?.whatHappened ?? '');
  await expect(
    page.getByText(new RegExp(`^[\\d,]+ of ${COUNT.toLocaleString('en-GB')} incidents match\\.$`)),
  ).toBeVisible();
  expect((await timeline.texts())[0]).toBe(newest?.whatHappened);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // …and Pattern, worked out in the vault worker, counts every incident.
  await app.goTo('Pattern');
  const pattern = new PatternPage(page);
  await expect(pattern.summary).toContainText(`${COUNT} incidents`);
  await expectAxeClean(page, 'Pattern after unlock with many incidents');
});
