import { describe, expect, it } from 'vitest';
import { eachAtMost, inFlightLimit, inOrderAtMost } from './in-flight';

const tick = (ms = 1) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts work running at once; `peak` is the most seen. */
function gauge() {
  const g = { now: 0, peak: 0 };
  return {
    g,
    async run<T>(work: () => Promise<T>): Promise<T> {
      g.now += 1;
      g.peak = Math.max(g.peak, g.now);
      try {
        return await work();
      } finally {
        g.now -= 1;
      }
    },
  };
}

describe('a few chunk requests at once', () => {
  it('runs every item with exactly the limit at once, never more', async () => {
    const { g, run } = gauge();
    const done: number[] = [];
    const items = Array.from({ length: 20 }, (_, i) => i);
    const failure = await eachAtMost(items, 3, (i) =>
      run(async () => {
        await tick((i * 7) % 5);
        done.push(i);
        return undefined;
      }),
    );
    expect(failure).toBeUndefined();
    expect(done.sort((a, b) => a - b)).toEqual(items);
    // Control: the gauge sees more than one at once, so the limit is what holds it at 3.
    expect(g.peak).toBe(3);
  });

  it('stops starting work at the first failure and waits for what is running', async () => {
    const { g, run } = gauge();
    const started: number[] = [];
    const failure = await eachAtMost([0, 1, 2, 3, 4, 5, 6, 7], 2, (i) =>
      run(async () => {
        started.push(i);
        await tick(i === 1 ? 1 : 5);
        return i === 1 ? 'part 2 could not be sent' : undefined;
      }),
    );
    expect(failure).toBe('part 2 could not be sent');
    expect(started.length).toBeLessThan(8);
    expect(g.now).toBe(0);
  });

  it('hands answers on in order, holding at most the limit, and stops on a message', async () => {
    const { g, run } = gauge();
    let held = 0;
    let heldPeak = 0;
    const taken: number[] = [];
    const failure = await inOrderAtMost(
      12,
      4,
      (i) =>
        run(async () => {
          held += 1;
          heldPeak = Math.max(heldPeak, held);
          await tick((12 - i) % 4);
          return i;
        }),
      async (answer, index) => {
        expect(answer).toBe(index);
        taken.push(answer);
        await tick(2);
        held -= 1;
        return undefined;
      },
    );
    expect(failure).toBeUndefined();
    expect(taken).toEqual([...Array(12).keys()]);
    expect(heldPeak).toBe(4);
    expect(g.peak).toBeGreaterThan(1);

    const stopped = await inOrderAtMost(
      12,
      3,
      (i) => run(async () => i),
      async (i) => (i === 4 ? 'part 5 is damaged on the server' : undefined),
    );
    expect(stopped).toBe('part 5 is damaged on the server');
    expect(g.now).toBe(0);
  });

  it('keeps a limit asked for within 1 to 8', () => {
    expect(inFlightLimit(undefined)).toBe(2);
    expect(inFlightLimit(0)).toBe(1);
    expect(inFlightLimit(2.7)).toBe(2);
    expect(inFlightLimit(100)).toBe(8);
    expect(inFlightLimit(Number.NaN)).toBe(2);
  });
});
