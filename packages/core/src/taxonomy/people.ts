import { entries, taxonomySchema } from './taxonomy-entry';

/** Who a person is in this case. Ids are stable: add at the end, never rename. */
export const PERSON_ROLE_IDS = ['offender', 'witness', 'trusted-contact'] as const;
export type PersonRoleId = (typeof PERSON_ROLE_IDS)[number];
export const PERSON_ROLE_LABELS = {
  offender: 'Person responsible',
  witness: 'Witness',
  'trusted-contact': 'Trusted contact',
} as const satisfies Record<PersonRoleId, string>;
export const PERSON_ROLES = entries(PERSON_ROLE_IDS, PERSON_ROLE_LABELS);
export const PersonRoleSchema = taxonomySchema(PERSON_ROLE_IDS, 'who this person is');

/** How a person is related to the victim. Ids are stable: add at the end, never rename. */
export const RELATIONSHIP_IDS = [
  'ex-partner',
  'partner',
  'family',
  'colleague',
  'neighbour',
  'acquaintance',
  'stranger',
  'unknown',
  'other',
] as const;
export type RelationshipId = (typeof RELATIONSHIP_IDS)[number];
export const RELATIONSHIP_LABELS = {
  'ex-partner': 'Ex-partner',
  partner: 'Partner',
  family: 'Family member',
  colleague: 'Colleague',
  neighbour: 'Neighbour',
  acquaintance: 'Someone you know',
  stranger: 'Stranger',
  unknown: 'Not known',
  other: 'Other',
} as const satisfies Record<RelationshipId, string>;
export const RELATIONSHIPS = entries(RELATIONSHIP_IDS, RELATIONSHIP_LABELS);
export const RelationshipSchema = taxonomySchema(RELATIONSHIP_IDS, 'how you know this person');
