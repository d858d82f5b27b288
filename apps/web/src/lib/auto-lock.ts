import { useEffect, useRef, useState } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'scroll'] as const;

/** How long before the idle lock the person is warned ("Locking soon"). */
export const WARN_BEFORE_MS = 30_000;

/** When to warn and when to lock after the last input, for an idle time in minutes. */
export function idleTimings(idleMinutes: number): { warnMs: number; lockMs: number } {
  const lockMs = Math.min(idleMinutes * 60_000, 2 ** 31 - 1);
  return { warnMs: Math.max(0, lockMs - WARN_BEFORE_MS), lockMs };
}

/**
 * Locks after `idleMinutes` without input, warning 30 seconds before (`warning` is then true;
 * any input, such as "Stay unlocked", puts the lock off again), and when the page has been
 * hidden for longer than `hiddenGraceSeconds` (0 = at once). Timers in hidden tabs are
 * throttled, so on return the hidden time is measured from the clock rather than trusted to a
 * timer. `onWarn` runs when the warning shows and when the page is hidden: the moment to write
 * what is pending (drafts), while the vault is still open.
 */
export function useAutoLock(
  enabled: boolean,
  idleMinutes: number,
  hiddenGraceSeconds: number,
  lock: () => void,
  onWarn?: () => void,
): { warning: boolean; stay(): void } {
  const lockRef = useRef(lock);
  lockRef.current = lock;
  const warnRef = useRef(onWarn);
  warnRef.current = onWarn;
  const [warning, setWarning] = useState(false);
  const resetRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (!enabled) {
      setWarning(false);
      return;
    }
    let warnTimer: ReturnType<typeof setTimeout> | undefined;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let hiddenTimer: ReturnType<typeof setTimeout> | undefined;
    let hiddenAt: number | undefined;
    const { warnMs, lockMs } = idleTimings(idleMinutes);
    const graceMs = hiddenGraceSeconds * 1000;

    const resetIdle = () => {
      clearTimeout(idleTimer);
      clearTimeout(warnTimer);
      setWarning(false);
      warnTimer = setTimeout(() => {
        setWarning(true);
        warnRef.current?.();
      }, warnMs);
      idleTimer = setTimeout(() => lockRef.current(), lockMs);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') {
        hiddenAt = Date.now();
        warnRef.current?.();
        if (graceMs === 0) lockRef.current();
        else hiddenTimer = setTimeout(() => lockRef.current(), graceMs);
        return;
      }
      clearTimeout(hiddenTimer);
      if (hiddenAt !== undefined && Date.now() - hiddenAt >= graceMs) lockRef.current();
      hiddenAt = undefined;
      resetIdle();
    };

    resetRef.current = resetIdle;
    resetIdle();
    for (const type of ACTIVITY_EVENTS) {
      window.addEventListener(type, resetIdle, { passive: true, capture: true });
    }
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearTimeout(idleTimer);
      clearTimeout(warnTimer);
      clearTimeout(hiddenTimer);
      for (const type of ACTIVITY_EVENTS) {
        window.removeEventListener(type, resetIdle, { capture: true });
      }
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [enabled, idleMinutes, hiddenGraceSeconds]);

  return { warning, stay: () => resetRef.current() };
}
