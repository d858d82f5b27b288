/**
 * `casebook report` and `casebook export` on a demo casebook, checked with the real tools a
 * recipient would use (unzip, sha256sum, pdftotext) and with `casebook verify`; and the
 * refusals, each one plain sentence, exit 2, nothing written and no spool left behind.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChild, runMain } from '../../test/support/run-cli';

const PASS = 'a demo passphrase for tests';
const INCIDENTS = 12;

let dir = '';
let casebook = '';
let casebookSha = '';

const sha256Of = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

/** Every path under `root`, relative, sorted: to show that nothing was written. */
async function listing(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    out.push(relative(root, join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

/** A fresh directory for one run. */
async function workDir(name: string) {
  const here = join(dir, name);
  await rm(here, { recursive: true, force: true });
  await mkdir(here);
  return here;
}

const run = (command: string, args: string[], cwd: string) =>
  spawnSync(command, args, { cwd, encoding: 'utf8' });

beforeAll(async () => {
  process.env.CASEBOOK_PASSPHRASE = PASS;
  dir = await mkdtemp(join(tmpdir(), 'casebook-account-'));
  casebook = join(dir, 'x.casebook');
  const made = await runMain('demo', casebook, '--incidents', String(INCIDENTS), '--weeks', '3');
  expect(made.code, made.err).toBe(0);
  casebookSha = await sha256Of(casebook);
});

afterAll(async () => {
  delete process.env.CASEBOOK_PASSPHRASE;
  await rm(dir, { recursive: true, force: true });
});

describe('casebook export', () => {
  it('writes the bundle, the CSVs and the JSON; verify, unzip and sha256sum -c agree it is whole', async () => {
    const here = await workDir('export');
    const bundle = join(here, 'b.zip');
    const csv = join(here, 'csv');
    const json = join(here, 'a.json');
    const made = await runMain(
      'export',
      casebook,
      '--bundle',
      bundle,
      '--csv',
      csv,
      '--json',
      json,
    );
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toContain(`${INCIDENTS} incidents`);
    expect(made.out).toContain(`Wrote ${bundle} (evidence bundle:`);
    expect(await listing(here)).toEqual([
      'a.json',
      'b.zip',
      'csv',
      'csv/chronology.csv',
      'csv/exhibits.csv',
    ]);
    // The casebook is only read.
    expect(await sha256Of(casebook)).toBe(casebookSha);

    const chronology = await readFile(join(csv, 'chronology.csv'), 'utf8');
    expect(chronology.split('\r\n').filter((l) => l !== '').length).toBe(INCIDENTS + 1);
    const account = JSON.parse(await readFile(json, 'utf8'));
    expect(JSON.stringify(account)).toContain('INC-0001');

    // casebook verify, as a person runs it.
    const verified = await runChild(['verify', bundle], { timeoutMs: 30_000 });
    expect(verified.err).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^Bundle intact: /);
    expect(verified.out).toMatch(/history checked up to entry \d+/);

    // unzip and sha256sum, as a recipient without Casebook would.
    const out = join(here, 'unzipped');
    const unzip = run('unzip', ['-q', bundle, '-d', out], here);
    expect(unzip.stderr).toBe('');
    expect(unzip.status).toBe(0);
    const sums = run('sha256sum', ['-c', '--strict', 'MANIFEST.sha256'], out);
    expect(sums.stderr).toBe('');
    expect(sums.status).toBe(0);
    expect(sums.stdout).toContain('report/report.pdf: OK');
    expect(sums.stdout).toContain('audit/log.jsonl: OK');
    expect(sums.stdout).toMatch(/evidence\/CB-1_.*: OK/);

    // Positive control: sha256sum notices a changed byte in the unzipped copy.
    const victim = join(out, 'report/chronology.csv');
    await writeFile(victim, `${await readFile(victim, 'utf8')}x`);
    expect(run('sha256sum', ['-c', '--quiet', 'MANIFEST.sha256'], out).status).toBe(1);
  });
});

describe('casebook report', () => {
  it('writes a disclosure PDF that pdftotext reads, with every incident number', async () => {
    const here = await workDir('report');
    const pdf = join(here, 'r.pdf');
    const made = await runMain('report', casebook, '--out', pdf, '--profile', 'disclosure');
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/disclosure copy, \d+ details redacted/);
    expect(await listing(here)).toEqual(['r.pdf']);
    const text = run('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], here);
    expect(text.status).toBe(0);
    for (let n = 1; n <= INCIDENTS; n++) {
      expect(text.stdout).toContain(`INC-${String(n).padStart(4, '0')}`);
    }
    expect(text.stdout).not.toContain(`INC-${String(INCIDENTS + 1).padStart(4, '0')}`);
  });

  it('--redact-word blacks a name out wherever it was written; the police copy keeps it (control)', async () => {
    const here = await workDir('report-words');
    const police = join(here, 'police.pdf');
    const disclosure = join(here, 'disclosure.pdf');
    expect((await runMain('report', casebook, '--out', police)).code).toBe(0);
    const policeText = run('pdftotext', ['-raw', '-enc', 'UTF-8', police, '-'], here).stdout;
    // The demo's person responsible is named throughout what was written.
    const name = /\b(Ryan|Mark|Daniel|Lee|Jason|Craig)\b/.exec(policeText)?.[1] ?? '';
    expect(name).not.toBe('');
    const made = await runMain(
      'report',
      casebook,
      '--out',
      disclosure,
      '--profile',
      'disclosure',
      '--redact-word',
      name,
    );
    expect(made.code, made.err).toBe(0);
    const text = run('pdftotext', ['-raw', '-enc', 'UTF-8', disclosure, '-'], here).stdout;
    expect(text).toContain('Redacted: chosen by the person');
    expect(text.toLowerCase()).not.toContain(name.toLowerCase());
  });
});

describe('refusals: exit 2, one plain sentence, nothing written, no spool left', () => {
  async function refused(
    name: string,
    args: (here: string) => string[],
    prepare?: (here: string) => Promise<void>,
  ) {
    const here = await workDir(name);
    await prepare?.(here);
    const before = await listing(here);
    const result = await runMain(...args(here));
    expect(result.out).toBe('');
    expect(result.code).toBe(2);
    const lines = result.err.split('\n');
    expect(lines, result.err).toHaveLength(1);
    expect(result.err).toMatch(/\.$/);
    expect(result.err).not.toMatch(/at .*\.ts:\d+|Error:|undefined/);
    expect(await listing(here)).toEqual(before);
    expect(await sha256Of(casebook)).toBe(casebookSha);
    return result.err;
  }

  it('an output file that already exists is kept as it was', async () => {
    const message = await refused(
      'exists',
      (here) => ['report', casebook, '--out', join(here, 'r.pdf')],
      (here) => writeFile(join(here, 'r.pdf'), 'keep me'),
    );
    expect(message).toMatch(/r\.pdf already exists/);
    expect(await readFile(join(dir, 'exists', 'r.pdf'), 'utf8')).toBe('keep me');
  });

  it('an existing file among several outputs stops them all', async () => {
    const message = await refused(
      'exists-csv',
      (here) => ['export', casebook, '--bundle', join(here, 'b.zip'), '--csv', join(here, 'csv')],
      async (here) => {
        await mkdir(join(here, 'csv'));
        await writeFile(join(here, 'csv', 'exhibits.csv'), 'keep me');
      },
    );
    expect(message).toMatch(/exhibits\.csv already exists/);
  });

  it('a --from date not written like 2026-03-31', async () => {
    const message = await refused('from-shape', (here) => [
      'report',
      casebook,
      '--out',
      join(here, 'r.pdf'),
      '--from',
      '01/03/2026',
    ]);
    expect(message).toBe('--from takes a date written like 2026-03-31.');
  });

  it('a --from or --to date that is not in the calendar', async () => {
    for (const [flag, date] of [
      ['--from', '2026-02-30'],
      ['--from', '2026-13-01'],
      ['--to', '2026-00-10'],
    ] as const) {
      const message = await refused(`bad-date-${date}`, (here) => [
        'report',
        casebook,
        '--out',
        join(here, 'r.pdf'),
        flag,
        date,
      ]);
      expect(message).toContain(flag);
    }
  });

  it('a --to before --from', async () => {
    const message = await refused('backwards', (here) => [
      'report',
      casebook,
      '--out',
      join(here, 'r.pdf'),
      '--from',
      '2026-03-31',
      '--to',
      '2026-01-01',
    ]);
    expect(message).toMatch(/--to/);
  });

  it('an unknown --profile', async () => {
    const message = await refused('profile', (here) => [
      'export',
      casebook,
      '--bundle',
      join(here, 'b.zip'),
      '--profile',
      'court',
    ]);
    expect(message).toMatch(/^--profile is police .* or disclosure/);
  });

  it('a wrong passphrase', async () => {
    process.env.CASEBOOK_PASSPHRASE = 'not the passphrase at all';
    try {
      const message = await refused('passphrase', (here) => [
        'export',
        casebook,
        '--bundle',
        join(here, 'b.zip'),
        '--json',
        join(here, 'a.json'),
      ]);
      expect(message).toMatch(/passphrase/i);
      expect(message).toMatch(/Nothing was written\.$/);
    } finally {
      process.env.CASEBOOK_PASSPHRASE = PASS;
    }
  });

  it('positive control: the same directory and arguments with the right passphrase do write', async () => {
    const here = await workDir('passphrase-ok');
    const made = await runMain('export', casebook, '--json', join(here, 'a.json'));
    expect(made.code, made.err).toBe(0);
    expect(await listing(here)).toEqual(['a.json']);
  });
});
