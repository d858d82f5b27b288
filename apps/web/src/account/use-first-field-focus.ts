import { type RefObject, useEffect } from 'react';

/**
 * Puts focus in the form's first field when the screen opens (after the heading's own focus,
 * as a parent's effect runs after its children's), and on the field an error names.
 */
export function useFirstFieldFocus(form: RefObject<HTMLFormElement | null>, key?: string) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` re-runs it on purpose (a new attempt, a new field).
  useEffect(() => {
    const fields = form.current?.querySelectorAll<HTMLInputElement>('input:not([type="checkbox"])');
    const invalid = form.current?.querySelector<HTMLInputElement>('input[aria-invalid="true"]');
    (invalid ?? fields?.[0])?.focus();
  }, [form, key]);
}
