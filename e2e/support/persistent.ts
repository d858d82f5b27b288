import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E_BASE_URL } from './browser';
import { guardNetwork } from './network-guard';

/** A browser with a real profile directory on disk, so a spec can look at what it wrote. */
export async function newProfileDir(tag: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `casebook-${tag}-`));
}

export async function removeProfileDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export async function launchProfile(
  dir: string,
): Promise<{ context: BrowserContext; page: Page; offHostRequests: string[] }> {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    baseURL: E2E_BASE_URL,
    viewport: { width: 390, height: 844 },
    acceptDownloads: true,
  });
  const offHostRequests = await guardNetwork(context);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, offHostRequests };
}
