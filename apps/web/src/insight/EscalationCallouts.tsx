import type { EscalationSignal, Incident } from '@casebook/core';
import { channelLabel } from '../diary/labels';
import type { Navigate } from '../diary/routes';
import { describeSignal } from './escalation-text';
import { formatLocalDate } from './format-date';
import { IncidentLinks } from './IncidentLinks';

const RANK: Record<EscalationSignal['kind'], number> = {
  'frequency-rising': 0,
  'first-serious': 1,
  'third-party-contact': 2,
  'new-channel': 3,
};

/**
 * Escalation as call-outs, each linking to the incidents behind it: happening more often first,
 * then first serious behaviours and first contact with people around you in date order; new
 * ways of making contact share one call-out so they do not crowd out the rest.
 */
export function EscalationCallouts(props: {
  signals: readonly EscalationSignal[];
  byId: ReadonlyMap<string, Incident>;
  navigate: Navigate;
  withYear: boolean;
}) {
  const main = props.signals
    .filter((s) => s.kind !== 'new-channel')
    .sort((a, b) => RANK[a.kind] - RANK[b.kind] || a.date.localeCompare(b.date));
  const channels = props.signals.filter((s) => s.kind === 'new-channel');
  if (props.signals.length === 0) {
    return <p>Nothing in the log shows it getting worse so far.</p>;
  }
  return (
    <ul className="callouts" aria-label="Signs it is getting worse">
      {main.map((signal) => {
        const c = describeSignal(signal, props.withYear);
        return (
          <li
            key={`${signal.kind}-${signal.date}-${signal.incidentIds[0] ?? ''}`}
            className={`callout${c.serious ? ' serious' : ''}`}
          >
            <h3>{c.heading}</h3>
            <p>{c.text}</p>
            <IncidentLinks
              ids={signal.incidentIds}
              byId={props.byId}
              navigate={props.navigate}
              label={`Incidents behind “${c.heading}”`}
            />
          </li>
        );
      })}
      {channels.length > 0 ? (
        <li className="callout channels">
          <h3>New ways of reaching you</h3>
          <p>
            The first time each way of making contact appears in your log, after the first incident.
          </p>
          <ul className="channel-list">
            {channels.map((s) =>
              s.kind === 'new-channel' ? (
                <li key={s.channel}>
                  <span>
                    {channelLabel(s.channel)}: first on {formatLocalDate(s.date, props.withYear)}
                  </span>
                  <IncidentLinks
                    ids={s.incidentIds}
                    byId={props.byId}
                    navigate={props.navigate}
                    label={`First incident by ${channelLabel(s.channel)}`}
                    compact
                  />
                </li>
              ) : null,
            )}
          </ul>
        </li>
      ) : null}
    </ul>
  );
}
