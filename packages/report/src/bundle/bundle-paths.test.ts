import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanFileName, evidenceNames, isSafeBundlePath, MAX_NAME_BYTES } from './bundle-paths';
import { formatManifest, parseManifest } from './manifest';

const hostileName = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc
    .array(
      fc.constantFrom(
        '..',
        '/',
        '\\',
        '.',
        ' ',
        '\n',
        '\u202E',
        'C:',
        'é',
        'e\u0301',
        'lone\uD800surrogate',
        '*',
        'x',
        '.jpg',
        '\u0000',
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join('')),
);
const ref = fc.oneof(fc.constantFrom('JD/3', 'AB/1', 'ab/1', ''), fc.string({ maxLength: 30 }));
const utf8 = (s: string) => new TextEncoder().encode(s).length;

describe('bundle paths', () => {
  it('the safety check refuses what could escape or mislead (positive control)', () => {
    for (const bad of [
      '../x',
      'a/../x',
      '/etc/passwd',
      'a\\b',
      'C:/x',
      'a//b',
      './a',
      'a/',
      'a.',
      ' a',
      'a\nb',
      'photo\u202Egpj.exe',
      'lone\uD800surrogate',
      'e\u0301',
      '',
    ]) {
      expect(isSafeBundlePath(bad), JSON.stringify(bad)).toBe(false);
    }
    for (const good of ['evidence/JD-3_IMG_2041.jpg', 'report/report.pdf', 'sidecars/é.json']) {
      expect(isSafeBundlePath(good)).toBe(true);
    }
  });

  it('every exhibit name is safe, unique ignoring case, capped, and keeps its ref and extension', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ ref, originalName: hostileName }), { maxLength: 30 }),
        (items) => {
          const names = evidenceNames(items);
          expect(names).toHaveLength(items.length);
          expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
          for (const name of names) {
            expect(isSafeBundlePath(`evidence/${name}`), JSON.stringify(name)).toBe(true);
            expect(isSafeBundlePath(`sidecars/${name}.json`)).toBe(true);
            expect(name).not.toContain('/');
            expect(utf8(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
          }
          // The sha256sum line for each parses back to exactly that path.
          const lines = names.map((n) => ({ sha256: 'a'.repeat(64), path: `evidence/${n}` }));
          const parsed = parseManifest(formatManifest(lines));
          expect(parsed.problems).toEqual([]);
          expect(parsed.lines.map((l) => l.path).sort()).toEqual(lines.map((l) => l.path).sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tidies the names people have', () => {
    expect(evidenceNames([{ ref: 'JD/3', originalName: 'IMG_2041.jpg' }])).toEqual([
      'JD-3_IMG_2041.jpg',
    ]);
    expect(
      evidenceNames([
        { ref: 'JD/3', originalName: 'a.JPG' },
        { ref: 'JD/3', originalName: 'A.jpg' },
        { ref: 'JD/3', originalName: 'a.JPG' },
      ]),
    ).toEqual(['JD-3_a.JPG', 'JD-3_A~2.jpg', 'JD-3_a~3.JPG']);
    expect(cleanFileName('../../etc/passwd', 100)).toBe('passwd');
    expect(cleanFileName('photo\u202Egpj.exe', 100)).toBe('photogpj.exe');
    expect(cleanFileName('', 100)).toBe('file');
    expect(cleanFileName('a\uD800b.png', 100)).toBe('ab.png');
    expect(cleanFileName('...', 100)).toBe('file');
    const long = cleanFileName(`${'é'.repeat(200)}.mp4`, 60);
    expect(long.endsWith('.mp4')).toBe(true);
    expect(utf8(long)).toBeLessThanOrEqual(60);
  });

  it('sha256sum -c reads a manifest of sanitised names on a real disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-names-'));
    try {
      const items = fc.sample(fc.record({ ref, originalName: hostileName }), {
        numRuns: 150,
        seed: 7,
      });
      const names = evidenceNames(items);
      await mkdir(join(dir, 'evidence'));
      const { createHash } = await import('node:crypto');
      const lines = [];
      for (const [i, name] of names.entries()) {
        const bytes = new TextEncoder().encode(`file ${i}`);
        await writeFile(join(dir, 'evidence', name), bytes);
        lines.push({
          sha256: createHash('sha256').update(bytes).digest('hex'),
          path: `evidence/${name}`,
        });
      }
      await writeFile(join(dir, 'MANIFEST.sha256'), formatManifest(lines));
      const check = spawnSync('sha256sum', ['-c', '--strict', 'MANIFEST.sha256'], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
      expect(check.stdout.trim().split('\n')).toHaveLength(names.length);
      // Positive control: a wrong hash fails.
      const first = lines[0];
      if (!first) throw new Error('no names sampled');
      await writeFile(join(dir, 'evidence', names[0] ?? ''), 'changed');
      expect(
        spawnSync('sha256sum', ['-c', '--quiet', 'MANIFEST.sha256'], { cwd: dir }).status,
      ).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
