import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { exitToRecipes } from './support/exit-to-recipes';
import { expect, test } from './support/fixtures';

const NEUTRAL = /\/recipes\.html$/;
const WEATHER = 'https://www.bbc.co.uk/weather';

/**
 * The network guard blocks the exit navigation (tests talk to nobody) and lists it: the one
 * request off this host is that navigation, the person's own choice. It is taken off the list
 * (every copy); anything else on it still fails the test.
 */
function allowOnly(offenders: string[], exit: string): void {
  for (let i = offenders.indexOf(exit); i >= 0; i = offenders.indexOf(exit)) offenders.splice(i, 1);
}

test.describe('quick exit', () => {
  test('the button locks, leaves for the neutral page and Back does not return', async ({
    page,
  }) => {
    const app = new CasebookApp(page);
    await page.goto('/recipes.html'); // something before the app in this tab's history
    await app.open();
    await exitToRecipes(page);
    await app.create();
    await app.newIncident.click();
    await new IncidentForm(page).quickAdd('He rang my mother pretending to be a friend');

    await app.quickExit.click();
    await expect(page).toHaveURL(NEUTRAL);
    await expect(page).toHaveTitle('Easy lentil soup');
    // The app's entry was replaced, so Back goes to what came before it, not to the diary.
    await page.goBack();
    await expect(page.getByText('He rang my mother')).toHaveCount(0);
    // Coming back to the app finds it locked.
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible();
    await expect(page.getByText('He rang my mother')).toHaveCount(0);
  });

  test('pressing Shift three times exits from any screen, even mid-sentence', async ({ page }) => {
    const app = new CasebookApp(page);
    await app.open();
    await exitToRecipes(page);
    await app.create();
    await app.newIncident.click();
    const what = page.getByLabel('What happened', { exact: true });
    // Capital letters use Shift with another key: that must not count.
    await what.pressSequentially('He Said He Knew Where I Lived');
    await expect(page).not.toHaveURL(NEUTRAL);
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await expect(page).toHaveURL(NEUTRAL);
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible();
  });

  test('the button is there before unlocking too', async ({ page }) => {
    const app = new CasebookApp(page);
    await app.open();
    await exitToRecipes(page);
    await expect(app.quickExit).toBeVisible();
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await expect(page).toHaveURL(NEUTRAL);
  });

  test('by default it goes to an outside weather page, replacing the app in history', async ({
    page,
    offHostRequests,
  }) => {
    const app = new CasebookApp(page);
    await page.goto('/recipes.html');
    await app.open();
    await app.create();
    const before = await page.evaluate(() => history.length);
    const leaving = page.waitForRequest((r) => r.url() === WEATHER && r.isNavigationRequest());
    await app.quickExit.click();
    await leaving;
    await expect.poll(() => page.url()).not.toMatch(/localhost:\d+\/$/);
    expect(await page.evaluate(() => history.length)).toBe(before);
    await page.goBack();
    await expect(page).toHaveURL(NEUTRAL);
    expect(offHostRequests).toContain('GET https://www.bbc.co.uk/weather');
    allowOnly(offHostRequests, 'GET https://www.bbc.co.uk/weather');
  });

  test('the person can choose the outside page', async ({ page, offHostRequests }) => {
    const app = new CasebookApp(page);
    await app.open();
    await app.create();
    await app.goTo('Settings');
    await page
      .getByRole('group', { name: 'Where Quick exit goes' })
      .getByLabel('A page I choose', { exact: true })
      .check();
    await page.getByLabel('Address of the page', { exact: true }).fill('javascript:alert(1)');
    await expect(page.getByText('This does not look like a web address.')).toBeVisible();
    await page.getByLabel('Address of the page', { exact: true }).fill('www.example.org/news');
    const leaving = page.waitForRequest(
      (r) => r.isNavigationRequest() && !r.url().includes('localhost'),
    );
    await app.quickExit.click();
    expect((await leaving).url()).toBe('https://www.example.org/news');
    await expect.poll(() => page.url()).not.toMatch(/localhost/);
    allowOnly(offHostRequests, 'GET https://www.example.org/news');
  });
});
