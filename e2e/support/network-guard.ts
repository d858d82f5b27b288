import type { BrowserContext } from '@playwright/test';

const OWN_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Blocks and records every request to a host other than the app's own. A test using this
 * fails if the list is not empty at the end: Casebook must never talk to anyone else.
 */
export async function guardNetwork(context: BrowserContext): Promise<string[]> {
  const offenders: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !OWN_HOSTS.has(url.hostname)) {
      offenders.push(`${route.request().method()} ${url.origin}${url.pathname}`);
      await route.abort('blockedbyclient');
      return;
    }
    await route.continue();
  });
  context.on('request', (request) => {
    const url = new URL(request.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !OWN_HOSTS.has(url.hostname)) {
      const line = `${request.method()} ${url.origin}${url.pathname}`;
      if (!offenders.includes(line)) offenders.push(line);
    }
  });
  return offenders;
}
