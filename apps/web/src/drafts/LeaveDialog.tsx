import { useEffect, useRef } from 'react';

/**
 * Asked when a form with changes would be left (another section, Cancel): keep writing, keep
 * it as a draft, or discard it. A native modal dialog, so focus stays in it and Escape keeps
 * writing.
 */
export function LeaveDialog(props: {
  noun: string;
  /** Nothing can be kept as a draft: stay, or leave without it. */
  draftless?: boolean | undefined;
  onStay(): void;
  onKeep(): void;
  onDiscard(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="leave-dialog"
      aria-labelledby="leave-title"
      aria-describedby="leave-words"
      onCancel={(e) => {
        e.preventDefault();
        props.onStay();
      }}
    >
      <h2 id="leave-title">Leave this {props.noun}?</h2>
      {props.draftless ? (
        <>
          <p id="leave-words">
            Nothing has been added yet. If you leave now, you will need to choose the files again to
            carry on.
          </p>
          <div className="button-row stacked">
            <button type="button" className="button" onClick={props.onStay}>
              Stay here
            </button>
            <button type="button" className="button quiet" onClick={props.onDiscard}>
              Leave without importing
            </button>
          </div>
        </>
      ) : (
        <>
          <p id="leave-words">
            What you wrote has not been saved as {/^[aeiou]/.test(props.noun) ? 'an' : 'a'}{' '}
            {props.noun} yet. You can keep it as a draft: it stays encrypted on this device and you
            can carry on with it later.
          </p>
          <div className="button-row stacked">
            <button type="button" className="button" onClick={props.onStay}>
              Keep writing
            </button>
            <button type="button" className="button secondary" onClick={props.onKeep}>
              Keep it as a draft
            </button>
            <button type="button" className="button quiet" onClick={props.onDiscard}>
              Discard what I wrote
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
