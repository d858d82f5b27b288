import type { EvidenceItem, Incident } from '@casebook/core';
import { type FormEvent, type SyntheticEvent, useEffect, useId, useMemo, useState } from 'react';
import { Alert, TextArea } from '../components/Fields';
import { DeleteForm } from '../diary/DeleteForm';
import { Details } from '../diary/Details';
import { formatInstant, formatZoned } from '../diary/format';
import type { Navigate, Route } from '../diary/routes';
import { useDiary } from '../diary/use-diary-data';
import { describeEvidence, mediaLabel, sameFileAs } from './describe-evidence';
import { EvidenceNotes } from './EvidenceNotes';
import { EvidenceThumb } from './EvidenceThumb';
import { evidenceNotes } from './evidence-times';
import { formatBytes } from './format-bytes';
import { saveEvidenceDetails } from './links';
import { Sha256Details } from './Sha256Details';

export function incidentLabel(incident: Incident): string {
  const text = incident.whatHappened.replace(/\s+/g, ' ').trim();
  return `${formatZoned(incident.when.start)}: ${text.length > 60 ? `${text.slice(0, 59)}…` : text}`;
}

const MORE = new Set(['File name', 'Added to the casebook', 'How it came in', 'File last changed']);

/**
 * One evidence item: a compact summary (thumbnail, name, kind, size, when added, how many
 * incidents) with its buttons, and everything else Casebook knows about it under "Details"
 * (issue 13: a card was about 1,200 px tall at 390 px wide; 200 of them could not be scrolled).
 * A `div`: the list's row (`VirtualList`'s `li`) holds it.
 */
export function EvidenceCard(props: {
  item: EvidenceItem;
  navigate: Navigate;
  back: Route;
  /** Told when an Edit or Delete form opens or closes (a windowed list keeps it drawn). */
  onFormOpen?: (id: string, open: boolean) => void;
  /**
   * Which of the card's disclosures are open, kept by the list: a windowed list unmounts a card
   * scrolled away, and its own state would fold them when it came back.
   */
  disclosures?: Disclosures;
}) {
  const diary = useDiary();
  const { item, onFormOpen } = props;
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  useEffect(() => {
    if (mode === 'view') return;
    onFormOpen?.(item.id, true);
    return () => onFormOpen?.(item.id, false);
  }, [mode, item.id, onFormOpen]);
  const incidents = useMemo(
    () =>
      diary.lists.incident.flatMap((r) =>
        r.state === 'live' ? [{ id: r.id, label: incidentLabel(r.body) }] : [],
      ),
    [diary.lists.incident],
  );
  const linked = item.incidents.map(
    (id) => incidents.find((i) => i.id === id)?.label ?? 'An incident that has been deleted',
  );
  const others = useMemo(
    () => diary.lists.evidence.flatMap((r) => (r.state === 'live' ? [r.body as EvidenceItem] : [])),
    [diary.lists.evidence],
  );
  const same = sameFileAs(item, others);
  const all = [
    ...describeEvidence(item, linked).filter(
      (l) => !['SHA-256', 'Exhibit reference', 'About these details'].includes(l.label),
    ),
    ...(same ? [{ label: 'Same file as', value: same }] : []),
  ];
  // On a phone the card stays short: how it came in folds away under "More about this file".
  const lines = all.filter((l) => !MORE.has(l.label));
  const more = all.filter((l) => MORE.has(l.label));
  const title = item.exhibitRef ? `${item.exhibitRef} · ${item.originalName}` : item.originalName;
  // Every card has the same buttons: each one is described by its card's title, so a screen
  // reader moving from button to button hears which exhibit "History" belongs to.
  const titleId = useId();

  return (
    <div className="card evidence-card">
      <div className="evidence-summary">
        <EvidenceThumb item={item} />
        <div className="evidence-summary-text">
          <h2 className="evidence-title" id={titleId}>
            {title}
          </h2>
          <p className="card-meta">
            {mediaLabel(item.mediaType)} · {formatBytes(item.size)} · added{' '}
            {formatInstant(item.intakeAt)}
            {item.incidents.length > 0
              ? ` · ${item.incidents.length} ${item.incidents.length === 1 ? 'incident' : 'incidents'}`
              : ''}
          </p>
          {item.description ? <p className="evidence-description">{item.description}</p> : null}
        </div>
      </div>
      <details className="evidence-details" {...disclosure(props.disclosures, item.id, 'details')}>
        <summary>
          Details<span className="visually-hidden"> of {title}</span>
        </summary>
        <Details lines={lines} />
        <EvidenceNotes notes={evidenceNotes(item)} />
        <details className="more-details" {...disclosure(props.disclosures, item.id, 'more')}>
          <summary>More about this file</summary>
          <Details lines={more} />
        </details>
        <Sha256Details value={item.sha256} />
      </details>
      {mode === 'edit' ? (
        <EditEvidence item={item} incidents={incidents} onDone={() => setMode('view')} />
      ) : null}
      {mode === 'delete' ? (
        <DeleteForm
          what="evidence item"
          onCancel={() => setMode('view')}
          onDelete={async (reason) => {
            await diary.remove('evidence', item.id, reason);
          }}
        />
      ) : null}
      {mode === 'view' ? (
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => props.navigate({ name: 'evidence-view', id: item.id, back: props.back })}
          >
            Open {item.exhibitRef ?? item.originalName}
          </button>
          <button
            type="button"
            className="button secondary"
            aria-describedby={titleId}
            aria-label="Edit description and links"
            onClick={() => setMode('edit')}
          >
            {/* Short words keep the buttons on two rows on a phone; the name says it all and
                starts with what is shown (WCAG 2.5.3). */}
            Edit
          </button>
          <button
            type="button"
            className="button quiet"
            aria-describedby={titleId}
            onClick={() => props.navigate({ name: 'history', kind: 'evidence', id: item.id })}
          >
            History
          </button>
          <button
            type="button"
            className="button quiet"
            aria-describedby={titleId}
            aria-label="Delete evidence item"
            onClick={() => setMode('delete')}
          >
            Delete
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** Open disclosures by `id:part`, and how to change one. */
export interface Disclosures {
  readonly open: ReadonlySet<string>;
  toggle(key: string, open: boolean): void;
}

/** The `open` and `onToggle` of one `<details>`, when the list keeps them. */
function disclosure(d: Disclosures | undefined, id: string, part: string) {
  if (!d) return {};
  const key = `${id}:${part}`;
  return {
    open: d.open.has(key),
    onToggle: (e: SyntheticEvent<HTMLDetailsElement>) => {
      // Only this element's own toggle: a nested <details> toggling bubbles up through it.
      if (e.target === e.currentTarget) d.toggle(key, e.currentTarget.open);
    },
  };
}

function EditEvidence(props: {
  item: EvidenceItem;
  incidents: { id: string; label: string }[];
  onDone(): void;
}) {
  const diary = useDiary();
  const [description, setDescription] = useState(props.item.description ?? '');
  const [chosen, setChosen] = useState<string[]>([...props.item.incidents]);
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    try {
      await saveEvidenceDetails(diary, props.item, description, chosen);
      props.onDone();
    } catch (e) {
      setError(`The changes were not saved. ${e instanceof Error ? e.message : ''}`);
      setSaving(false);
    }
  };
  return (
    <form className="card nested" autoComplete="off" onSubmit={(e) => void submit(e)} noValidate>
      <h3>Edit description and links</h3>
      {error ? <Alert>{error}</Alert> : null}
      <TextArea
        label="Description"
        hint="What it shows, and why it matters."
        value={description}
        onChange={setDescription}
        rows={3}
      />
      <fieldset>
        <legend>Incidents it belongs to</legend>
        {props.incidents.length === 0 ? <p className="hint">No incidents yet.</p> : null}
        <div className="checks">
          {props.incidents.map((i) => (
            <label key={i.id} className="check">
              <input
                type="checkbox"
                autoComplete="off"
                checked={chosen.includes(i.id)}
                onChange={(e) =>
                  setChosen((c) => (e.target.checked ? [...c, i.id] : c.filter((x) => x !== i.id)))
                }
              />
              <span>{i.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button" disabled={saving}>
          Save changes
        </button>
        <button type="button" className="button quiet" onClick={props.onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
