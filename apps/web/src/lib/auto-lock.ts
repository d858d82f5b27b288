import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'scroll'] as const;

/**
 * Locks after `idleMinutes` without input, and when the page has been hidden for longer than
 * `hiddenGraceSeconds` (0 = at once). Timers in hidden tabs are throttled, so on return the
 * hidden time is measured from the clock rather than trusted to a timer.
 */
export function useAutoLock(
  enabled: boolean,
  idleMinutes: number,
  hiddenGraceSeconds: number,
  lock: () => void,
): void {
  const lockRef = useRef(lock);
  lockRef.current = lock;

  useEffect(() => {
    if (!enabled) return;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let hiddenTimer: ReturnType<typeof setTimeout> | undefined;
    let hiddenAt: number | undefined;
    const idleMs = Math.min(idleMinutes * 60_000, 2 ** 31 - 1);
    const graceMs = hiddenGraceSeconds * 1000;

    const resetIdle = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => lockRef.current(), idleMs);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        hiddenAt = Date.now();
        if (graceMs === 0) lockRef.current();
        else hiddenTimer = setTimeout(() => lockRef.current(), graceMs);
        return;
      }
      clearTimeout(hiddenTimer);
      if (hiddenAt !== undefined && Date.now() - hiddenAt >= graceMs) lockRef.current();
      hiddenAt = undefined;
      resetIdle();
    };

    resetIdle();
    for (const type of ACTIVITY_EVENTS) {
      window.addEventListener(type, resetIdle, { passive: true, capture: true });
    }
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearTimeout(idleTimer);
      clearTimeout(hiddenTimer);
      for (const type of ACTIVITY_EVENTS) {
        window.removeEventListener(type, resetIdle, { capture: true });
      }
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [enabled, idleMinutes, hiddenGraceSeconds]);
}
