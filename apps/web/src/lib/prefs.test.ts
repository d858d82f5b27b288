import { describe, expect, it } from 'vitest';
import { customExitUrl, DEFAULT_PREFS, exitUrl } from './prefs';

describe('where Quick exit goes', () => {
  it('is an outside weather page unless the person chooses another', () => {
    expect(exitUrl(DEFAULT_PREFS)).toBe('https://www.bbc.co.uk/weather');
    expect(exitUrl({ ...DEFAULT_PREFS, exitTo: 'recipes' })).toBe('/recipes.html');
  });

  it('takes a typed https address, and falls back to the weather page for anything else', () => {
    expect(customExitUrl('www.bbc.co.uk/news')).toBe('https://www.bbc.co.uk/news');
    expect(customExitUrl('https://example.org/a?b=c')).toBe('https://example.org/a?b=c');
    for (const bad of [
      '',
      'javascript:alert(1)',
      'http://example.org',
      'localhost',
      'https://u:p@x.org',
    ]) {
      expect(customExitUrl(bad)).toBeUndefined();
    }
    expect(exitUrl({ ...DEFAULT_PREFS, exitTo: 'custom', exitCustom: 'javascript:alert(1)' })).toBe(
      'https://www.bbc.co.uk/weather',
    );
    expect(exitUrl({ ...DEFAULT_PREFS, exitTo: 'custom', exitCustom: 'www.bbc.co.uk/news' })).toBe(
      'https://www.bbc.co.uk/news',
    );
  });
});
