import type { IncidentId } from '../ids';
import type { Incident } from '../records/incident';
import type { PlaceTypeId } from '../taxonomy/place-types';
import { asTimeline, type Timeline } from './timeline';

export interface PlaceTypeCount {
  readonly placeType: PlaceTypeId;
  readonly count: number;
  readonly incidentIds: readonly IncidentId[];
}

/** One place that came up at least twice. */
export interface RecurringPlace {
  /** Normalised text and place type, e.g. `home|outside my flat`. */
  readonly key: string;
  /** The words as first written. */
  readonly text: string;
  readonly placeType?: PlaceTypeId;
  readonly count: number;
  readonly incidentIds: readonly IncidentId[];
}

export interface Places {
  /** Incidents per kind of place, most first. */
  readonly byPlaceType: readonly PlaceTypeCount[];
  /** Places named on two or more incidents, most first. */
  readonly recurring: readonly RecurringPlace[];
}

/**
 * Location text reduced so small differences do not split a place: lower case, accents,
 * punctuation and extra spaces removed ("Outside  my flat." = "outside my flat").
 */
export function normalisePlaceText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const byCountThenKey =
  <T extends { count: number }>(key: (t: T) => string) =>
  (a: T, b: T) =>
    b.count - a.count || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** Kinds of place, and places named more than once (same normalised text and place type). */
export function recurringPlaces(source: readonly Incident[] | Timeline): Places {
  const { entries } = asTimeline(source);
  const types = new Map<PlaceTypeId, IncidentId[]>();
  const named = new Map<string, { text: string; placeType?: PlaceTypeId; ids: IncidentId[] }>();
  // Logs repeat the same few phrases: normalise each distinct text once.
  const normalised = new Map<string, string>();
  for (const e of entries) {
    const location = e.incident.location;
    if (location === undefined) continue;
    const { placeType, text } = location;
    if (placeType !== undefined) {
      const list = types.get(placeType);
      if (list === undefined) types.set(placeType, [e.id]);
      else list.push(e.id);
    }
    if (text === undefined) continue;
    let normal = normalised.get(text);
    if (normal === undefined) {
      normal = normalisePlaceText(text);
      normalised.set(text, normal);
    }
    if (normal === '') continue;
    const key = `${placeType ?? ''}|${normal}`;
    const place = named.get(key);
    if (place !== undefined) place.ids.push(e.id);
    else
      named.set(
        key,
        placeType === undefined ? { text, ids: [e.id] } : { text, placeType, ids: [e.id] },
      );
  }
  const byPlaceType = [...types].map(([placeType, incidentIds]) => ({
    placeType,
    count: incidentIds.length,
    incidentIds,
  }));
  byPlaceType.sort(byCountThenKey((p) => p.placeType));
  const recurring: RecurringPlace[] = [];
  for (const [key, { ids, ...rest }] of named) {
    if (ids.length >= 2) recurring.push({ key, ...rest, count: ids.length, incidentIds: ids });
  }
  recurring.sort(byCountThenKey((p) => p.key));
  return { byPlaceType, recurring };
}
