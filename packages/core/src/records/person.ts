import { z } from 'zod';
import { EvidenceIdSchema, PersonIdSchema } from '../ids';
import { PersonRoleSchema, RelationshipSchema } from '../taxonomy/people';
import { list, longText, requiredShortText } from './text';
import { VehicleSchema } from './vehicle';

export const PERSON_SCHEMA_VERSION: 1 = 1;

export const SocialHandleSchema = z.strictObject({
  platform: requiredShortText('Enter the app or website, like Instagram.'),
  handle: requiredShortText('Enter the account name.'),
});

/**
 * Someone in the case: the person responsible (known or not), a witness, or a trusted contact.
 * An unknown person has no names, only a description.
 */
export const PersonSchema = z.strictObject({
  schema: z.literal(PERSON_SCHEMA_VERSION),
  id: PersonIdSchema,
  role: PersonRoleSchema,
  relationship: RelationshipSchema,
  names: list(requiredShortText('A name cannot be blank.'), 100),
  phones: list(requiredShortText('A phone number cannot be blank.'), 100),
  emails: list(requiredShortText('An email address cannot be blank.'), 100),
  handles: list(SocialHandleSchema, 100),
  vehicles: list(VehicleSchema, 100),
  description: longText.optional(),
  notes: longText.optional(),
  /** A photo of them, kept as an evidence item. */
  photo: EvidenceIdSchema.optional(),
});

export type SocialHandle = z.infer<typeof SocialHandleSchema>;
export type Person = z.infer<typeof PersonSchema>;
