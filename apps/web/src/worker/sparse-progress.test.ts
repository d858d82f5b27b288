import { describe, expect, it } from 'vitest';
import { sparseProgress } from './sparse-progress';

describe('sparseProgress', () => {
  it('passes on at most 200 reports for a large file, in order, and always the last', () => {
    const seen: number[] = [];
    const size = 1024 * 1024 * 1024;
    const onProgress = sparseProgress(size, (done) => seen.push(done));
    for (let done = 512 * 1024; done <= size; done += 512 * 1024) onProgress(done);
    expect(seen.length).toBeLessThanOrEqual(200);
    expect(seen.length).toBeGreaterThan(100);
    expect(seen.at(-1)).toBe(size);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('control: a small file reports at least every MiB and its end', () => {
    const seen: number[] = [];
    const size = 3 * 1024 * 1024 + 5;
    const onProgress = sparseProgress(size, (done) => seen.push(done));
    for (const done of [512 * 1024, 1024 * 1024, 2 * 1024 * 1024, 3 * 1024 * 1024, size])
      onProgress(done);
    expect(seen).toEqual([1024 * 1024, 2 * 1024 * 1024, 3 * 1024 * 1024, size]);
  });
});
