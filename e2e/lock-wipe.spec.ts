import type { Page } from '@playwright/test';
import { CasebookApp } from './pages/casebook-app';
import { exitToRecipes } from './support/exit-to-recipes';
import { expect, test } from './support/fixtures';

const NEUTRAL = /\/recipes\.html$/;

/**
 * Watches the vault worker from outside the app (an init script, nothing in the build): each
 * message posted to it, each answer to a `lock` and each `terminate`, reported to the test
 * through a binding as it happens (so nothing is lost when the page leaves).
 */
async function watchVaultWorker(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeBinding('__vaultWatch', (_source, line: string) => {
    seen.push(line);
  });
  await page.addInitScript(() => {
    const report = (window as unknown as { __vaultWatch(line: string): void }).__vaultWatch;
    const Native = window.Worker;
    window.Worker = class extends Native {
      #lockIds = new Set<number>();
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        if (options?.name !== 'vault') return;
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
  await expect.poll(() => seen.includes('terminate')).toBe(true);
  // The diary may still be reading in the background when Lock is pressed (its own posts come
  // first); from the lock message on, nothing else is posted before the worker is ended.
  const from = seen.indexOf('post lock');
  expect(from, seen.join('\n')).toBeGreaterThanOrEqual(0);
  const [post, answer, end, ...rest] = seen.slice(from);
  expect(post).toBe('post lock');
  // The heap was found and zeroed (its size, tens of MiB), and only then was the worker ended.
  expect(answer).toMatch(
    /^lock answered true \{"wipedBytes":\d{7,}(,"seen":"[A-Za-z0-9+/=]+")?\}$/,
  );
  expect(end).toBe('terminate');
  expect(rest).toEqual([]);
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
  expect(seen).toContain('post lock');
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Unlock', exact: true })).toBeVisible();
});
