/** A small deterministic PRNG (sfc32) so a fuzz case can be replayed from its seed and number. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(seed: number, stream: number): Rng {
  let a = seed >>> 0;
  let b = (stream * 0x9e3779b9) >>> 0;
  let c = 0x243f6a88;
  let d = 1;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next(); // mix the seed in
  const random: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => {
      if (items.length === 0) throw new RangeError('nothing to pick from');
      return items[random.int(items.length)] as (typeof items)[number];
    },
    chance: (p) => next() < p,
  };
  return random;
}
