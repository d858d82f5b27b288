import type { Incident } from '@casebook/core';
import type { Navigate } from '../diary/routes';
import { formatLocalWhen } from './format-date';

/**
 * Buttons that open the incidents behind a figure, newest first, at most `limit` of them.
 * In-app navigation is in memory (never the URL), so these are buttons styled as links.
 */
export function IncidentLinks(props: {
  ids: readonly string[];
  byId: ReadonlyMap<string, Incident>;
  navigate: Navigate;
  limit?: number;
  label?: string;
  /** Show only "See the incident"; the date is still read out. */
  compact?: boolean;
  /** List oldest first (the default is newest first). */
  oldestFirst?: boolean;
}) {
  const limit = props.limit ?? 3;
  const ordered = props.oldestFirst ? props.ids : [...props.ids].reverse();
  const shown = ordered.slice(0, limit);
  const more = props.ids.length - shown.length;
  return (
    <ul className="incident-links" aria-label={props.label ?? 'Incidents behind this'}>
      {shown.map((id) => {
        const incident = props.byId.get(id);
        return (
          <li key={id}>
            <button
              type="button"
              className="link-button"
              onClick={() => props.navigate({ name: 'incident', id })}
            >
              {incident && props.compact ? (
                <>
                  See the incident
                  <span className="visually-hidden">
                    {` of ${formatLocalWhen(incident.when.start.local)}`}
                  </span>
                </>
              ) : incident ? (
                `See the incident of ${formatLocalWhen(incident.when.start.local)}`
              ) : (
                'See the incident'
              )}
            </button>
          </li>
        );
      })}
      {more > 0 ? <li className="card-meta">and {more} more, in Incidents</li> : null}
    </ul>
  );
}
