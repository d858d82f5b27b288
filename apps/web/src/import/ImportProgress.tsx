import { useEffect, useRef } from 'react';
import type { Running } from './use-import';

/** The import's progress bar (the export files being stored) and its Cancel. */
export function ImportProgress(props: { running: Running; onCancel(): void }) {
  const { done, total } = props.running;
  const percent = total === 0 ? 0 : Math.min(100, Math.floor((done / total) * 100));
  const ref = useRef<HTMLElement>(null);
  // On a phone the bar appears below the fold, under the button just pressed: bring it (and
  // its Cancel) into view once, when the import starts; not on each update.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <section
      ref={ref}
      className="import-step import-progress"
      aria-labelledby="import-progress-label"
    >
      <div className="field">
        <label id="import-progress-label" htmlFor="import-progress">
          Importing messages
        </label>
        <progress id="import-progress" max={100} value={percent} />
        <span className="hint">
          Nothing is added until everything is in: cancel now and nothing will have changed.
        </span>
      </div>
      <div className="button-row">
        <button type="button" className="button secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
