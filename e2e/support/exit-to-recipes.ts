import type { Page } from '@playwright/test';

/**
 * Quick exit goes to an outside page by default; journeys that follow it to the end use the
 * offline recipe page on this host instead (the network guard blocks every other host).
 */
export async function exitToRecipes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const prefs = JSON.parse(localStorage.getItem('prefs') ?? '{}');
    localStorage.setItem('prefs', JSON.stringify({ ...prefs, exitTo: 'recipes' }));
  });
  await page.reload();
}
