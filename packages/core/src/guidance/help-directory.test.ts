import { describe, expect, it } from 'vitest';
import { defaultHelpDirectory, parseHelpDirectory } from './help-directory';
import DEFAULT_FILE from './help-directory.en-GB.json';

/** Every number written on the seed pages; the directory may use no other. */
const SEED_NUMBERS = ['999', '101', '08088020300', '0800555111'];
const national = (dial: string) => (dial.startsWith('+44') ? `0${dial.slice(3)}` : dial);

describe('the default help directory', () => {
  it('validates and lists the services of PRODUCT.md §4', () => {
    const directory = defaultHelpDirectory();
    expect(directory.entries.map((e) => e.id)).toEqual([
      'emergency-999',
      'police-101',
      'police-online',
      'crimestoppers',
      'national-stalking-helpline',
      'paladin',
      'protection-against-stalking',
      'cyber-helpline',
    ]);
  });

  it('uses only numbers from the seed pages', () => {
    const dials = defaultHelpDirectory().entries.flatMap((e) =>
      e.phones.map((p) => national(p.dial)),
    );
    expect(dials.every((d) => SEED_NUMBERS.includes(d))).toBe(true);
    expect(dials).toContain('08088020300');
  });

  it('says the National Stalking Helpline is not a crisis line, and only 999 is one', () => {
    const entries = defaultHelpDirectory().entries;
    const helpline = entries.find((e) => e.id === 'national-stalking-helpline');
    expect(helpline?.crisis).toBe(false);
    expect(helpline?.whatTheyDo).toContain('not a 24-hour or crisis service');
    expect(helpline?.hours).toBe('Weekdays, daytime — check current hours');
    expect(entries.filter((e) => e.crisis).map((e) => e.id)).toEqual(['emergency-999']);
    expect(entries.find((e) => e.id === 'crimestoppers')?.anonymous).toBe(true);
  });
});

describe('parseHelpDirectory', () => {
  const copy = () => structuredClone(DEFAULT_FILE) as { entries: Record<string, unknown>[] };

  it('accepts the default file as JSON text too', () => {
    expect(parseHelpDirectory(JSON.stringify(DEFAULT_FILE)).ok).toBe(true);
  });

  it('names the bad entry and the field', () => {
    const broken = copy();
    broken.entries[3] = {
      ...broken.entries[3],
      phones: [{ dial: '0800 555 111', display: '0800 555 111' }],
    };
    const result = parseHelpDirectory(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('Entry 4 (Crimestoppers)');
    expect(result.reason).toContain('dial');
    expect(result.reason).toContain('Write the number to dial as digits');
  });

  it('explains a missing field, a duplicate id, an empty list and bad JSON', () => {
    const missing = copy();
    delete missing.entries[0]?.crisis;
    const m = parseHelpDirectory(missing);
    expect(m.ok === false && m.reason).toMatch(
      /Entry 1 \(Police, ambulance or fire: emergency\) › crisis/,
    );

    const dup = copy();
    dup.entries.push({ ...dup.entries[0], organisation: 'Copy' });
    const d = parseHelpDirectory(dup);
    expect(d.ok === false && d.reason).toContain('Entry 9 (Copy) uses the id "emergency-999"');

    const empty = parseHelpDirectory({ ...DEFAULT_FILE, entries: [] });
    expect(empty.ok === false && empty.reason).toContain('no entries');

    expect(parseHelpDirectory('{ not json')).toEqual({
      ok: false,
      reason: 'The help directory file is not valid JSON.',
    });
  });

  it('accepts a local service added by a deploying organisation', () => {
    const local = copy();
    local.entries.push({
      id: 'derbyshire-victim-services',
      kind: 'local',
      organisation: 'Example Victim Services',
      whatTheyDo: 'Local support.',
      phones: [],
      anonymous: false,
      crisis: false,
      region: 'Derbyshire',
      language: 'en-GB',
    });
    expect(parseHelpDirectory(local).ok).toBe(true);
  });
});
