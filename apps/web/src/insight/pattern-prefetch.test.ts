import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PREFETCH_QUIET_MS, patternPrefetcher } from './pattern-prefetch';

describe("Pattern's analysis worked out ahead of a visit", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks at once when every incident first comes in, and not before', () => {
    const request = vi.fn();
    const prefetch = patternPrefetcher(request);
    prefetch.listChanged(false, ['loading']);
    vi.advanceTimersByTime(PREFETCH_QUIET_MS * 2);
    expect(request).not.toHaveBeenCalled();
    const all = ['all'];
    prefetch.listChanged(true, all);
    expect(request).toHaveBeenCalledExactlyOnceWith(all);
  });

  it('after that, waits until saves pause, and asks once for the latest list', () => {
    const request = vi.fn();
    const prefetch = patternPrefetcher(request);
    prefetch.listChanged(true, ['all']);
    request.mockClear();
    const lists = [['save 1'], ['save 2'], ['save 3']];
    for (const list of lists) {
      prefetch.listChanged(true, list);
      vi.advanceTimersByTime(PREFETCH_QUIET_MS - 1);
    }
    // Saves a moment apart: the vault worker is left free for each of them.
    expect(request).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(request).toHaveBeenCalledExactlyOnceWith(lists[2]);
  });

  it('asks nothing once stopped (the diary closed, or the casebook locked)', () => {
    const request = vi.fn();
    const prefetch = patternPrefetcher(request);
    prefetch.listChanged(true, ['all']);
    prefetch.listChanged(true, ['saved']);
    prefetch.stop();
    vi.advanceTimersByTime(PREFETCH_QUIET_MS * 2);
    expect(request).toHaveBeenCalledTimes(1);
  });
});
