import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHRONOLOGY_COLUMNS,
  chronologyCsv,
  csvField,
  csvText,
  EXHIBIT_COLUMNS,
  exhibitsCsv,
} from './csv';
import { buildSnapshot } from './snapshot';
import { kitInput } from './test-kit';

/** A strict RFC 4180 reader (records end in CRLF; quotes only around whole fields). */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 1;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
        expect([',', '\r']).toContain(text[i]);
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"') {
      expect(field).toBe('');
      quoted = true;
      i += 1;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\r') {
      expect(text[i + 1]).toBe('\n');
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      expect(c).not.toBe('\n');
      field += c;
      i += 1;
    }
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

const neutralised = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

describe('CSV', () => {
  it('round-trips any table, with formula starts neutralised and nothing else changed', () => {
    const cellText = fc.string({
      unit: fc.constantFrom(
        'a',
        'Z',
        ' ',
        ',',
        '"',
        '\r',
        '\n',
        '=',
        '+',
        '-',
        '@',
        '\t',
        "'",
        'é',
        '👀',
      ),
      maxLength: 12,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(cellText, { minLength: 1, maxLength: 5 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (rows) => {
          const width = rows[0]?.length ?? 1;
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
          const back = parseCsv(csvText(table));
          expect(back).toEqual(table.map((r) => r.map(neutralised)));
          for (const r of back) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        },
      ),
    );
  });

  it('neutralises each formula start with a leading apostrophe (OWASP)', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+44 7700 900123')).toBe("'+44 7700 900123");
    expect(csvField('-1.5')).toBe("'-1.5");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('\rx')).toBe('"\'\rx"');
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField('plain')).toBe('plain');
  });

  it('writes the chronology in the booklet columns, a hostile narrative made safe', () => {
    const snap = buildSnapshot(kitInput());
    const rows = parseCsv(chronologyCsv(snap));
    expect(rows[0]).toEqual([...CHRONOLOGY_COLUMNS]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      'INC-0005',
      'INC-0001',
      'INC-0002',
      'INC-0004',
    ]);
    const clocks = rows[1] ?? [];
    expect(clocks[6]).toBe(
      '\'=HYPERLINK("http://evil.example","click") he rang the bell at night ending-clocks-narrative',
    );
    expect(clocks[1]).toContain('Sun 27 Oct 2024, 01:30 GMT (UTC+0)');
    expect(clocks[1]).toContain('happened twice');
    const home = rows[2] ?? [];
    expect(home[4]).toBe('2');
    expect(home[9]).toBe('AB/1');
    expect(home[10]).toContain('Reference CAD 0417 03/03/25');
    expect(home[13]).toBe('Lily would not go to Greenhill Primary alone.');
  });

  it('writes the exhibit schedule with sizes and hashes', () => {
    const rows = parseCsv(exhibitsCsv(buildSnapshot(kitInput())));
    expect(rows[0]).toEqual([...EXHIBIT_COLUMNS]);
    expect(rows.slice(1).map((r) => [r[0], r[7], r[8], r[9]?.length])).toEqual([
      ['AB/1', 'img_1771.jpg', '32764', 64],
      ['AB/2', 'Screenshot_20250402.png', '9331', 64],
      ['EV-0003', 'scan of card.pdf', '120000', 64],
    ]);
  });
});
