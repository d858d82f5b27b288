import { type ChildProcess, spawn } from 'node:child_process';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser';
import { guardNetwork } from './network-guard';

export interface KillableBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  offHostRequests: string[];
  /** The browser's own process id (its renderers and workers are its descendants). */
  pid: number | undefined;
  /** SIGKILL to the browser's own process group: no clean shutdown, no flush. */
  kill(): Promise<void>;
}

function devtoolsUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${seen}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}): ${seen}`));
    });
  });
}

/**
 * Starts Debian's Chromium ourselves (so we hold its process id) on a profile directory and
 * connects Playwright over CDP. `kill()` ends exactly that process group, like a crash or a
 * battery pulled out.
 */
export async function launchKillable(
  profileDir: string,
  baseURL: string,
): Promise<KillableBrowser> {
  const child = spawn(
    CHROMIUM_PATH,
    [...CHROMIUM_ARGS, `--user-data-dir=${profileDir}`, '--remote-debugging-port=0', 'about:blank'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const browser = await chromium.connectOverCDP(await devtoolsUrl(child));
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const offHostRequests = await guardNetwork(context);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(baseURL);
  return {
    browser,
    context,
    page,
    offHostRequests,
    pid: child.pid,
    async kill() {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
      await exited;
      await browser.close().catch(() => {});
    },
  };
}
