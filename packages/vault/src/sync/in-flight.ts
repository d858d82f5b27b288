/**
 * A few chunk requests at once, never more: one request at a time leaves the client idle
 * while the server works and the other way round (bench/README.md, "Evidence through sync"),
 * while an unbounded number would hold a whole file in memory. Each request holds at most one
 * chunk (≤ 16 MiB + 64 KiB), so a transfer holds at most `CHUNKS_IN_FLIGHT` of them.
 */

/** Chosen by measurement (bench/sync-files.ts): see bench/README.md. */
export const CHUNKS_IN_FLIGHT = 2;
/** The most a caller may ask for: the memory bound is this many chunks. */
export const MAX_CHUNKS_IN_FLIGHT = 8;

/** `limit` made safe: a whole number from 1 to MAX_CHUNKS_IN_FLIGHT. */
export function inFlightLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return CHUNKS_IN_FLIGHT;
  return Math.min(MAX_CHUNKS_IN_FLIGHT, Math.max(1, Math.floor(limit)));
}

/**
 * Runs `work` on each item with at most `limit` running at once, in any order. The first
 * failure (a message) stops new work from starting; the work already running is waited for,
 * so nothing is left going when this returns. A throw is a bug and is thrown again, likewise
 * after the rest has settled.
 */
export async function eachAtMost<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<string | undefined>,
): Promise<string | undefined> {
  let next = 0;
  let failure: string | undefined;
  let thrown: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && thrown === undefined && next < items.length) {
      const item = items[next] as T;
      next += 1;
      try {
        const result = await work(item);
        if (result !== undefined && failure === undefined) failure = result;
      } catch (error) {
        thrown ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (thrown) throw thrown.error;
  return failure;
}

/**
 * Starts `start(i)` for i = 0 … count − 1 with at most `limit` started and not yet handed on,
 * and hands the answers to `take` in order. A slot is refilled only after `take` returns, so at
 * most `limit` answers are held at once, the one being taken included. `take` answering a
 * message stops the rest; the requests still running are waited for before this returns.
 */
export async function inOrderAtMost<A>(
  count: number,
  limit: number,
  start: (index: number) => Promise<A>,
  take: (answer: A, index: number) => Promise<string | undefined>,
): Promise<string | undefined> {
  const running: Promise<A>[] = [];
  let started = 0;
  const fill = (upTo: number) => {
    while (started < count && started < upTo) {
      running.push(start(started));
      started += 1;
    }
  };
  fill(limit);
  try {
    for (let index = 0; index < count; index++) {
      const answer = await (running.shift() as Promise<A>);
      const stop = await take(answer, index);
      if (stop !== undefined) return stop;
      fill(index + 1 + limit);
    }
    return undefined;
  } finally {
    await Promise.allSettled(running);
  }
}
