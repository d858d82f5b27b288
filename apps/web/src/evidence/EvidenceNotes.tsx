import { useId } from 'react';

/** What the times and camera information mean, one sentence a line, kept in view. */
export function EvidenceNotes({ notes }: { notes: readonly string[] }) {
  const id = useId();
  if (notes.length === 0) return null;
  return (
    <div className="evidence-notes">
      <p className="evidence-notes-title" id={id}>
        About these details
      </p>
      <ul aria-labelledby={id}>
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}
