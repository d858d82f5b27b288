import type { IncidentId } from '../ids';
import type { Incident } from '../records/incident';
import { BEHAVIOUR_IDS, type BehaviourId, behaviour, type Severity } from '../taxonomy/behaviours';
import type { ChannelId } from '../taxonomy/channels';
import { isoDate } from './local-date';
import type { AnalysisOptions } from './options';
import { asTimeline, localDayOf, type Timeline } from './timeline';

/** Which kind of serious behaviour a first occurrence is, for call-outs and the summary. */
export type SeriousKind = 'threat' | 'damage' | 'break-in' | 'assault' | 'other';

/** Behaviours that mean the person responsible has reached people around the victim. */
export const THIRD_PARTY_BEHAVIOURS: readonly BehaviourId[] = [
  'harassing-family-or-friends',
  'harassing-colleagues',
  'spreading-lies',
  'befriending-people-close-to-you',
  'engaging-others-to-help',
];

/** A behaviour is "serious" from severity 3: threats, damage, entry, violence. */
export const SERIOUS_SEVERITY: Severity = 3;

export type EscalationSignal =
  | {
      readonly kind: 'frequency-rising';
      /** The local date the comparison was made on (`now`). */
      readonly date: string;
      readonly windowDays: number;
      readonly recentCount: number;
      readonly previousCount: number;
      /** The incidents in the recent window. */
      readonly incidentIds: readonly IncidentId[];
      readonly previousIncidentIds: readonly IncidentId[];
    }
  | {
      readonly kind: 'first-serious';
      readonly date: string;
      readonly behaviour: BehaviourId;
      readonly severity: Severity;
      readonly category: SeriousKind;
      /** True when nothing logged before was this severe. */
      readonly moreSeriousThanBefore: boolean;
      readonly incidentIds: readonly [IncidentId];
    }
  | {
      readonly kind: 'new-channel';
      readonly date: string;
      readonly channel: ChannelId;
      readonly incidentIds: readonly [IncidentId];
    }
  | {
      readonly kind: 'third-party-contact';
      readonly date: string;
      /** The third-party behaviours logged on that incident. */
      readonly behaviours: readonly BehaviourId[];
      /** True when the incident came "through another person". */
      readonly throughAnotherPerson: boolean;
      readonly incidentIds: readonly [IncidentId];
    };

export interface EscalationOptions extends AnalysisOptions {
  /** Length of each comparison window in days; default 28 (four weeks). */
  readonly windowDays?: number;
  /** Recent count must be at least this times the previous count; default 1.5. */
  readonly minRatio?: number;
  /** Recent window must hold at least this many incidents; default 4 (one a week). */
  readonly minRecent?: number;
}

/** The category of a serious behaviour. */
export function seriousKind(id: BehaviourId): SeriousKind {
  const b = behaviour(id);
  if (b.group === 'threats') return 'threat';
  if (id === 'damage-to-property' || id === 'interfering-with-property') return 'damage';
  if (id === 'break-in' || id === 'burglary-or-robbery') return 'break-in';
  if (id === 'physical-assault' || id === 'sexual-assault') return 'assault';
  return 'other';
}

const ORDER = new Map(BEHAVIOUR_IDS.map((id, i) => [id, i]));
const byTaxonomy = (a: BehaviourId, b: BehaviourId) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0);

/**
 * Signs that things are getting worse, in date order:
 *
 * - `first-serious`: the first incident with each behaviour of severity ≥ 3 (threats, damage,
 *   break-in, assault, hacking …); `moreSeriousThanBefore` when it beats every earlier incident.
 * - `new-channel`: a channel first seen on a later local day than the first incident.
 * - `third-party-contact`: the first incident that reached people around the victim
 *   ({@link THIRD_PARTY_BEHAVIOURS}, or channel `through-another-person`).
 * - `frequency-rising` (dated `now`): with `W` = `windowDays` (28), the recent window is the W
 *   local days ending on `now`'s date, the previous window the W days before it. Rising when
 *   recent ≥ `minRecent` (4) and recent ≥ `minRatio` (1.5) × previous, and the log began
 *   before the recent window (otherwise there is nothing to compare with).
 */
export function escalationSignals(
  source: readonly Incident[] | Timeline,
  options: EscalationOptions,
): EscalationSignal[] {
  const { entries } = asTimeline(source);
  const signals: EscalationSignal[] = [];
  const seenBehaviours = new Set<BehaviourId>();
  const seenChannels = new Set<ChannelId>();
  let maxSeverity = 0;
  let thirdPartySeen = false;
  const firstDay = entries[0]?.day;

  for (const e of entries) {
    const id = e.id;
    const behaviours = e.incident.behaviours;
    let severityHere = 0;
    let firsts: BehaviourId[] | undefined;
    for (const b of behaviours) {
      const { severity } = behaviour(b);
      severityHere = Math.max(severityHere, severity);
      if (severity < SERIOUS_SEVERITY || seenBehaviours.has(b)) continue;
      firsts ??= [];
      if (!firsts.includes(b)) firsts.push(b);
    }
    for (const b of firsts?.sort(byTaxonomy) ?? []) {
      const { severity } = behaviour(b);
      signals.push({
        kind: 'first-serious',
        date: isoDate(e.day),
        behaviour: b,
        severity,
        category: seriousKind(b),
        moreSeriousThanBefore: severity > maxSeverity,
        incidentIds: [id],
      });
    }
    for (const b of behaviours) seenBehaviours.add(b);
    maxSeverity = Math.max(maxSeverity, severityHere);

    const channel = e.incident.channel;
    if (channel !== undefined && !seenChannels.has(channel)) {
      seenChannels.add(channel);
      if (firstDay !== undefined && e.day > firstDay) {
        signals.push({ kind: 'new-channel', date: isoDate(e.day), channel, incidentIds: [id] });
      }
    }

    if (!thirdPartySeen) {
      const third = [...new Set(behaviours.filter((b) => THIRD_PARTY_BEHAVIOURS.includes(b)))].sort(
        byTaxonomy,
      );
      const throughAnotherPerson = channel === 'through-another-person';
      if (third.length > 0 || throughAnotherPerson) {
        thirdPartySeen = true;
        signals.push({
          kind: 'third-party-contact',
          date: isoDate(e.day),
          behaviours: third,
          throughAnotherPerson,
          incidentIds: [id],
        });
      }
    }
  }

  const rising = frequencyRising(entries, options);
  if (rising !== undefined) signals.push(rising);
  return signals;
}

function frequencyRising(
  entries: Timeline['entries'],
  options: EscalationOptions,
): EscalationSignal | undefined {
  const windowDays = options.windowDays ?? 28;
  const minRatio = options.minRatio ?? 1.5;
  const minRecent = options.minRecent ?? 4;
  const today = localDayOf(options.now, options.zone);
  const recentFrom = today - windowDays + 1;
  const previousFrom = recentFrom - windowDays;
  const recent: IncidentId[] = [];
  const previous: IncidentId[] = [];
  let earliest = Number.POSITIVE_INFINITY;
  for (const e of entries) {
    earliest = Math.min(earliest, e.day);
    if (e.day >= recentFrom && e.day <= today) recent.push(e.id);
    else if (e.day >= previousFrom && e.day < recentFrom) previous.push(e.id);
  }
  const rising =
    earliest < recentFrom &&
    recent.length >= minRecent &&
    recent.length >= minRatio * previous.length;
  if (!rising) return undefined;
  return {
    kind: 'frequency-rising',
    date: isoDate(today),
    windowDays,
    recentCount: recent.length,
    previousCount: previous.length,
    incidentIds: recent,
    previousIncidentIds: previous,
  };
}
