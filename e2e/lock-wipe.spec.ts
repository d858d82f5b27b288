import type { Page } from '@playwright/test';
import { CasebookApp } from './pages/casebook-app';
import { exitToRecipes } from './support/exit-to-recipes';
import { expect, test } from './support/fixtures';

const NEUTRAL = /\/recipes\.html$/;

/**
 * Watches the vault workers from outside the app (an init script, nothing in the build): each
 * message posted to one, each answer to a `lock` and each `terminate`, reported to the test
 * through a binding as it happens (so nothing is lost when the page leaves), each line
 * starting with the worker's number (1 for the first the page starts).
 */
async function watchVaultWorker(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeBinding('__vaultWatch', (_source, line: string) => {
    seen.push(line);
  });
  await page.addInitScript(() => {
    const reportLine = (window as unknown as { __vaultWatch(line: string): void }).__vaultWatch;
    const Native = window.Worker;
    let started = 0;
    window.Worker = class extends Native {
      #lockIds = new Set<number>();
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        if (options?.name !== 'vault') return;
        const n = ++started;
        const report = (line: string) => reportLine(`${n} ${line}`);
        this.addEventListener('message', (event: MessageEvent) => {
          const { id, ok, value } = event.data ?? {};
          if (this.#lockIds.has(id)) report(`lock answered ${ok} ${JSON.stringify(value)}`);
        });
        const post = this.postMessage.bind(this) as (m: unknown, t?: Transferable[]) => void;
        this.postMessage = (message: { id: number; method: string }, transfer?: unknown) => {
          if (message.method === 'lock') this.#lockIds.add(message.id);
          report(`post ${message.method}`);
          post(message, transfer as Transferable[]);
        };
        const end = this.terminate.bind(this);
        this.terminate = () => {
          report('terminate');
          end();
        };
      }
    };
  });
  return seen;
}

test('Lock has the worker zero its keys and libsodium heap before it is terminated', async ({
  page,
}) => {
  const seen = await watchVaultWorker(page);
  const app = new CasebookApp(page);
  await app.open();
  await app.create();
  seen.length = 0;
  await app.lock();
  await expect.poll(() => seen.some((line) => line.endsWith(' terminate'))).toBe(true);
  // The diary may still be reading in the background when Lock is pressed (its own posts come
  // first); from the lock message on, nothing else is posted to that worker before it is ended.
  const from = seen.findIndex((line) => line.endsWith(' post lock'));
  expect(from, seen.join('\n')).toBeGreaterThanOrEqual(0);
  const locked = seen[from]?.split(' ')[0];
  const [post, answer, end, ...rest] = seen
    .slice(from)
    .filter((line) => line.startsWith(`${locked} `))
    .map((line) => line.slice(`${locked} `.length));
  expect(post).toBe('post lock');
  // The heap was found and zeroed (its size, tens of MiB), and only then was the worker ended.
  expect(answer).toMatch(
    /^lock answered true \{"wipedBytes":\d{7,}(,"seen":"[A-Za-z0-9+/=]+")?\}$/,
  );
  expect(end).toBe('terminate');
  expect(rest).toEqual([]);
  // A fresh worker is started only once the locked one is gone: it readies the unlock screen.
  const fresh = (line: string, i: number) => i > from && !line.startsWith(`${locked} `);
  await expect.poll(() => seen.findIndex(fresh)).toBeGreaterThan(0);
  const first = seen.findIndex(fresh);
  expect(first, seen.join('\n')).toBeGreaterThan(seen.indexOf(`${locked} terminate`));
  expect(seen[first]).toMatch(/^\d+ post status$/);
  // A new worker serves the unlock screen: the casebook still opens.
  await app.unlock();
});

test('Quick exit posts the lock message before leaving, and leaves at once', async ({ page }) => {
  const seen = await watchVaultWorker(page);
  const app = new CasebookApp(page);
  await app.open();
  await exitToRecipes(page);
  await app.create();
  seen.length = 0;
  await app.quickExit.click();
  await expect(page).toHaveURL(NEUTRAL);
  // Background reads of the diary may be posted before it; the lock message must be among them.
  expect(seen.some((line) => line.endsWith(' post lock'))).toBe(true);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible();
});
