/** Runs back (clock earlier than the message above) before repeat numbering uses a map. */
export const MAX_RUNS = 64;

/**
 * Numbers repeats: the same sender, clock and text more than once get 0, 1, 2… in file order
 * (a part of each import key, so re-importing the same export adds nothing twice). Messages
 * are numbered in order, k = 0, 1, 2…; `clocks` and `senders` are known for all of them up
 * front, digests as they are numbered.
 *
 * Clocks are whole seconds. Within a run (clocks never going back) copies sit together just
 * above; a run further up can hold the same clock only if its clocks reach this one (they are
 * sorted: a binary search finds it). A file that runs back more than MAX_RUNS times (forged or
 * damaged headers, or a chat gone back and forth across a clock change) indexes every clock in
 * a map instead.
 */
export class RepeatNumbering {
  private readonly digests: string[];
  /** Where each run of never-decreasing clocks starts. */
  private readonly runStarts: number[] = [0];
  /** The latest clock of the runs before the current one. */
  private earlierMax = Number.NEGATIVE_INFINITY;
  private everyClock: Map<number, number[]> | undefined;

  constructor(
    private readonly clocks: ArrayLike<number>,
    private readonly senders: readonly string[],
    /** Runs back before the map is used (MAX_RUNS; smaller in tests of the fallback). */
    private readonly maxRuns = MAX_RUNS,
  ) {
    this.digests = new Array(clocks.length);
  }

  /** Message k's number among the copies above it of its clock, sender and `digest`. */
  next(k: number, digest: string): number {
    const clocks = this.clocks;
    const clock = clocks[k] as number;
    const sender = this.senders[k] as string;
    if (k > 0 && clock < (clocks[k - 1] as number)) {
      this.earlierMax = Math.max(this.earlierMax, clocks[k - 1] as number);
      this.runStarts.push(k);
      if (this.runStarts.length > this.maxRuns && this.everyClock === undefined)
        this.everyClock = indexByClock(clocks, k);
    }
    let n = 0;
    if (this.everyClock !== undefined) {
      let list = this.everyClock.get(clock);
      if (list === undefined) {
        list = [];
        this.everyClock.set(clock, list);
      }
      for (const j of list) if (this.same(j, sender, digest)) n++;
      list.push(k);
    } else {
      const runStart = this.runStarts[this.runStarts.length - 1] as number;
      for (let j = k - 1; j >= runStart && clocks[j] === clock; j--)
        if (this.same(j, sender, digest)) n++;
      if (clock <= this.earlierMax) n += this.inEarlierRuns(clock, k, sender, digest);
    }
    this.digests[k] = digest;
    return n;
  }

  private same(j: number, sender: string, digest: string): boolean {
    return this.senders[j] === sender && this.digests[j] === digest;
  }

  /** Copies before the current run: a binary search in each run whose clocks reach `clock`. */
  private inEarlierRuns(clock: number, k: number, sender: string, digest: string): number {
    const { clocks, runStarts } = this;
    let n = 0;
    for (let r = 0; r < runStarts.length - 1; r++) {
      const from = runStarts[r] as number;
      const to = runStarts[r + 1] as number;
      if ((clocks[from] as number) > clock || (clocks[to - 1] as number) < clock) continue;
      let lo = from;
      let hi = to;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((clocks[mid] as number) < clock) lo = mid + 1;
        else hi = mid;
      }
      for (let j = lo; j < to && j < k && clocks[j] === clock; j++)
        if (this.same(j, sender, digest)) n++;
    }
    return n;
  }
}

/** The messages (by index) of each clock, of the first `count` message clocks. */
function indexByClock(clocks: ArrayLike<number>, count: number): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (let j = 0; j < count; j++) {
    const clock = clocks[j] as number;
    let list = map.get(clock);
    if (list === undefined) {
      list = [];
      map.set(clock, list);
    }
    list.push(j);
  }
  return map;
}
