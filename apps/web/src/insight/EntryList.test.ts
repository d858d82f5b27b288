import { describe, expect, it } from 'vitest';
import { dialable } from './EntryList';

describe('dialable', () => {
  it('turns phone numbers as people write them into tel: digits, and nothing else', () => {
    expect(dialable('07700 900123')).toBe('07700900123');
    expect(dialable('+44 7700-900123')).toBe('+447700900123');
    expect(dialable('999')).toBe('999');
    expect(dialable('Ask at the front desk')).toBeUndefined();
    expect(dialable('priya@example.com')).toBeUndefined();
    expect(dialable('12')).toBeUndefined();
  });
});
