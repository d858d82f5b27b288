import { type FormEvent, useState } from 'react';
import { TextField } from '../components/Fields';

interface Field {
  readonly key: string;
  readonly label: string;
  readonly required?: boolean;
  /** Shown as a one-tap `tel:` link when it reads as a phone number. */
  readonly phone?: boolean;
}

/** "07700 900123" → "07700900123"; undefined when the text is not a phone number. */
export function dialable(text: string): string | undefined {
  const compact = text.replace(/[\s()-]/g, '');
  return /^\+?\d{3,15}$/.test(compact) ? compact : undefined;
}

/**
 * A short list of text entries with an "add" form and a remove button per entry: trusted
 * people, safe places, routine changes. The first field is the entry's name.
 */
export function EntryList(props: {
  id: string;
  title: string;
  intro: string;
  fields: readonly [Field, ...Field[]];
  entries: readonly Readonly<Record<string, string | undefined>>[];
  addLabel: string;
  empty: string;
  onAdd(values: Record<string, string>): void;
  onRemove(index: number): void;
}) {
  const blank = Object.fromEntries(props.fields.map((f) => [f.key, '']));
  const [values, setValues] = useState<Record<string, string>>(blank);
  const [error, setError] = useState<string | undefined>();
  const [first] = props.fields;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if ((values[first.key] ?? '').trim() === '') {
      setError(`Enter ${first.label.toLowerCase()}.`);
      return;
    }
    const trimmed: Record<string, string> = {};
    for (const f of props.fields) {
      const v = (values[f.key] ?? '').trim();
      if (v !== '') trimmed[f.key] = v;
    }
    props.onAdd(trimmed);
    setValues(blank);
    setError(undefined);
  };

  return (
    <section className="entry-list" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`} tabIndex={-1}>
        {props.title}
      </h2>
      <p>{props.intro}</p>
      {props.entries.length === 0 ? (
        <p className="card-meta">{props.empty}</p>
      ) : (
        <ul className="card-list" aria-label={props.title}>
          {props.entries.map((entry, i) => {
            const name = entry[first.key] ?? '';
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id; order is their identity
              <li key={`${i}-${name}`} className="card entry">
                <div>
                  <p className="card-text">{name}</p>
                  {props.fields.slice(1).map((f) => {
                    const value = entry[f.key];
                    if (!value) return null;
                    const dial = f.phone ? dialable(value) : undefined;
                    return (
                      <p key={f.key} className="card-meta">
                        {f.label}: {dial ? <a href={`tel:${dial}`}>{value}</a> : value}
                      </p>
                    );
                  })}
                </div>
                <button type="button" className="button quiet" onClick={() => props.onRemove(i)}>
                  Remove<span className="visually-hidden"> {name}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <form className="entry-form" autoComplete="off" onSubmit={submit} aria-label={props.addLabel}>
        <div className="inline-fields">
          {props.fields.map((f, i) => (
            <TextField
              key={f.key}
              label={f.label}
              value={values[f.key] ?? ''}
              onChange={(v) => setValues((old) => ({ ...old, [f.key]: v }))}
              error={i === 0 ? error : undefined}
            />
          ))}
        </div>
        <button type="submit" className="button secondary">
          {props.addLabel}
        </button>
      </form>
    </section>
  );
}
