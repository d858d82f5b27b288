import {
  type Dispatch,
  type SetStateAction,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { type DraftForm, type DraftView, draftSlot, restoreValues } from './draft-body';
import { useLeaveGuards } from './leave-guard';
import { useDrafts } from './use-drafts';

/** Quiet time after the last change before the draft is written, and the longest wait. */
const DEBOUNCE_MS = 1000;
const MAX_WAIT_MS = 5000;

export interface FormDraft<T> {
  readonly values: T;
  readonly setValues: Dispatch<SetStateAction<T>>;
  /** The kept draft this form started from, if any. */
  readonly restored: DraftView | undefined;
  readonly dirty: boolean;
  /** Call once the record is saved: the draft goes and leaving no longer asks. */
  saved(): Promise<void>;
  /** Runs `leave` (Cancel, a section) at once if nothing would be lost, else after asking. */
  leave(leave: () => void): void;
}

/**
 * A form's state, kept as an encrypted draft while it differs from what it started as: written
 * a second after typing stops (at most five seconds apart), at once before a lock, and when the
 * form is left. A draft kept for this form is carried on when it opens.
 */
export function useFormDraft<T extends object>(options: {
  form: DraftForm;
  target?: string | undefined;
  noun: string;
  initial: () => T;
  /** Undoes what was made only for this draft (a person added from the form). */
  onDiscard?: ((values: T) => Promise<void>) | undefined;
}): FormDraft<T> {
  const { form, target, noun } = options;
  const drafts = useDrafts();
  const guards = useLeaveGuards();
  const slot = draftSlot(form, target);
  const [base] = useState(options.initial);
  const [restored] = useState(() => drafts.kept.find((d) => d.slot === slot));
  const [values, setValues] = useState<T>(() =>
    restored ? restoreValues(base, restored.body.values) : base,
  );
  const baseJson = useMemo(() => JSON.stringify(base), [base]);
  const dirty = JSON.stringify(values) !== baseJson;

  const valuesRef = useRef(values);
  valuesRef.current = values;
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const doneRef = useRef(false);
  const hasKept = useRef(restored !== undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const firstChange = useRef<number | undefined>(undefined);
  const onDiscardRef = useRef(options.onDiscard);
  onDiscardRef.current = options.onDiscard;
  const { keep, discard, onFlush } = drafts;

  const write = useCallback(async () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    firstChange.current = undefined;
    if (doneRef.current) return;
    if (dirtyRef.current) {
      hasKept.current = true;
      await keep(slot, {
        v: 1,
        form,
        ...(target !== undefined && { target }),
        values: valuesRef.current as Record<string, unknown>,
      });
    } else if (hasKept.current) {
      hasKept.current = false;
      await discard(slot);
    }
  }, [keep, discard, slot, form, target]);

  // Each change (re)starts the quiet-time timer, but never puts the write off for too long.
  useEffect(() => {
    if (doneRef.current || (!dirty && !hasKept.current)) return;
    if (
      JSON.stringify(values) === JSON.stringify(restored?.body.values) &&
      timer.current === undefined
    ) {
      return; // just carried on: it is kept already
    }
    const now = Date.now();
    firstChange.current ??= now;
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, firstChange.current + MAX_WAIT_MS - now));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void write(), wait);
  }, [values, dirty, restored, write]);

  useEffect(
    () => onFlush(() => (timer.current === undefined ? Promise.resolve() : write())),
    [onFlush, write],
  );

  // Leaving the form (any way) writes what is pending.
  useEffect(
    () => () => {
      if (timer.current !== undefined) void write();
    },
    [write],
  );

  const drop = useCallback(async () => {
    doneRef.current = true;
    clearTimeout(timer.current);
    timer.current = undefined;
    await onDiscardRef.current?.(valuesRef.current);
    await discard(slot);
  }, [discard, slot]);

  useEffect(
    () =>
      guards.register({
        noun,
        dirty: () => dirtyRef.current && !doneRef.current,
        keep: write,
        discard: drop,
      }),
    [guards, noun, write, drop],
  );

  const saved = useCallback(async () => {
    doneRef.current = true;
    clearTimeout(timer.current);
    timer.current = undefined;
    if (hasKept.current) await discard(slot);
  }, [discard, slot]);

  return { values, setValues, restored, dirty, saved, leave: guards.request };
}
