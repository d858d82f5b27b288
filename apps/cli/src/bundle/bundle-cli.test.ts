import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EvidenceInput, type GeneratedFile, publicKeyPem } from '@casebook/report';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../test/support/run-cli';
import { verifyBundleCommand } from '../commands/verify-bundle';
import type { Output } from '../io';
import {
  type EntryEdit,
  makeKey,
  rewriteZip,
  sampleGenerated,
  syntheticExhibit,
  type TestKey,
  writeBundleFile,
} from './test-bundle';

const MiB = 1024 * 1024;
let dir = '';
let bundle = '';
let key: TestKey;
let evidence: EvidenceInput[];

const run = (command: string, args: string[], cwd = dir) =>
  spawnSync(command, args, { cwd, encoding: 'utf8' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'casebook-bundle-'));
  key = makeKey();
  evidence = [
    await syntheticExhibit('JD/1', 'IMG_2041.jpg', 5 * MiB + 123),
    await syntheticExhibit('JD/2', 'voicemail 3 March.m4a', 40_000),
    await syntheticExhibit('JD/3', '../../Screenshot: "texts".png', 2_000),
    await syntheticExhibit('JD/4', 'empty.txt', 0),
  ];
  bundle = join(dir, 'bundle.zip');
  const outcome = await writeBundleFile(bundle, evidence, key);
  expect(outcome.ok).toBe(true);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A copy of the bundle with one change, and what `casebook verify` says of it. */
async function verifyAltered(
  name: string,
  edit: (n: string) => EntryEdit,
  extra: readonly GeneratedFile[] = [],
) {
  const altered = join(dir, `${name}.zip`);
  await rewriteZip(bundle, altered, edit, extra);
  return runMain('verify', altered);
}

const flipFirst = (bytes: Uint8Array) => {
  const copy = bytes.slice();
  copy[0] = (copy[0] ?? 0) ^ 1;
  return copy;
};

describe('evidence bundle through the real tools', () => {
  it('unzip -t passes, and sha256sum -c passes on the unzipped files', async () => {
    expect(run('unzip', ['-tqq', bundle]).status).toBe(0);
    const out = join(dir, 'unzipped');
    expect(run('unzip', ['-q', bundle, '-d', out]).status).toBe(0);
    const check = run('sha256sum', ['-c', '--strict', 'MANIFEST.sha256'], out);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const lines = check.stdout.trim().split('\n');
    expect(lines).toHaveLength(4 + 2 * evidence.length + 3);
    expect(lines.every((l) => l.endsWith(': OK'))).toBe(true);
    expect(check.stdout).toContain('evidence/JD-1_IMG_2041.jpg: OK');
    expect(check.stdout).toContain('evidence/JD-3_Screenshot_ _texts_.png: OK');
    // The originals are byte for byte what the casebook recorded.
    expect((await stat(join(out, 'evidence/JD-1_IMG_2041.jpg'))).size).toBe(5 * MiB + 123);

    // Positive control: sha256sum does notice a changed byte.
    const victim = join(out, 'evidence/JD-2_voicemail 3 March.m4a');
    await writeFile(victim, flipFirst(await readFile(victim)));
    const failed = run('sha256sum', ['-c', '--quiet', 'MANIFEST.sha256'], out);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('evidence/JD-2_voicemail 3 March.m4a: FAILED');
  });

  it.runIf(spawnSync('openssl', ['version']).status === 0)(
    'openssl verifies the signature with the command VERIFY.txt gives, and works out its fingerprint',
    async () => {
      const out = join(dir, 'for-openssl');
      expect(run('unzip', ['-q', bundle, '-d', out]).status).toBe(0);
      const guide = await readFile(join(out, 'VERIFY.txt'), 'utf8');
      const command = /^ {5}(openssl pkeyutl .*)$/m.exec(guide)?.[1];
      expect(command).toBe(
        'openssl pkeyutl -verify -pubin -inkey pubkey.pem -rawin -in MANIFEST.sha256 -sigfile MANIFEST.sha256.sig',
      );
      const args = (command ?? '').split(' ').slice(1);
      const good = run('openssl', args, out);
      expect(good.stdout).toContain('Signature Verified Successfully');
      expect(good.status).toBe(0);

      // Positive control: a manifest with one more line fails.
      await writeFile(
        join(out, 'MANIFEST.sha256'),
        `${await readFile(join(out, 'MANIFEST.sha256'), 'utf8')}${'0'.repeat(64)}  x\n`,
      );
      expect(run('openssl', args, out).status).not.toBe(0);

      const fingerprint = /Key fingerprint: +([0-9a-f ]+)$/m.exec(guide)?.[1];
      const worked = spawnSync(
        'sh',
        ['-c', 'openssl pkey -pubin -in pubkey.pem -outform DER | tail -c 32 | sha256sum'],
        { cwd: out, encoding: 'utf8' },
      );
      expect(fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
      expect(worked.stdout.slice(0, 16)).toBe(fingerprint?.replaceAll(' ', ''));
    },
  );

  it('casebook verify passes an intact bundle, with a summary', async () => {
    const result = await runMain('verify', bundle);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /^Bundle intact: 15 files \(5\.\d MB\), 4 exhibits, manifest signed by key [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}; there is no audit log in it\./,
    );
    // A .casebook-style name with ZIP bytes is still read as a bundle (by its first bytes).
    const renamed = join(dir, 'bundle-with-another-name.bin');
    await writeFile(renamed, await readFile(bundle));
    expect((await runMain('verify', renamed)).code).toBe(0);
  });
});

describe('casebook verify names what was done to a bundle', () => {
  const jpg = 'evidence/JD-1_IMG_2041.jpg';

  it('a rewrite that changes nothing still passes (control for the cases below)', async () => {
    const result = await verifyAltered('unchanged', () => 'keep');
    expect(result.out).toMatch(/^Bundle intact/);
    expect(result.code).toBe(0);
  });

  it('one byte flipped in an evidence file', async () => {
    const result = await verifyAltered('flipped', (n) =>
      n === jpg ? { bytes: flipFirst } : 'keep',
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `- ${jpg} (exhibit JD/1) has been changed: its SHA-256 is not the one in MANIFEST.sha256.`,
    );
    expect(result.out).toMatch(/^Found 1 problem in this bundle/);
  });

  it('an entry removed', async () => {
    const result = await verifyAltered('removed', (n) =>
      n === 'sidecars/JD-2_voicemail 3 March.m4a.json' ? 'drop' : 'keep',
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      '- sidecars/JD-2_voicemail 3 March.m4a.json (exhibit JD/2) is listed in MANIFEST.sha256 but is not in the bundle.',
    );
  });

  it('an extra entry added', async () => {
    const result = await verifyAltered('added', () => 'keep', [
      { path: 'evidence/JD-9_planted.jpg', bytes: new Uint8Array([1, 2, 3]) },
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      '- evidence/JD-9_planted.jpg is in the bundle but not in MANIFEST.sha256: it was added after the bundle was made.',
    );
  });

  it('an entry renamed', async () => {
    const result = await verifyAltered('renamed', (n) =>
      n === jpg ? { rename: 'evidence/JD-1_IMG_2042.jpg' } : 'keep',
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `- ${jpg} (exhibit JD/1) is listed in MANIFEST.sha256 but is not in the bundle.`,
    );
    expect(result.out).toContain(
      '- evidence/JD-1_IMG_2042.jpg is in the bundle but not in MANIFEST.sha256',
    );
  });

  it('the manifest edited to match a changed file', async () => {
    const forged = createHashHex(new Uint8Array([9]));
    const result = await verifyAltered('manifest', (n) =>
      n === 'MANIFEST.sha256'
        ? {
            bytes: (old) =>
              new TextEncoder().encode(
                new TextDecoder()
                  .decode(old)
                  .replace(/^[0-9a-f]{64}( {2}report\/report\.pdf)$/m, `${forged}$1`),
              ),
          }
        : n === 'report/report.pdf'
          ? { bytes: () => new Uint8Array([9]) }
          : 'keep',
    );
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      'The signature in MANIFEST.sha256.sig does not match MANIFEST.sha256 and pubkey.pem',
    );
  });

  it('the signature swapped for one by another key, and the key swapped too', async () => {
    const other = makeKey();
    const manifest = await bytesIn(bundle, 'MANIFEST.sha256');
    const otherSig = await other.sign(manifest);
    const sigOnly = await verifyAltered('sig', (n) =>
      n === 'MANIFEST.sha256.sig' ? { bytes: () => otherSig } : 'keep',
    );
    expect(sigOnly.code).toBe(1);
    expect(sigOnly.out).toContain('The signature in MANIFEST.sha256.sig does not match');

    // Both swapped: the bundle checks out, but under a different key, which the summary shows.
    const both = await verifyAltered('sig-and-key', (n) =>
      n === 'MANIFEST.sha256.sig'
        ? { bytes: () => otherSig }
        : n === 'pubkey.pem'
          ? { bytes: () => new TextEncoder().encode(publicKeyPem(other.publicKey)) }
          : 'keep',
    );
    const original = /signed by key ([0-9a-f ]{19})/.exec(
      (await runMain('verify', bundle)).out,
    )?.[1];
    const shown = /signed by key ([0-9a-f ]{19})/.exec(both.out)?.[1];
    expect(both.code).toBe(0);
    expect(shown).toBeDefined();
    expect(shown).not.toBe(original);
  });
});

describe('the audit check', () => {
  it('gets the audit files that matched, and its answer decides the summary and the exit code', async () => {
    const withAudit = join(dir, 'with-audit.zip');
    const audit = { path: 'audit/chain.jsonl', bytes: new TextEncoder().encode('{"seq":7}\n') };
    const outcome = await writeBundleFile(withAudit, evidence.slice(1), key, [
      ...sampleGenerated,
      audit,
    ]);
    expect(outcome.ok).toBe(true);
    const lines: string[] = [];
    const output: Output = { out: (l) => lines.push(l), err: (l) => lines.push(l) };
    const given: string[] = [];
    const ok = await verifyBundleCommand(withAudit, output, {
      checkAudit: async (files) => {
        given.push(...files.map((f) => `${f.path} ${new TextDecoder().decode(f.bytes).trim()}`));
        return { ok: true, summary: 'checked up to entry 7' };
      },
    });
    expect(ok).toBe(0);
    expect(given).toEqual(['audit/chain.jsonl {"seq":7}']);
    expect(lines[0]).toMatch(/; history checked up to entry 7\.$/);
    lines.length = 0;
    const bad = await verifyBundleCommand(withAudit, output, {
      checkAudit: async () => ({
        ok: false,
        problems: ['Entry 3 of the audit log is not signed.'],
      }),
    });
    expect(bad).toBe(1);
    expect(lines).toContain('- Entry 3 of the audit log is not signed.');
    lines.length = 0;
    expect(await verifyBundleCommand(withAudit, output)).toBe(0);
    expect(lines[0]).toMatch(/its audit log was not checked/);
  });
});

describe('casebook verify on files that are not a readable bundle', () => {
  it('a cut-off bundle, random bytes named .zip, and a ZIP that is not a bundle: exit 2, one sentence', async () => {
    const whole = await readFile(bundle);
    const cut = join(dir, 'cut.zip');
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const noise = join(dir, 'noise.zip');
    await writeFile(noise, new Uint8Array(4096).fill(7));
    const plain = join(dir, 'plain.zip');
    await rewriteZip(bundle, plain, (n) => (n.startsWith('evidence/') ? 'keep' : 'drop'));
    for (const [path, words] of [
      [cut, /not a ZIP file, or it is damaged or incomplete/],
      [noise, /not a ZIP file, or it is damaged or incomplete/],
      [plain, /not a Casebook evidence bundle/],
    ] as const) {
      const result = await runMain('verify', path);
      expect(result.code).toBe(2);
      expect(result.out).toBe('');
      expect(result.err.split('\n')).toHaveLength(1);
      expect(result.err).toMatch(words);
    }
  });

  it('a missing file is named plainly, and --expect is refused for a bundle', async () => {
    const missing = await runMain('verify', join(dir, 'nowhere.zip'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/There is no file at/);
    const expect_ = await runMain('verify', bundle, '--expect', '194-3F2A-9C01-77B0-12DE-5A1C');
    expect(expect_.code).toBe(2);
    expect(expect_.err).toMatch(/not for an evidence bundle/);
  });
});

function createHashHex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** One entry's bytes, by unzip. */
async function bytesIn(zipPath: string, name: string): Promise<Uint8Array> {
  return new Uint8Array(spawnSync('unzip', ['-p', zipPath, name]).stdout);
}
