import { useCallback, useEffect, useState } from 'react';
import { Alert } from '../components/Fields';
import { vault } from '../data/vault';
import type { ConflictView } from '../worker/protocol';
import { conflictDifferences } from './conflict-differences';
import { whenText } from './sync-words';

/** A side's words: what it says happened (incidents), a name, or that it was deleted. */
function sideText(side: ConflictView['sides'][number]): string {
  if (side.deleted) return `Deleted${side.reason ? `: “${side.reason}”` : '.'}`;
  const body = side.body as Record<string, unknown> | undefined;
  for (const key of ['whatHappened', 'name', 'title', 'description', 'notes']) {
    const value = body?.[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return 'A version with other details.';
}

/**
 * Records edited on two devices (or deleted on one and edited on another): both versions are
 * kept and shown, and the person chooses which to keep; that choice is a new version, logged,
 * and reaches the other devices at the next sync. `only` shows one record's (where it is shown).
 */
export function ConflictNotice(props: { only?: { kind: string; id: string } }) {
  const [conflicts, setConflicts] = useState<ConflictView[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [working, setWorking] = useState(false);
  const [settled, setSettled] = useState<string | undefined>();

  const kind = props.only?.kind;
  const id = props.only?.id;
  const load = useCallback(async () => {
    try {
      const all = await vault.call('conflicts');
      setConflicts(kind ? all.filter((c) => c.kind === kind && c.id === id) : all);
    } catch {
      setConflicts([]);
    }
  }, [kind, id]);

  useEffect(() => {
    void load();
    return vault.onSynced(() => void load());
  }, [load]);

  const choose = async (c: ConflictView, device: string) => {
    if (working) return;
    setWorking(true);
    try {
      const result = await vault.call('resolveConflict', c.kind, c.id, c.rev, device);
      setError(result.ok ? undefined : result.message);
      if (result.ok) {
        setSettled(
          'Your choice is saved. The other version stays in the record’s history, and your other devices get the choice at their next sync.',
        );
      }
    } catch {
      setError('That choice could not be saved just now. Both versions are still kept. Try again.');
    }
    setWorking(false);
    await load();
  };

  // The region stays while it has something to say, so the outcome of a choice is announced.
  const said = settled ? <p role="status">{settled}</p> : null;
  if (conflicts.length === 0) return said;
  return (
    <section aria-label="Edited on two devices" className="card">
      {error ? <Alert>{error}</Alert> : null}
      {said}
      {conflicts.map((c) => {
        // The side's summary line already shows its text: a difference that only repeats it is left out.
        const differences = conflictDifferences(c.sides).map((fields, index) => {
          const side = c.sides[index];
          const summary = side ? sideText(side) : '';
          return fields.filter((d) => !summary.startsWith(d.value.replace(/…$/, '')));
        });
        return (
          <div key={`${c.kind}-${c.id}-${c.rev}`}>
            <h2>{c.label}</h2>
            <p>
              Both versions are kept. Choose the one to keep from now on; the other stays in the
              record’s history.
            </p>
            <ul className="plain-list">
              {c.sides.map((side, index) => (
                <li key={side.device}>
                  <p>
                    <strong>{side.thisDevice ? 'This device' : 'Another device'}</strong>, saved{' '}
                    {whenText(side.at)}
                  </p>
                  <p className="break-anywhere">{sideText(side)}</p>
                  {(differences[index]?.length ?? 0) > 0 ? (
                    <dl className="conflict-differences break-anywhere">
                      {differences[index]?.map((d) => (
                        <div key={d.label}>
                          <dt>{d.label}</dt>
                          <dd>{d.value}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                  <button
                    type="button"
                    className="button secondary"
                    disabled={working}
                    onClick={() => void choose(c, side.device)}
                  >
                    {side.thisDevice
                      ? 'Keep this device’s version'
                      : 'Keep the other device’s version'}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
