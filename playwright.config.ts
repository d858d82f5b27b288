import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E_BASE_URL, E2E_PORT } from './e2e/support/browser';

/**
 * Browser tests drive the built app in Debian's Chromium (never a downloaded browser).
 * The server is the same one `npm start` runs, on a port of its own.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  // Two cores, and Argon2id takes one for a second each unlock: run specs one at a time.
  workers: 1,
  fullyParallel: false,
  // One retry in CI only: the CI machine is shared and noisy, and a spec that passes on its retry
  // is still listed as "flaky" in the output, so it is seen and mended, not hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: E2E_BASE_URL,
    viewport: { width: 390, height: 844 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    acceptDownloads: true,
    actionTimeout: 15_000,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `npm run build -w @casebook/web && node apps/web/server/serve.mjs`,
    url: E2E_BASE_URL,
    env: { PORT: String(E2E_PORT), HOST: 'localhost' },
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
