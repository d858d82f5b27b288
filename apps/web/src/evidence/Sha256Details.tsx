/**
 * The SHA-256 row of an item, as 64 hex characters: monospace, wraps on a phone, one tap
 * selects it all. The card and the viewer show it the same way.
 */
export function Sha256Details({ value }: { value: string }) {
  return (
    <dl className="details sha-details">
      <div className="details-row">
        <dt>SHA-256</dt>
        <dd>
          <code className="sha256">{value}</code>
        </dd>
      </div>
    </dl>
  );
}
