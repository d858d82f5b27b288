import type { Navigate } from '../diary/routes';
import type { ImportOutcome } from '../worker/import-types';

const count = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** What the import added and where to see it; or, when it did not go in, what to do next. */
export function ImportResult(props: { outcome: ImportOutcome; navigate: Navigate }) {
  const o = props.outcome;
  // A cancel is what the person asked for: said plainly, not raised as an alarm.
  if (!o.ok && o.reason === 'cancelled')
    return (
      <p className="notice" role="status" tabIndex={-1}>
        {o.message}
      </p>
    );
  if (!o.ok)
    return (
      <p className="alert" role="alert" tabIndex={-1}>
        {o.message}
      </p>
    );
  // "AB/1 WhatsApp Chat with Sam.zip" reads as "AB/1 (WhatsApp Chat with Sam.zip)".
  const exhibits = o.exhibits.map((line) => line.replace(/^(\S+) (.+)$/, '$1 ($2)'));
  const added = [
    o.messages > 0 ? count(o.messages, 'message', 'messages') : '',
    o.calls > 0 ? count(o.calls, 'call', 'calls') : '',
  ].filter(Boolean);
  return (
    <section className="import-result" aria-labelledby="import-done-title">
      <h2 id="import-done-title" tabIndex={-1}>
        {added.length > 0 ? `Imported ${added.join(' and ')}` : 'Nothing new to import'}
      </h2>
      <div role="status">
        {added.length === 0 ? (
          <p>
            Everything in {o.alreadyThere === 1 ? 'this file' : 'these files'} was in your casebook
            already, so nothing was added twice.
          </p>
        ) : (
          <>
            <p>
              {o.exhibits.length === 1
                ? `The export is kept exactly as it was, as exhibit ${exhibits[0]}.`
                : `The exports are kept exactly as they were, as exhibits ${exhibits.join('; ')}.`}
              {o.alreadyThere > 0
                ? ` ${count(o.alreadyThere, 'message or call was', 'messages and calls were')} in your casebook already and ${o.alreadyThere === 1 ? 'was' : 'were'} not added twice.`
                : ''}
            </p>
            <p>
              {o.incidents.length === 0
                ? 'No incidents were made: you can still add some yourself from the Incidents screen.'
                : `${count(o.incidents.length, 'incident was', 'incidents were')} added. They count in Pattern and appear in your report.`}
            </p>
          </>
        )}
      </div>
      <div className="button-row">
        {o.incidents.length > 0 ? (
          <button
            type="button"
            className="button"
            onClick={() => props.navigate({ name: 'timeline' })}
          >
            See the incidents
          </button>
        ) : null}
        {o.evidence.length > 0 ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => props.navigate({ name: 'evidence' })}
          >
            See the exhibit in Evidence
          </button>
        ) : null}
        {o.incidents.length > 0 ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => props.navigate({ name: 'pattern' })}
          >
            See the pattern
          </button>
        ) : null}
      </div>
    </section>
  );
}
