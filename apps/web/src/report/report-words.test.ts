import { describe, expect, it } from 'vitest';
import { countOf, describeField, percentOf, reportFileName, wordsOf } from './report-words';

describe('the Report screen’s words', () => {
  it('names files plainly, without the app’s name', () => {
    for (const kind of ['pdf', 'chronology', 'exhibits', 'json', 'bundle'] as const) {
      const name = reportFileName(kind, '2026-12-02');
      expect(name).toContain('2026-12-02');
      expect(name.toLowerCase()).not.toContain('casebook');
    }
    expect(reportFileName('bundle', '2026-12-02')).toBe('evidence-bundle-2026-12-02.zip');
  });

  it('describes redacted fields in words', () => {
    expect(describeField('incidents.INC-0003.location.text')).toBe('INC-0003: location text');
    expect(describeField('exhibits.JD/2.gps')).toBe('exhibit JD/2: gps');
    expect(describeField('safety')).toBe('the safety plan');
    expect(describeField('safety.safePlaces.0.address')).toBe('safety plan: safe places address');
  });

  it('counts progress in whole percent, never past 100', () => {
    expect(percentOf(0, 0)).toBe(0);
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(5, 4)).toBe(100);
  });
});

describe('counts', () => {
  it('are singular for one', () => {
    expect(countOf(1, 'incident', 'incidents')).toBe('1 incident');
    expect(countOf(0, 'person', 'people')).toBe('0 people');
    expect(countOf(2, 'person', 'people')).toBe('2 people');
  });
});

describe('words to black out', () => {
  it('one per line, trimmed, without blanks or repeats', () => {
    expect(wordsOf(' Maisie \n\nmaisie\r\nOak Street\n')).toEqual(['Maisie', 'Oak Street']);
    expect(wordsOf('')).toEqual([]);
  });
});
