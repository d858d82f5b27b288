import { readFile } from 'node:fs/promises';
import { CasebookApp } from './pages/casebook-app';
import { IncidentForm } from './pages/incident-form';
import { expect, test } from './support/fixtures';

/** The CSP as SECURITY.md states it, read from the document itself so the two cannot drift. */
async function securityMdCsp(): Promise<string | undefined> {
  const path = new URL('../../shared/SECURITY.md', import.meta.url);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  const match = text && /Content-Security-Policy: `([^`]+)`/s.exec(text);
  return match?.[1]?.replace(/\s+/g, ' ');
}

test('the server sends the strict CSP and safe headers on every response', async ({ request }) => {
  const expected = await securityMdCsp();
  const index = await request.get('/');
  expect(index.status()).toBe(200);
  const csp = index.headers()['content-security-policy'] ?? '';
  const directives = (policy: string) =>
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean);
  if (expected) {
    // Every directive of SECURITY.md, verbatim; the one addition allowed is the manifest,
    // which default-src 'none' would otherwise block (the app could not be installed).
    const extra = directives(csp).filter((d) => !directives(expected).includes(d));
    expect(directives(csp).slice(0, directives(expected).length)).toEqual(directives(expected));
    expect(extra.every((d) => d === "manifest-src 'self'")).toBe(true);
  }
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("connect-src 'self'");
  expect(index.headers()['x-content-type-options']).toBe('nosniff');
  expect(index.headers()['referrer-policy']).toBe('no-referrer');
  expect(index.headers()['content-type']).toMatch(/^text\/html/);

  for (const [path, type] of [
    ['/sw.js', /^text\/javascript/],
    ['/manifest.webmanifest', /^application\/manifest\+json/],
    ['/icons/casebook-192.png', /^image\/png$/],
  ] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toMatch(type);
    expect(response.headers()['content-security-policy'], path).toBe(csp);
  }
  expect((await request.get('/../package.json')).status()).toBeGreaterThanOrEqual(400);
  expect((await request.get('/no-such-file')).status()).toBe(404);
});

test('no CSP violation while creating, writing, locking and unlocking', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  // The vault worker runs under the same policy: watch it too.
  page.on('worker', (worker) => {
    worker.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(`worker: ${m.text()}`);
    });
    void worker
      .evaluate(() => {
        self.addEventListener('securitypolicyviolation', (e) => {
          console.error(
            `Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`,
          );
        });
      })
      .catch(() => {});
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const app = new CasebookApp(page);
  await app.open();
  expect(await page.locator('script:not([src])').count()).toBe(0);
  expect(await page.locator('style, [style]').count()).toBe(0);
  await app.create();
  await app.newIncident.click();
  await new IncidentForm(page).quickAdd('Checked under the strict policy');
  await app.lock();
  await app.unlock();
  await page.evaluate(async () => {
    // The manifest and the icons it names load under the policy too.
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    if (link) await fetch(link.href);
  });
  expect(violations).toEqual([]);
});
