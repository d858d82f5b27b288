import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromBase64Js, toBase64 } from './encoding';
import { mutated, nearBase64, oracle, whitespaced } from './testing/base64-cases';

describe('fromBase64', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      }),
    );
  });

  it('accepts and refuses exactly what the regular expression and atob did', () => {
    fc.assert(
      fc.property(fc.oneof(nearBase64, mutated), (text) => {
        expect(fromBase64(text)).toEqual(oracle(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('written out, accepts and refuses exactly what the regular expression and atob did', () => {
    fc.assert(
      fc.property(fc.oneof(nearBase64, mutated, whitespaced), (text) => {
        expect(fromBase64Js(text)).toEqual(oracle(text));
      }),
      { numRuns: 5000 },
    );
  });

  // Chromium decodes through Uint8Array.fromBase64; Node 24 has it behind --js-base-64, so the
  // Node 24 run checks that path in a child process. Node 20's V8 has neither.
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  it.runIf(nodeMajor >= 24)(
    'through the platform’s decoder, accepts and refuses exactly the same (positive control: that decoder alone takes whitespace)',
    () => {
      const probe = fileURLToPath(new URL('./testing/base64-native-probe.ts', import.meta.url));
      const child = spawnSync(process.execPath, ['--js-base-64', '--import', 'tsx', probe], {
        encoding: 'utf8',
      });
      expect(child.stderr).toBe('');
      const result = JSON.parse(child.stdout);
      expect(result).toMatchObject({ native: true, runs: 20_000, rawTakesWhitespace: true });
      expect(result.refused).toBeGreaterThan(5000);
      expect(result.refused).toBeLessThan(19_000);
    },
    60_000,
  );

  it('refuses the near misses by name (control: the valid one decodes)', () => {
    expect(fromBase64('QUJD')).toEqual(new Uint8Array([65, 66, 67]));
    expect(fromBase64('QUI=')).toEqual(new Uint8Array([65, 66]));
    expect(fromBase64('QQ==')).toEqual(new Uint8Array([65]));
    expect(fromBase64('')).toEqual(new Uint8Array(0));
    // Not a string at all (a damaged stored envelope without the field): refused, not thrown.
    for (const notText of [undefined, null, 42, {}]) {
      expect(fromBase64(notText as unknown as string)).toBeUndefined();
    }
    for (const bad of ['QUJ', 'QU=D', 'Q===', '====', 'QUJD\n', ' QUJD', 'QUJ-', 'QUJ_', 'QUJé']) {
      expect(fromBase64(bad), bad).toBeUndefined();
    }
  });
});
