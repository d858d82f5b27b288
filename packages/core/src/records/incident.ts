import { z } from 'zod';
import { EvidenceIdSchema, IncidentIdSchema, PersonIdSchema } from '../ids';
import { BehaviourSchema } from '../taxonomy/behaviours';
import { ChannelSchema } from '../taxonomy/channels';
import { PlaceTypeSchema } from '../taxonomy/place-types';
import { PoliceContactedSchema, PoliceMethodSchema } from '../taxonomy/police-contact';
import { CoordinatesSchema } from './coordinates';
import { list, longText, requiredLongText, requiredShortText, shortText } from './text';
import { VehicleSchema } from './vehicle';
import { ZonedDateTimeSchema } from './zoned-time';

export const INCIDENT_SCHEMA_VERSION: 1 = 1;

/** When it happened: a start, perhaps an end, and whether the victim is unsure of the time. */
export const IncidentWhenSchema = z.strictObject({
  start: ZonedDateTimeSchema,
  end: ZonedDateTimeSchema.optional(),
  approximate: z.boolean(),
});

export const IncidentLocationSchema = z.strictObject({
  text: shortText.optional(),
  placeType: PlaceTypeSchema.optional(),
  coords: CoordinatesSchema.optional(),
});

/** What the person responsible looked like, sounded like and wore this time. */
export const OffenderDescriptionSchema = z.strictObject({
  looked: longText.optional(),
  sounded: longText.optional(),
  wore: longText.optional(),
});

export const WitnessSchema = z.strictObject({
  name: requiredShortText('Enter a name or a few words to describe the witness.'),
  /** How to reach them: a phone number, an email, "lives at number 12". */
  contact: shortText.optional(),
  personId: PersonIdSchema.optional(),
});

export const PoliceContactSchema = z.strictObject({
  contacted: PoliceContactedSchema,
  method: PoliceMethodSchema.optional(),
  whatTheyDid: longText.optional(),
  reference: shortText.optional(),
  officer: shortText.optional(),
});

/** One incident of the stalking log: every column of the booklet and every detail the pages ask for. */
export const IncidentSchema = z.strictObject({
  schema: z.literal(INCIDENT_SCHEMA_VERSION),
  id: IncidentIdSchema,
  when: IncidentWhenSchema,
  location: IncidentLocationSchema.optional(),
  whatHappened: requiredLongText('Write a few words about what happened.'),
  behaviours: list(BehaviourSchema, 100),
  channel: ChannelSchema.optional(),
  people: list(PersonIdSchema),
  offenderDescription: OffenderDescriptionSchema.optional(),
  vehicle: VehicleSchema.optional(),
  evidence: list(EvidenceIdSchema, 10_000),
  witnesses: list(WitnessSchema),
  police: PoliceContactSchema.optional(),
  impact: longText.optional(),
  changesMade: longText.optional(),
  impactOnOthers: longText.optional(),
});

export type IncidentWhen = z.infer<typeof IncidentWhenSchema>;
export type IncidentLocation = z.infer<typeof IncidentLocationSchema>;
export type OffenderDescription = z.infer<typeof OffenderDescriptionSchema>;
export type Witness = z.infer<typeof WitnessSchema>;
export type PoliceContact = z.infer<typeof PoliceContactSchema>;
export type Incident = z.infer<typeof IncidentSchema>;
