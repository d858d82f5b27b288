import type { Line } from './labels';

export function Details({ lines }: { lines: readonly Line[] }) {
  return (
    <dl className="details">
      {lines.map((l) => (
        <div key={l.label} className="details-row">
          <dt>{l.label}</dt>
          <dd>{l.value}</dd>
        </div>
      ))}
    </dl>
  );
}
