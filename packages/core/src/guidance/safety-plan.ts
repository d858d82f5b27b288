import { z } from 'zod';
import { list, longText, requiredLongText, requiredShortText, shortText } from '../records/text';
import { InstantSchema } from '../records/zoned-time';
import { SAFETY_PLAN_ITEM_IDS } from './safety-plan-items';

export * from './safety-plan-items';

export const SAFETY_PLAN_SCHEMA_VERSION: 1 = 1;

export const SafetyItemStatusSchema = z.enum(['done', 'not-yet', 'not-relevant'], {
  error: 'Choose done, not yet or not relevant.',
});
export type SafetyItemStatus = z.infer<typeof SafetyItemStatusSchema>;

export const SafetyItemStateSchema = z.strictObject({
  status: SafetyItemStatusSchema,
  note: longText.optional(),
});

export const TrustedPersonSchema = z.strictObject({
  name: requiredShortText('Enter a name.'),
  /** A phone number or another way to reach them. */
  contact: shortText.optional(),
  note: longText.optional(),
});

export const SafePlaceSchema = z.strictObject({
  name: requiredShortText('Enter a name for the place, like "Police station on High Street".'),
  address: shortText.optional(),
  note: longText.optional(),
});

export const RoutineChangeSchema = z.strictObject({
  change: requiredLongText('Write a few words about the change.'),
  note: longText.optional(),
});

/**
 * The person's own safety plan: where they are with each item (unlisted items are not started),
 * and their trusted people, safe places and changes to routine. One record, updated in place.
 */
export const SafetyPlanSchema = z.strictObject({
  schema: z.literal(SAFETY_PLAN_SCHEMA_VERSION),
  updatedAt: InstantSchema,
  items: z.partialRecord(
    z.enum(SAFETY_PLAN_ITEM_IDS, { error: 'This is not one of the safety plan items.' }),
    SafetyItemStateSchema,
  ),
  trustedPeople: list(TrustedPersonSchema, 100),
  safePlaces: list(SafePlaceSchema, 100),
  routineChanges: list(RoutineChangeSchema, 100),
});

export type TrustedPerson = z.infer<typeof TrustedPersonSchema>;
export type SafePlace = z.infer<typeof SafePlaceSchema>;
export type RoutineChange = z.infer<typeof RoutineChangeSchema>;
export type SafetyPlan = z.infer<typeof SafetyPlanSchema>;

/** An empty plan dated `at`. */
export function emptySafetyPlan(at: Date): SafetyPlan {
  return {
    schema: SAFETY_PLAN_SCHEMA_VERSION,
    updatedAt: at.toISOString(),
    items: {},
    trustedPeople: [],
    safePlaces: [],
    routineChanges: [],
  };
}
