import { useSyncExternalStore } from 'react';

/**
 * How many bytes of each running file have gone in, kept outside React state. An intake reports
 * progress up to 200 times a file; held in the diary's state, each report re-rendered the whole
 * diary and whichever screen was showing (the timeline of every incident, say). Here a report
 * re-renders only the progress bars that show it.
 */
export class IntakeProgress {
  readonly #done = new Map<number, number>();
  readonly #listeners = new Set<() => void>();

  /** Bytes gone in of the job with this key, if it has reported any. */
  get(key: number): number | undefined {
    return this.#done.get(key);
  }

  set(key: number, done: number): void {
    this.#done.set(key, done);
    for (const listener of this.#listeners) listener();
  }

  /**
   * Forgets a job that has finished (its final state lives with the job itself). Listeners
   * are not told: the job's own change of state re-renders its row, and a bar still showing
   * reads the job's `done` from then on.
   */
  forget(key: number): void {
    this.#done.delete(key);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
}

/** Bytes gone in of one job: the latest report, else what the job itself says. */
export function useBytesIn(progress: IntakeProgress, job: { key: number; done: number }): number {
  return useSyncExternalStore(progress.subscribe, () => progress.get(job.key) ?? job.done);
}
