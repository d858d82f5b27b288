import { useId } from 'react';
import type { UnlockNoticesView } from '../worker/protocol';
import { describeFailedAttempts } from './notice-words';

/** Whether unlock found anything worth telling the person. */
export function hasNotices(notices: UnlockNoticesView | undefined): notices is UnlockNoticesView {
  return Boolean(notices?.failedAttempts || notices?.wentBackwards || notices?.upgraded);
}

/**
 * What happened since the casebook was last opened here, shown once after unlocking: wrong
 * passphrases tried, a history that went backwards, an upgrade. Calm words, what to do next,
 * and dismissed by the person. It sits above the first screen, whose heading keeps the focus;
 * dismissing hands focus back to that heading.
 */
export function UnlockNoticesPanel(props: { notices: UnlockNoticesView; onDismiss(): void }) {
  const { failedAttempts, wentBackwards, upgraded } = props.notices;
  const headingId = useId();

  const dismiss = () => {
    props.onDismiss();
    document.querySelector<HTMLElement>('main h1')?.focus();
  };

  return (
    <section className="unlock-notices" aria-labelledby={headingId}>
      <h2 id={headingId}>Since you last opened your casebook</h2>
      <div role="status">
        {wentBackwards ? (
          <div className="notice">
            <p>
              <strong>Its history is not where it was last time.</strong>
            </p>
            <p>{wentBackwards.message}</p>
            <p>
              Until you have compared them, keep using this casebook as normal and do not delete
              anything. If you are unsure, a support worker can help you look at it.
            </p>
          </div>
        ) : null}
        {failedAttempts ? (
          <div className="notice">
            <p>
              <strong>{describeFailedAttempts(failedAttempts)}</strong>
            </p>
            <p>
              If that was you, there is nothing to do. If it was not, someone may have tried to open
              it: think about who can reach this device, and consider changing your passphrase in
              Settings. Nothing was changed, and this is kept in the audit log.
            </p>
          </div>
        ) : null}
        {upgraded ? (
          <p className="success">
            Your casebook was brought up to date for this version of Casebook. Your records are as
            they were.
          </p>
        ) : null}
      </div>
      <div className="button-row">
        <button type="button" className="button secondary" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
