import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChild, runMain } from '../test/support/run-cli';
import { UNEXPECTED } from './failure';

const GOLDEN = new URL('../../../packages/vault/test/golden/vault-v1.casebook', import.meta.url)
  .pathname;
const env = { CASEBOOK_PASSPHRASE: 'golden vector passphrase v1' };
const STACK = /\n\s+at |node:internal/;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casebook-failures-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('nothing escapes a command as a crash', () => {
  it('an unexpected exception is one plain sentence and exit 2, the details only with CASEBOOK_DEBUG=1', async () => {
    // A folder that does not exist: opening the new file throws ENOENT inside demo.
    const path = join(dir, 'no-such-folder', 'x.casebook');
    process.env.CASEBOOK_PASSPHRASE = 'a demo passphrase';
    try {
      const plain = await runMain('demo', path);
      expect(plain).toMatchObject({ code: 2, out: '', err: UNEXPECTED });
      process.env.CASEBOOK_DEBUG = '1';
      const debug = await runMain('demo', path);
      expect(debug.code).toBe(2);
      expect(debug.err.startsWith(`${UNEXPECTED}\n`)).toBe(true);
      expect(debug.err).toMatch(/ENOENT/);
    } finally {
      delete process.env.CASEBOOK_PASSPHRASE;
      delete process.env.CASEBOOK_DEBUG;
    }
  });

  it('the real command says the same in a child process, without a stack trace', async () => {
    const result = await runChild(['demo', join(dir, 'no-such-folder', 'x.casebook')], {
      env: { CASEBOOK_PASSPHRASE: 'a demo passphrase' },
      timeoutMs: 30_000,
    });
    expect(result.code).toBe(2);
    expect(result.err.trim()).toBe(UNEXPECTED);
  });
});

describe('a closed pipe (casebook … | head -1)', () => {
  for (const argv of [['help'], ['verify', GOLDEN], ['info', GOLDEN]]) {
    it(`casebook ${argv[0]}: stops writing quietly and ends with its own exit code`, async () => {
      // The reading end is closed before the command writes, so its first write meets EPIPE.
      const result = await runChild(argv, { env, timeoutMs: 30_000, closeStdoutAfter: 0 });
      expect(result.err).not.toMatch(STACK);
      expect(result.err).toBe('');
      expect(result.signal).toBeNull();
      expect(result.code).toBe(0);
    });
  }

  it('a pipe closed after the first line, as head -1 does', async () => {
    const result = await runChild(['verify', GOLDEN], {
      env,
      timeoutMs: 30_000,
      closeStdoutAfter: 1,
    });
    expect(result.out).toMatch(/^Casebook /);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
  });
});
