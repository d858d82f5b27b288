import type { SafetyPlan } from '@casebook/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDiary } from '../diary/use-diary-data';
import { emptySafetyPlan, SAFETY_PLAN_ID, stamped } from './safety-plan-model';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * The safety plan with autosave: every change is written as a new revision of the one plan
 * record, in order (the vault queues writes). Text changes wait a moment so typing is not
 * saved a letter at a time; `flush` writes a waiting change at once.
 */
export function useSafetyPlan(delayMs = 800) {
  const diary = useDiary();
  const stored = diary.lists['safety-plan'].find((r) => r.id === SAFETY_PLAN_ID);
  const [plan, setPlan] = useState<SafetyPlan>(() =>
    stored?.state === 'live' ? stored.body : emptySafetyPlan(new Date()),
  );
  const [state, setState] = useState<SaveState>('idle');
  const pending = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(plan);

  const write = useCallback(
    (next: SafetyPlan) => {
      pending.current++;
      setState('saving');
      diary
        .save('safety-plan', SAFETY_PLAN_ID, stamped(next, new Date()))
        .then(() => {
          pending.current--;
          if (pending.current === 0) setState('saved');
        })
        .catch(() => {
          pending.current--;
          setState('failed');
        });
    },
    [diary],
  );

  const flush = useCallback(() => {
    if (timer.current === undefined) return;
    clearTimeout(timer.current);
    timer.current = undefined;
    write(latest.current);
  }, [write]);

  const change = useCallback(
    (next: SafetyPlan, options: { typing?: boolean } = {}) => {
      latest.current = next;
      setPlan(next);
      if (timer.current !== undefined) clearTimeout(timer.current);
      timer.current = undefined;
      if (options.typing) {
        setState('saving');
        timer.current = setTimeout(() => {
          timer.current = undefined;
          write(latest.current);
        }, delayMs);
      } else {
        write(next);
      }
    },
    [write, delayMs],
  );

  useEffect(() => () => flush(), [flush]);

  return { plan, state, change, flush };
}
