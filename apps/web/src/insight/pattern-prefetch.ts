/** How long the incident list must stay unchanged before Pattern's analysis is asked again. */
export const PREFETCH_QUIET_MS = 2000;

interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * When Pattern's analysis is worked out ahead of a visit, so the screen only draws: at once
 * when every incident has first come in, then again only once the list has been quiet for a
 * while. The analysis holds the vault worker for up to a few hundred milliseconds with 10,000
 * incidents, and asked after every save it made a second quick save wait behind it.
 * The Pattern screen itself still asks at once (usePattern), so a visit is never stale.
 */
export function patternPrefetcher(request: (list: object) => unknown, timers: Timers = realTimers) {
  let primed = false;
  let pending: unknown;
  const cancel = () => {
    if (pending !== undefined) timers.clear(pending);
    pending = undefined;
  };
  return {
    listChanged(everyIncidentIn: boolean, list: object): void {
      cancel();
      if (!everyIncidentIn) return;
      if (!primed) {
        primed = true;
        request(list);
        return;
      }
      pending = timers.set(() => {
        pending = undefined;
        request(list);
      }, PREFETCH_QUIET_MS);
    },
    stop: cancel,
  };
}
