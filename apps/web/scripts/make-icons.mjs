// Renders the SVG icons in public/icons to the PNG sizes the manifests list, with the
// system Chromium (never a downloaded browser). Run: node apps/web/scripts/make-icons.mjs
import { readFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const dir = new URL('../public/icons/', import.meta.url);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
for (const name of ['casebook', 'notes']) {
  const svg = await readFile(new URL(`${name}.svg`, dir), 'utf8');
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    await page.screenshot({
      path: new URL(`${name}-${size}.png`, dir).pathname,
      omitBackground: true,
    });
    await page.close();
  }
}
await browser.close();
