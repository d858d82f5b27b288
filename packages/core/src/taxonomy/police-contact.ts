import { entries, taxonomySchema } from './taxonomy-entry';

/** Whether the police were told about an incident. Ids are stable. */
export const POLICE_CONTACTED_IDS = ['yes', 'no', 'not-yet'] as const;
export type PoliceContactedId = (typeof POLICE_CONTACTED_IDS)[number];
export const POLICE_CONTACTED_LABELS = {
  yes: 'Yes',
  no: 'No',
  'not-yet': 'Not yet',
} as const satisfies Record<PoliceContactedId, string>;
export const POLICE_CONTACTED = entries(POLICE_CONTACTED_IDS, POLICE_CONTACTED_LABELS);
export const PoliceContactedSchema = taxonomySchema(
  POLICE_CONTACTED_IDS,
  'whether you contacted the police',
);

/** How the police were contacted. Ids are stable: add at the end, never rename. */
export const POLICE_METHOD_IDS = ['999', '101', 'online', 'in-person', 'other'] as const;
export type PoliceMethodId = (typeof POLICE_METHOD_IDS)[number];
export const POLICE_METHOD_LABELS = {
  '999': '999 (emergency)',
  '101': '101 (non-emergency)',
  online: 'Online report',
  'in-person': 'In person at a police station',
  other: 'Another way',
} as const satisfies Record<PoliceMethodId, string>;
export const POLICE_METHODS = entries(POLICE_METHOD_IDS, POLICE_METHOD_LABELS);
export const PoliceMethodSchema = taxonomySchema(POLICE_METHOD_IDS, 'how you contacted the police');
