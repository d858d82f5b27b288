import { createServer } from 'node:net';

/**
 * A port free on 127.0.0.1 now, for a test's own server process. A fixed port collides when two
 * suites run on one machine at once (two checkouts, or a checkout beside a CI clone).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}
