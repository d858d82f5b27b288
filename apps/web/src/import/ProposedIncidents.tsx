import { behaviourLabel, channelLabel } from '../diary/labels';
import type { Proposal } from './use-import';

/**
 * The incidents Casebook suggests, one a burst of contact: each is made only if the person
 * ticks it, and can be merged with the next, split at its longest pause, or dropped. The
 * messages are kept whatever is chosen here.
 */
export function ProposedIncidents(props: {
  proposals: readonly Proposal[];
  undated: number;
  disabled: boolean;
  onConfirm(i: number, on: boolean): void;
  onConfirmAll(on: boolean): void;
  onMerge(i: number): void;
  onSplit(i: number): void;
  onDrop(i: number): void;
}) {
  const ticked = props.proposals.filter((p) => p.confirmed).length;
  return (
    <section aria-labelledby="proposed-title" className="import-step">
      <h2 id="proposed-title">Incidents to add</h2>
      <p>
        Each burst of contact from the person responsible could be one incident. Nothing becomes an
        incident unless you tick it. Every message is kept either way, in the exhibit.
      </p>
      {props.proposals.length === 0 ? (
        <p className="hint">No new messages or calls from them to suggest incidents from.</p>
      ) : (
        <>
          <div className="button-row">
            <button
              type="button"
              className="button secondary"
              disabled={props.disabled}
              onClick={() => props.onConfirmAll(ticked < props.proposals.length)}
            >
              {ticked < props.proposals.length ? 'Tick them all' : 'Untick them all'}
            </button>
          </div>
          <p className="hint" aria-live="polite">
            {ticked === 0
              ? 'None ticked yet.'
              : `${ticked} of ${props.proposals.length} ticked to become incidents.`}
          </p>
          <ol className="import-proposals">
            {props.proposals.map((p, i) => {
              const behaviours = p.view.behaviours.map(behaviourLabel).join(', ');
              return (
                <li key={p.view.keys[0] ?? i} className="import-proposal">
                  <label className="check">
                    <input
                      type="checkbox"
                      autoComplete="off"
                      checked={p.confirmed}
                      disabled={props.disabled}
                      onChange={(e) => props.onConfirm(i, e.target.checked)}
                    />
                    <span className="import-proposal-title">
                      Make an incident of {p.view.summary}
                    </span>
                  </label>
                  <p className="hint">
                    {channelLabel(p.view.channel)}
                    {behaviours ? `: ${behaviours}` : ''}
                    {p.view.reasons.length > 0
                      ? `. Suggested by the words ${p.view.reasons.map((r) => `“${r.words}”`).join(', ')}`
                      : ''}
                  </p>
                  <div className="button-row">
                    {i + 1 < props.proposals.length ? (
                      <button
                        type="button"
                        className="button quiet"
                        disabled={props.disabled}
                        onClick={() => props.onMerge(i)}
                      >
                        Merge with the next
                        <span className="visually-hidden"> (suggestion {i + 1})</span>
                      </button>
                    ) : null}
                    {p.view.splitAt !== undefined ? (
                      <button
                        type="button"
                        className="button quiet"
                        disabled={props.disabled}
                        onClick={() => props.onSplit(i)}
                      >
                        Split in two
                        <span className="visually-hidden"> (suggestion {i + 1})</span>
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="button quiet"
                      disabled={props.disabled}
                      onClick={() => props.onDrop(i)}
                    >
                      Drop
                      <span className="visually-hidden"> (suggestion {i + 1})</span>
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      )}
      {props.undated > 0 ? (
        <p className="hint">
          {props.undated} of their messages have no time that could be read: they are kept, in no
          incident.
        </p>
      ) : null}
    </section>
  );
}
