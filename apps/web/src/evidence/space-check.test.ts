import { describe, expect, it } from 'vitest';
import { spaceNeeded, spaceProblem } from './space-check';

describe('spaceProblem', () => {
  it('refuses calmly when the file will not fit', () => {
    const text = spaceProblem({ quota: 50_000_000, usage: 10_000_000 }, 500_000_000, 'video.mp4');
    expect(text).toBe(
      'There is not enough room in this browser\'s storage for "video.mp4" (500.0 MB); about 40.0 MB is free. Nothing was added. Free some space on this device, or add a smaller file.',
    );
  });

  it('lets a file through when it fits with room to spare', () => {
    expect(spaceProblem({ quota: 10e9, usage: 1e9 }, 500_000_000, 'v.mp4')).toBeUndefined();
  });

  it('counts the margin: a file exactly the size of the free space does not fit', () => {
    expect(spaceProblem({ quota: 100_000_000, usage: 0 }, 100_000_000, 'a')).toBeDefined();
    expect(spaceNeeded(0)).toBe(16 * 1024 * 1024);
  });

  it('does not guess when the browser gives no estimate', () => {
    expect(spaceProblem({}, 1e12, 'a')).toBeUndefined();
  });
});
