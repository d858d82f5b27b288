import { useEffect, useRef } from 'react';

/**
 * Shown 30 seconds before the idle lock. Any press puts the lock off; "Stay unlocked" is the
 * obvious one. What is being written is kept as a draft either way. A native modal dialog: it
 * floats over the page, so what it covers is made inert rather than left to be pressed through
 * it; Escape stays unlocked. Focus goes to the button and back where it was after.
 */
export function LockWarning(props: { onStay(): void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement;
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    ref.current?.focus();
    return () => {
      dialog?.close();
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialogRef}
      className="lock-warning"
      role="alertdialog"
      aria-labelledby="lock-warning-title"
      aria-describedby="lock-warning-words"
      onCancel={(e) => {
        e.preventDefault();
        props.onStay();
      }}
    >
      <h2 id="lock-warning-title">Locking soon</h2>
      <p id="lock-warning-words">
        Nothing has been pressed for a while, so this will lock in 30 seconds. Anything you are
        writing is kept as a draft.
      </p>
      <button ref={ref} type="button" className="button" onClick={props.onStay}>
        Stay unlocked
      </button>
    </dialog>
  );
}
