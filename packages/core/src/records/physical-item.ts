import { z } from 'zod';
import { EvidenceIdSchema, IncidentIdSchema, ItemIdSchema } from '../ids';
import { list, longText, requiredLongText, shortText } from './text';
import { ZonedDateTimeSchema } from './zoned-time';

export const PHYSICAL_ITEM_SCHEMA_VERSION: 1 = 1;

export const HandedToPoliceSchema = z.strictObject({
  handed: z.boolean(),
  when: ZonedDateTimeSchema.optional(),
  reference: shortText.optional(),
});

/** A letter, parcel, gift or note kept as evidence ("do not throw them away"). */
export const PhysicalItemSchema = z.strictObject({
  schema: z.literal(PHYSICAL_ITEM_SCHEMA_VERSION),
  id: ItemIdSchema,
  what: requiredLongText('Describe the item, for example "a card left on the doorstep".'),
  receivedAt: ZonedDateTimeSchema,
  whereKeptNow: longText.optional(),
  handedToPolice: HandedToPoliceSchema,
  /** Photos or scans of the item. */
  evidence: list(EvidenceIdSchema, 10_000),
  incidents: list(IncidentIdSchema, 10_000),
});

export type HandedToPolice = z.infer<typeof HandedToPoliceSchema>;
export type PhysicalItem = z.infer<typeof PhysicalItemSchema>;
