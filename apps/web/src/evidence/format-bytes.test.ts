import { describe, expect, it } from 'vitest';
import { formatBytes, formatSize } from './format-bytes';

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [999, '999 bytes'],
    [1000, '1.0 KB'],
    [1_234_567, '1.2 MB'],
    [999_999_999, '1.0 GB'],
    [524_288_000, '524.3 MB'],
    [2 * 1024 ** 3, '2.1 GB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('says so when the size is not a number', () => {
    expect(formatBytes(Number.NaN)).toBe('unknown size');
    expect(formatBytes(-1)).toBe('unknown size');
  });

  it('gives the exact count beside the rounded one', () => {
    expect(formatSize(1_234_567)).toBe('1.2 MB (1,234,567 bytes)');
    expect(formatSize(12)).toBe('12 bytes');
  });
});
