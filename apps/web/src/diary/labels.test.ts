import { describe, expect, it } from 'vitest';
import { shorten } from './labels';

describe('shorten', () => {
  it('keeps short text whole', () => {
    expect(shorten('Man in a grey top', 40)).toBe('Man in a grey top');
  });

  it('cuts at a word boundary without trailing punctuation, and says it was cut', () => {
    const text = 'Man, perhaps in his 30s, stocky, beard, usually a black cap and grey hooded top.';
    expect(shorten(text, 40)).toBe('Man, perhaps in his 30s, stocky, beard…');
  });

  it('cuts a single long word at the limit', () => {
    expect(shorten('a'.repeat(50), 10)).toBe(`${'a'.repeat(10)}…`);
  });
});
