/**
 * Review M1: the per-address hashes are dropped as soon as their minute is over, and the key
 * that makes them is never in the database beside them.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addressKeyFromFile, parseAddressKey } from '../src/auth/address-key';
import { tempDir } from './engines';
import { type Harness, startServer } from './harness';

const info = (server: Harness) => server.app.inject({ method: 'GET', url: '/v1/info' });
const buckets = async (server: Harness) =>
  server.meta.value.db.selectFrom('rate_counts').selectAll().execute();

describe('address hashes', () => {
  const open: Harness[] = [];
  afterAll(async () => {
    for (const server of open) await server.close();
  });

  it('a finished minute’s counts are dropped at the next request', async () => {
    let clock = Date.UTC(2026, 11, 2, 7, 0, 10);
    const server = await startServer('sqlite', 'fs', { now: () => clock });
    open.push(server);
    await info(server);
    expect((await buckets(server)).length).toBeGreaterThan(0);
    clock += 61_000;
    await info(server);
    const left = await buckets(server);
    expect(left.every((row) => row.window_start === clock - (clock % 60_000))).toBe(true);
  });

  it('on a quiet server they go within a sweep, with no request at all', async () => {
    let clock = Date.UTC(2026, 11, 2, 7, 0, 10);
    const server = await startServer('sqlite', 'fs', { now: () => clock, sweepEveryMs: 30 });
    open.push(server);
    await info(server);
    expect((await buckets(server)).length).toBeGreaterThan(0);
    clock += 61_000;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await buckets(server)).toEqual([]);
  });

  it('the key that hashes them is not in the database', async () => {
    const server = await startServer('sqlite', 'fs');
    open.push(server);
    await info(server);
    const secrets = await server.meta.value.db
      .selectFrom('server_secrets')
      .select('name')
      .execute();
    // Control: the countersigning key is there, so the table was read.
    expect(secrets.map((s) => s.name)).toContain('countersign-ed25519');
    expect(secrets.map((s) => s.name)).not.toContain('address-hmac');
  });

  it('is made once in a file only the server can read, and read back the same', async () => {
    const dir = await tempDir('address-key');
    try {
      const path = join(dir, 'data', 'address.key');
      const [one, two] = await Promise.all([addressKeyFromFile(path), addressKeyFromFile(path)]);
      expect(one.equals(two)).toBe(true);
      expect((await addressKeyFromFile(path)).equals(one)).toBe(true);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(parseAddressKey(await readFile(path, 'utf8')).equals(one)).toBe(true);
      expect(() => parseAddressKey('short')).toThrow(/32 random bytes/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('many processes starting at once agree on one key, and no temporary file is left', async () => {
    const dir = await tempDir('address-key');
    try {
      const path = join(dir, 'address.key');
      const keys = await Promise.all(Array.from({ length: 12 }, () => addressKeyFromFile(path)));
      for (const key of keys) expect(key.equals(keys[0] as Buffer)).toBe(true);
      expect(await readdir(dir)).toEqual(['address.key']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an empty key file is waited for briefly, then named in a plain error', async () => {
    const dir = await tempDir('address-key');
    try {
      const path = join(dir, 'address.key');
      // Filled a moment later (another process between its create and its write): read.
      await writeFile(path, '', { mode: 0o600 });
      const key = randomBytes(32).toString('base64url');
      const reading = addressKeyFromFile(path);
      await new Promise((resolve) => setTimeout(resolve, 120));
      await writeFile(path, `${key}\n`);
      expect((await reading).toString('base64url')).toBe(key);
      // Left empty (a crash): the error names the file and says what to do, not ADDRESS_KEY.
      await writeFile(path, '');
      const failed = await addressKeyFromFile(path).then(
        () => '',
        (error: Error) => error.message,
      );
      expect(failed).toContain(path);
      expect(failed).toMatch(/empty.*Delete it/);
      expect(failed).not.toContain('ADDRESS_KEY');
      // Garbage in the file is named as the file's, too.
      await writeFile(path, 'not a key\n');
      await expect(addressKeyFromFile(path)).rejects.toThrow(`the address-key file ${path}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
