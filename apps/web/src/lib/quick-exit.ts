import { exitUrl, loadPrefs } from './prefs';

type ExitHook = () => void;
const hooks = new Set<ExitHook>();

/** Registers something to drop on Quick exit (the vault worker, decrypted state). */
export function onQuickExit(hook: ExitHook): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/**
 * Leaves at once, after the GOV.UK "Exit this page" pattern: locks (drops keys and every
 * decrypted object), blanks the page, then replaces the current history entry with the
 * neutral page so Back does not return here.
 */
export function quickExit(): void {
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      // Leaving matters more than any clean-up.
    }
  }
  document.title = '';
  document.body.replaceChildren();
  window.location.replace(exitUrl(loadPrefs()));
}

/** Three presses of Shift within this many milliseconds, with no other key between, exit. */
const SHIFT_WINDOW_MS = 2000;

/** Listens for Shift pressed three times; returns the function that stops listening. */
export function listenForShiftExit(target: Window = window): () => void {
  let presses: number[] = [];
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Shift') {
      presses = [];
      return;
    }
    if (event.repeat) return;
    const now = performance.now();
    presses = [...presses.filter((t) => now - t < SHIFT_WINDOW_MS), now];
    if (presses.length >= 3) {
      presses = [];
      quickExit();
    }
  };
  target.addEventListener('keydown', onKeyDown, true);
  return () => target.removeEventListener('keydown', onKeyDown, true);
}
