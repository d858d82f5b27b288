import { entries, taxonomySchema } from './taxonomy-entry';

/** The kind of place an incident happened. Ids are stable: add at the end, never rename. */
export const PLACE_TYPE_IDS = [
  'home',
  'work',
  'school',
  'gym',
  'street',
  'online',
  'phone',
  'other',
] as const;

export type PlaceTypeId = (typeof PLACE_TYPE_IDS)[number];

export const PLACE_TYPE_LABELS = {
  home: 'Home',
  work: 'Work',
  school: 'School',
  gym: 'Gym',
  street: 'Street or public place',
  online: 'Online',
  phone: 'Phone',
  other: 'Somewhere else',
} as const satisfies Record<PlaceTypeId, string>;

export const PLACE_TYPES = entries(PLACE_TYPE_IDS, PLACE_TYPE_LABELS);
export const PlaceTypeSchema = taxonomySchema(PLACE_TYPE_IDS, 'a kind of place');
