import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { expect, test } from './support/fixtures';

const NEUTRAL = /\/recipes\.html$/;

test.describe('quick exit', () => {
  test('the button locks, leaves for the neutral page and Back does not return', async ({
    page,
  }) => {
    const app = new CasebookApp(page);
    await page.goto('/recipes.html'); // something before the app in this tab's history
    await app.open();
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
    await expect(app.quickExit).toBeVisible();
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await expect(page).toHaveURL(NEUTRAL);
  });
});
