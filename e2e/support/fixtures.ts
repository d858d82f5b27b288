import { test as base, expect } from '@playwright/test';
import { guardNetwork } from './network-guard';

/**
 * The test object every spec uses: each context is guarded so that any request to a host
 * other than localhost fails the test.
 */
export const test = base.extend<{ offHostRequests: string[] }>({
  offHostRequests: [
    async ({ context }, use) => {
      const offenders = await guardNetwork(context);
      await use(offenders);
      expect(offenders, 'requests to hosts other than the app').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
