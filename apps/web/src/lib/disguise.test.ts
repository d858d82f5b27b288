import { describe, expect, it } from 'vitest';
import { identityFor } from './disguise';
import { DEFAULT_PREFS } from './prefs';

describe('the disguise', () => {
  it('names everything neutrally when on, and as Casebook when off', () => {
    const off = identityFor(DEFAULT_PREFS);
    const on = identityFor({ ...DEFAULT_PREFS, disguise: true });
    expect(off.name).toBe('Casebook');
    expect(off.backupName('2026-03-05')).toBe('backup-2026-03-05.casebook');
    expect(off.exitLabel).toBe('Quick exit');
    const words = [
      on.name,
      on.icon,
      on.touchIcon,
      on.manifest,
      on.exitLabel,
      on.backupName('2026-03-05'),
    ];
    for (const word of words) expect(word).not.toMatch(/casebook|exit|stalk|case/i);
  });
});
